using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Sluice.Cli.Tests;

/// <summary>
/// The crash-safety harness: runs the real <c>sluice pipeline run</c> process, kills it with SIGKILL at a random
/// moment, then reruns until the package is finished, many times over one lakehouse. At the end every committed load
/// must hold exactly the rows of its files (nothing lost, nothing doubled) and nothing may be left pending. After every
/// kill, once a load has committed, the tables must be readable and whole (a reader never sees a half-switched table).
/// <c>SLUICE_KILL_RUNS</c> sets the number of kills (default 8; the figure is 50).
/// </summary>
public sealed class KillNineTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const int RowsPerFile = 400;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("iceberg", "append")]
    [InlineData("hive", "replace")]
    [InlineData("hive", "merge")]
    public async Task Killing_the_process_anywhere_never_loses_or_doubles_rows(string format, string disposition)
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("SLUICE_KILL_RUNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 8;
        var data = Path.Combine(_temp.Path, "data");
        Directory.CreateDirectory(data);
        for (var file = 0; file < 2; file++)
        {
            var text = new StringBuilder();
            for (var i = 0; i < RowsPerFile; i++)
            {
                text.Append(CultureInfo.InvariantCulture, $$"""{"id": {{file * RowsPerFile + i}}, "tags": ["a", "b"], "at": "2024-01-01T00:00:00Z"}""").Append('\n');
            }

            await File.WriteAllTextAsync(Path.Combine(data, $"part{file}.jsonl"), text.ToString());
        }

        string[] run = disposition == "merge"
            ? ["pipeline", "run", "data/*.jsonl", "-p", "crash", "-d", "raw", "--table", "events", "--table-format", format, "--write-disposition", disposition, "--primary-key", "id"]
            : ["pipeline", "run", "data/*.jsonl", "-p", "crash", "-d", "raw", "--table", "events", "--table-format", format, "--write-disposition", disposition];
        var random = new Random(20_241_121);
        var killed = 0;
        var checkedRows = 0L;
        var committed = false;
        // The kill comes at a random moment within the time a whole run took last (first guess 2.5 s), so most kills
        // land inside a run rather than after it.
        var window = 2500;
        for (var attempt = 0; attempt < runs; attempt++)
        {
            if (await RunAndKillAsync(run, TimeSpan.FromMilliseconds(random.Next(50, window))))
            {
                killed++;
            }

            if (committed && disposition != "append")
            {
                // Read right after the kill, before any resume: the table holds one whole load, root and child rows.
                Assert.Equal($"n,d,l\n{2 * RowsPerFile},{2 * RowsPerFile},1\n", await QueryAsync("SELECT count(*) AS n, count(DISTINCT id) AS d, count(DISTINCT _sluice_load_id) AS l FROM events"));
                Assert.Equal($"n\n{4 * RowsPerFile}\n", await QueryAsync("SELECT count(*) AS n FROM events__tags"));
                checkedRows += 6 * RowsPerFile;
            }

            // Rerun until a run finishes cleanly; a run that only finished a pending package says so.
            for (var again = 0; again < 3; again++)
            {
                var clock = Stopwatch.StartNew();
                var result = await CliRunner.RunProcessAsync(_temp.Path, null, run);
                Assert.True(result.ExitCode == 0, result.Error);
                window = Math.Max(200, (int)clock.ElapsedMilliseconds);
                if (!result.Output.Contains("Finished a package an earlier run left", StringComparison.Ordinal))
                {
                    break;
                }
            }

            committed = true;
        }

        Assert.True(killed > 0, "No run was killed before it finished; the harness tested nothing.");
        output.WriteLine($"{format} {disposition}: {killed} of {runs} runs killed with SIGKILL before they finished; {checkedRows} rows checked readable between kill and resume.");
        var perLoad = await QueryAsync(
            "SELECT l.load_id, (SELECT count(*) FROM events e WHERE e._sluice_load_id = l.load_id) AS n FROM _sluice_loads l ORDER BY l.load_id");
        var loads = perLoad.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var total = await QueryAsync("SELECT count(*) AS n, count(DISTINCT _sluice_id) AS d FROM events");
        var tags = await QueryAsync("SELECT count(*) AS n FROM events__tags");
        if (disposition == "append")
        {
            Assert.All(loads, l => Assert.Equal((2 * RowsPerFile).ToString(CultureInfo.InvariantCulture), l.Split(',')[1]));
            Assert.Equal($"n,d\n{loads.Count * 2 * RowsPerFile},{loads.Count * 2 * RowsPerFile}\n", total);
            Assert.Equal($"n\n{loads.Count * 4 * RowsPerFile}\n", tags);
        }
        else
        {
            Assert.Equal($"n,d\n{2 * RowsPerFile},{2 * RowsPerFile}\n", total);
            Assert.Equal($"n\n{4 * RowsPerFile}\n", tags);
            Assert.Equal(loads.Count - 1, loads.Count(l => l.Split(',')[1] == "0"));
        }

        var work = Path.Combine(_temp.Path, ".sluice", "pipelines", "crash");
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(work, "load")));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(work, "extract")));
    }

    private async Task<string> QueryAsync(string sql)
    {
        var result = await CliRunner.RunProcessAsync(_temp.Path, null, "query", "--format", "csv", "-d", "raw", sql);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Output.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\"", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>Starts the command and sends SIGKILL after <paramref name="after"/>; true when it was killed before finishing.</summary>
    private async Task<bool> RunAndKillAsync(string[] args, TimeSpan after)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "sluice"))
        {
            WorkingDirectory = _temp.Path,
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
        using var timer = new CancellationTokenSource(after);
        try
        {
            await process.WaitForExitAsync(timer.Token);
            await Task.WhenAll(output, error);
            return false;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            await Task.WhenAll(output, error);
            return true;
        }
    }
}
