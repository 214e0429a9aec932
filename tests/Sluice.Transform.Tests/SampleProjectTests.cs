using System.Diagnostics;

namespace Sluice.Transform.Tests;

public sealed class SampleProjectTests
{
    [Fact]
    public async Task The_sample_project_builds_end_to_end_with_the_sluice_executable()
    {
        using var sample = new ShopProject("dbt-shop");
        var (code, output, error) = await RunSluiceAsync(sample.Root, "build", "--project-dir", sample.Root);
        Assert.True(code == 0, output + error);
        Assert.Contains("OK created snapshot analytics.customer_history", output, StringComparison.Ordinal);
        Assert.Contains("ERROR=0 SKIP=0", output, StringComparison.Ordinal);
        Assert.Equal(
            [["1", "Ada Lovelace"], ["2", "Alan Turing"], ["3", "Grace Hopper"]],
            await sample.QueryAsync("select customer_id, full_name from customer_history where dbt_valid_to is null order by customer_id"));

        // A second build is incremental: nothing new, nothing duplicated.
        var again = await RunSluiceAsync(sample.Root, "build", "--project-dir", sample.Root);
        Assert.True(again.Code == 0, again.Output + again.Error);
        Assert.Equal([["5"]], await sample.QueryAsync("select count(*) from fct_orders"));
        Assert.Equal([["5"]], await sample.QueryAsync("select count(*) from order_log"));
        Assert.Equal([["3"]], await sample.QueryAsync("select count(*) from customer_history"));
    }

    private static async Task<(int Code, string Output, string Error)> RunSluiceAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "sluice"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("SLUICE_LAKEHOUSE");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
