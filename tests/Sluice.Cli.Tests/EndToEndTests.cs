namespace Sluice.Cli.Tests;

/// <summary>The README's main command and the global options, through the real executable.</summary>
public sealed class EndToEndTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Demo_loads_the_sample_orders_into_the_default_lakehouse_and_shows_them()
    {
        var result = await CliRunner.RunProcessAsync(_temp.Path, null, "demo");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Loaded 500 orders and 952 order items into demo.orders and demo.orders__items", result.Output, StringComparison.Ordinal);
        var lines = result.Output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

        // Two loads, each with its summary: load 1 creates four tables, load 2 merges the next customer snapshot.
        Assert.Contains("Load 1: samples/demo/orders.jsonl (replace) and customers_day1.jsonl (merge, upsert on id, Iceberg)", result.Output, StringComparison.Ordinal);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^│ orders__items\s+│\s+952 │\s+1 │"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^│ total\s+│\s+1,460 │\s+4 │ .+ │\s+\d+ \(\d+ DDL\) │\s+\d+\.\d\d s │$"));
        Assert.Contains("Load 2: customers_day2.jsonl (2 updates, 1 new customer, a late column and a type change)", result.Output, StringComparison.Ordinal);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^│ total\s+│\s+7 │\s+2 │ .+ │\s+\d+ \(2 DDL\) │"));
        // The late column and the variant column reach the table with one ALTER TABLE; the merge is one MERGE per table.
        Assert.Contains("ALTER TABLE `demo`.`customers` ADD COLUMNS (`zip__v_text` string, `loyalty_tier` string)", result.Output, StringComparison.Ordinal);
        Assert.Contains("MERGE INTO \"demo\".\"customers\" d USING", result.Output, StringComparison.Ordinal);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+zip__v_text\s+text\s+new \(variant of zip\)$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+loyalty_tier\s+text\s+new$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s+zip\s+bigint\s*$"));
        // Updates and inserts applied by the merge: 4 + 1 customers, one moved to the variant column.
        Assert.Contains("│ 1022 │ Priya Patel-Rao │  400002 │ NULL        │ silver       │      2 │", result.Output, StringComparison.Ordinal);
        Assert.Contains("│ 1056 │ Oliver Smith    │    NULL │ SW1A 1AA    │ gold         │      1 │", result.Output, StringComparison.Ordinal);
        Assert.Contains("│ 1010 │ Amélie Durand   │   75001 │ NULL        │ NULL         │      1 │", result.Output, StringComparison.Ordinal);
        Assert.Contains("│ 1099 │ Lucas Silva     │ 1310100 │ NULL        │ bronze       │      1 │", result.Output, StringComparison.Ordinal);
        Assert.Contains("Revenue by country", result.Output, StringComparison.Ordinal);
        Assert.Contains("│ IN      │     56 │ 8700.23 │    155.36 │    1 │", result.Output, StringComparison.Ordinal);

        // Then the sample dbt-athena project builds on the same lakehouse: seeds, models, snapshot and tests.
        Assert.Contains("Building the sample dbt-athena project", result.Output, StringComparison.Ordinal);
        Assert.Contains("19 of 19", result.Output, StringComparison.Ordinal);
        Assert.Contains("Build: 18 passed, 1 warned, 0 failed, 0 skipped.", result.Output, StringComparison.Ordinal);
        Assert.Contains("│           2 │ Alan Turing  │         40.0 │           1 │", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Output, StringComparison.Ordinal); // plain text when piped

        var objects = Path.Combine(_temp.Path, ".sluice", "lakehouse", "s3", "sluice-demo");
        Assert.NotEmpty(Directory.EnumerateFiles(objects, "*.parquet", SearchOption.AllDirectories));
        var staging = Path.Combine(_temp.Path, ".sluice", "lakehouse", ".sluice", "staging");
        Assert.False(Directory.Exists(staging) && Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Any(), "no temporary file is left behind");

        // What the demo registered is an Athena table that later queries read.
        var check = await CliRunner.RunProcessAsync(_temp.Path, null, "query", "--format", "csv",
            "SELECT count(*) AS orders, count(DISTINCT customer__country) AS countries FROM demo.orders");
        Assert.Equal(0, check.ExitCode);
        Assert.Equal("orders,countries\n500,8\n", check.Output.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Demo_is_repeatable()
    {
        var first = await CliRunner.RunAsync(_temp.Path, null, null, "demo");
        var second = await CliRunner.RunAsync(_temp.Path, null, null, "demo");
        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Contains("Build: 18 passed, 1 warned, 0 failed, 0 skipped.", second.Output, StringComparison.Ordinal);

        // The demo starts its pipeline over: rerunning never doubles orders or customers, and tells the same story.
        var count = await CliRunner.RunAsync(_temp.Path, null, null, "query", "--format", "csv",
            "SELECT (SELECT count(*) FROM demo.orders) AS orders, (SELECT count(*) FROM demo.customers) AS customers, (SELECT count(*) FROM demo._sluice_loads) AS loads");
        Assert.Equal("orders,customers,loads\n500,5,2\n", count.Output.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Contains("ALTER TABLE `demo`.`customers` ADD COLUMNS (`zip__v_text` string, `loyalty_tier` string)", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lakehouse_option_beats_the_environment_variable_which_beats_the_default()
    {
        var fromEnv = await CliRunner.RunAsync(_temp.Path, null, new Dictionary<string, string> { ["SLUICE_LAKEHOUSE"] = "env-lake" }, "demo");
        Assert.Equal(0, fromEnv.ExitCode);
        Assert.True(Directory.Exists(Path.Combine(_temp.Path, "env-lake", "s3", "sluice-demo")));

        var fromOption = await CliRunner.RunAsync(_temp.Path, null, new Dictionary<string, string> { ["SLUICE_LAKEHOUSE"] = "env-lake" }, "demo", "--lakehouse", "opt-lake");
        Assert.Equal(0, fromOption.ExitCode);
        Assert.True(Directory.Exists(Path.Combine(_temp.Path, "opt-lake", "s3", "sluice-demo")));
        Assert.Contains(Path.Combine(_temp.Path, "opt-lake"), fromOption.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_process_on_the_same_lakehouse_gets_a_clear_error()
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "sluice");
        var holder = new System.Diagnostics.ProcessStartInfo(exe)
        {
            WorkingDirectory = _temp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        holder.ArgumentList.Add("query");
        holder.ArgumentList.Add("SELECT count(*) FROM range(100000000000) WHERE hash(range) % 7 = 1");
        using var running = System.Diagnostics.Process.Start(holder)!;
        try
        {
            CliRunner.Result? second = null;
            for (var attempt = 0; attempt < 100; attempt++)
            {
                await Task.Delay(200);
                if (!File.Exists(Path.Combine(_temp.Path, ".sluice", "lakehouse", "lakehouse.duckdb")))
                {
                    continue;
                }

                second = await CliRunner.RunProcessAsync(_temp.Path, null, "query", "SELECT 1");
                if (second.ExitCode != 0)
                {
                    break;
                }
            }

            Assert.NotNull(second);
            Assert.Equal(1, second.ExitCode);
            Assert.Contains($"LAKEHOUSE_IN_USE: The lakehouse at '{Path.Combine(_temp.Path, ".sluice", "lakehouse")}' is in use by process {running.Id}.", second.Error, StringComparison.Ordinal);
        }
        finally
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
        }

        // Once the holder is gone, the lakehouse opens normally.
        var after = await CliRunner.RunProcessAsync(_temp.Path, null, "query", "SELECT 1 AS ok", "--format", "csv");
        Assert.Equal(0, after.ExitCode);
    }

    [Fact]
    public async Task Version_prints_the_informational_version()
    {
        var result = await CliRunner.RunProcessAsync(_temp.Path, null, "--version");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.Output);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_the_global_option()
    {
        var result = await CliRunner.RunProcessAsync(_temp.Path, null, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("query", result.Output, StringComparison.Ordinal);
        Assert.Contains("demo", result.Output, StringComparison.Ordinal);
        Assert.Contains("--lakehouse", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_through_the_process_reads_stdin()
    {
        var result = await CliRunner.RunProcessAsync(_temp.Path, "SELECT 6 * 7 AS answer", "query", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"answer\": 42", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 row, 0 B scanned", result.Error, StringComparison.Ordinal);
    }
}
