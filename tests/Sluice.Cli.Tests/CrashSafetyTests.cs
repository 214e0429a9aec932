using System.Diagnostics;
using Sluice.Engines;
using Sluice.Local;
using Xunit.Abstractions;

namespace Sluice.Cli.Tests;

/// <summary>
/// Kills a `sluice query` process (SIGKILL) at random moments while it writes, then opens the lakehouse and checks that
/// every table shows either its state before the statement or after it, never a part, and that no orphan file is read.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int Runs = 8;
    private readonly TempFolder _temp = new();
    private readonly Random _random = new(20261121);

    public void Dispose() => _temp.Dispose();

    private string Lakehouse => Path.Combine(_temp.Path, ".sluice", "lakehouse");

    [Fact]
    public async Task A_killed_ctas_leaves_no_table_and_no_visible_files_or_the_whole_table()
    {
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var run = 0; run < Runs; run++)
        {
            var name = $"ctas_{run}";
            var killed = await RunAndKillAsync(
                $"CREATE TABLE {name} WITH (external_location = 's3://crash/{name}/', partitioned_by = ARRAY['p']) AS SELECT range AS v, range % 20 AS p FROM range(3000000)");
            using var engine = LocalAthenaEngine.Open(Lakehouse);
            var table = await engine.Catalog.GetTableAsync("default", name);
            if (table is null)
            {
                var folder = Path.Combine(Lakehouse, "s3", "crash", name);
                Assert.False(Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.parquet", SearchOption.AllDirectories).Any(),
                    $"run {run}: no table, yet data files were left in its location");
                Count(outcomes, killed ? "killed before commit" : "failed");
            }
            else
            {
                var rows = (await engine.ExecuteAsync($"SELECT count(*), count(DISTINCT p) FROM {name}")).Rows[0];
                Assert.Equal(3_000_000L, rows[0]);
                Assert.Equal(20L, rows[1]);
                Count(outcomes, killed ? "killed after commit" : "completed");
            }
        }

        output.WriteLine(string.Join(", ", outcomes.Select(o => $"{o.Key}: {o.Value}")));
        Assert.Equal(Runs, outcomes.Values.Sum());
    }

    [Fact]
    public async Task A_killed_insert_adds_all_of_its_rows_or_none()
    {
        await SetUpAsync("CREATE TABLE target WITH (external_location = 's3://crash/target/', partitioned_by = ARRAY['p']) AS SELECT range AS v, range % 5 AS p FROM range(1000)");
        var expected = 1000L;
        for (var run = 0; run < Runs; run++)
        {
            await RunAndKillAsync("INSERT INTO target SELECT range AS v, range % 5 AS p FROM range(2000000)");
            using var engine = LocalAthenaEngine.Open(Lakehouse);
            var count = (long)(await engine.ExecuteAsync("SELECT count(*) FROM target")).Rows[0][0]!;
            Assert.True(count == expected || count == expected + 2_000_000, $"run {run}: {count} rows, expected {expected} or {expected + 2_000_000}");
            output.WriteLine(count == expected ? $"run {run}: rolled back" : $"run {run}: committed");
            expected = count;
            var files = Directory.EnumerateFiles(Path.Combine(Lakehouse, "s3", "crash", "target"), "*", SearchOption.AllDirectories).Count();
            var partitions = (await engine.ExecuteAsync("SHOW PARTITIONS target")).Rows.Count;
            Assert.Equal(5, partitions);
            Assert.True(files >= 5, $"run {run}: {files} files");
        }
    }

    [Fact]
    public async Task A_killed_merge_on_iceberg_applies_all_of_it_or_nothing()
    {
        await SetUpAsync("CREATE TABLE ice WITH (table_type = 'ICEBERG', location = 's3://crash/ice') AS SELECT range AS id, 0 AS version FROM range(2000000)");
        for (var run = 0; run < Runs; run++)
        {
            await RunAndKillAsync(
                $"MERGE INTO ice t USING (SELECT range AS id FROM range(2000000)) s ON t.id = s.id WHEN MATCHED THEN UPDATE SET version = {run + 1}");
            using var engine = LocalAthenaEngine.Open(Lakehouse);
            var versions = (await engine.ExecuteAsync("SELECT count(DISTINCT version), count(*) FROM ice")).Rows[0];
            Assert.Equal(1L, versions[0]); // never half-applied
            output.WriteLine($"run {run}: version {(await engine.ExecuteAsync("SELECT max(version) FROM ice")).Rows[0][0]}");
            Assert.Equal(2_000_000L, versions[1]);
        }
    }

    private async Task SetUpAsync(string sql)
    {
        using var engine = LocalAthenaEngine.Open(Lakehouse);
        await engine.ExecuteAsync(sql);
    }

    /// <summary>Starts the statement in a child process and kills it after a random delay; true when it was killed.</summary>
    private async Task<bool> RunAndKillAsync(string sql)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "sluice"))
        {
            WorkingDirectory = _temp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("query");
        start.ArgumentList.Add(sql);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await Task.Delay(_random.Next(150, 2500));
        var killed = false;
        if (!process.HasExited)
        {
            process.Kill(); // SIGKILL: no cleanup runs in the child
            killed = true;
        }

        await process.WaitForExitAsync();
        await output;
        var stderr = await error;
        if (!killed)
        {
            Assert.True(process.ExitCode == 0, $"the statement failed on its own: {stderr}");
        }

        return killed;
    }

    private static void Count(Dictionary<string, int> outcomes, string key) => outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
}
