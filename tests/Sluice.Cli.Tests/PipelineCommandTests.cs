namespace Sluice.Cli.Tests;

public sealed class PipelineCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Run_loads_files_and_a_second_run_needs_no_ddl()
    {
        var data = Path.Combine(_temp.Path, "data");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "users.jsonl"), "{\"id\": 1, \"name\": \"Ann\", \"tags\": [\"a\"]}\n{\"id\": 2, \"name\": \"Bob\"}\n");
        await File.WriteAllTextAsync(Path.Combine(data, "scores.csv"), "id,score,at\n1,2.5,2024-01-01T00:00:00Z\n2,,2024-01-02T00:00:00Z\n");

        var run = await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "run", "data/*", "-p", "files", "-d", "raw");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("users: 2 row(s)", run.Output, StringComparison.Ordinal);
        Assert.Contains("users__tags: 1 row(s)", run.Output, StringComparison.Ordinal);
        Assert.Contains("scores: 2 row(s)", run.Output, StringComparison.Ordinal);
        Assert.Contains("CREATE EXTERNAL TABLE `raw`.`users`", run.Error, StringComparison.Ordinal);

        var query = await CliRunner.RunAsync(_temp.Path, null, null, "query", "--format", "csv", "-d", "raw", "SELECT u.name, s.score, s.\"at\" FROM users u JOIN scores s ON s.id = u.id ORDER BY u.id");
        Assert.Equal("name,score,at\nAnn,2.5,2024-01-01 00:00:00.000\nBob,,2024-01-02 00:00:00.000\n", query.Output.Replace("\r\n", "\n", StringComparison.Ordinal));

        var again = await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "run", "data/users.jsonl", "-p", "files", "-d", "raw");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("2 statement(s) run, 0 of them DDL.", again.Output, StringComparison.Ordinal);

        var trace = await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "trace", "-p", "files");
        Assert.Equal(0, trace.ExitCode);
        Assert.Contains("2 statement(s), 0 DDL", trace.Output, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO \"raw\".\"_sluice_loads\"", trace.Output, StringComparison.Ordinal);

        Directory.Delete(Path.Combine(_temp.Path, ".sluice", "pipelines", "files"), recursive: true);
        var restore = await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "restore", "-p", "files", "-d", "raw");
        Assert.Contains("Restored the state and schema", restore.Output, StringComparison.Ordinal);

        var info = await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "info", "-p", "files");
        Assert.Contains("users [Hive, Append]", info.Output, StringComparison.Ordinal);
        Assert.Contains("at Timestamp", info.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_line_names_the_item_and_nothing_is_loaded()
    {
        await File.WriteAllTextAsync(Path.Combine(_temp.Path, "bad.jsonl"), "{\"n\": 1}\n{\"n\": \n");
        var run = await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "run", "bad.jsonl", "-p", "bad", "-d", "raw");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Item 2 of resource 'bad' cannot be read", run.Error, StringComparison.Ordinal);
        var query = await CliRunner.RunAsync(_temp.Path, null, null, "query", "-d", "raw", "SELECT count(*) FROM bad");
        Assert.Equal(1, query.ExitCode);
    }

    [Fact]
    public async Task A_missing_source_is_a_handled_failure()
    {
        var run = await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "run", "nothing/*.jsonl", "-p", "x", "-d", "raw");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No file matches", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bucket_and_layout_come_from_the_dlt_style_config_and_a_bad_layout_is_explained()
    {
        Directory.CreateDirectory(Path.Combine(_temp.Path, ".sluice"));
        await File.WriteAllTextAsync(Path.Combine(_temp.Path, "e.jsonl"), "{\"n\": 1}\n");
        await File.WriteAllTextAsync(Path.Combine(_temp.Path, ".sluice", "config.toml"),
            "[destination.filesystem]\nbucket_url = \"s3://my-lake/base\"\nlayout = \"{table_name}/{load_id}/{file_id}.{ext}\"\n");
        var run = await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "run", "e.jsonl", "-p", "cfg", "-d", "raw");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(Directory.Exists(Path.Combine(_temp.Path, ".sluice", "lakehouse", "s3", "my-lake", "base", "raw", "e")));

        await File.WriteAllTextAsync(Path.Combine(_temp.Path, ".sluice", "config.toml"), "[destination.filesystem]\nlayout = \"{schema_name}/{table_name}/{file_id}\"\n");
        var bad = await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "run", "e.jsonl", "-p", "cfg2", "-d", "raw");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("must start with '{table_name}'", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_scaffolds_config_and_sample_data_that_then_load()
    {
        var init = await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "init");
        Assert.Equal(0, init.ExitCode);
        Assert.Contains("bucket_url", await File.ReadAllTextAsync(Path.Combine(_temp.Path, ".sluice", "config.toml")), StringComparison.Ordinal);
        var run = await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "run", "data/*.jsonl", "-p", "players", "-d", "raw");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("players: 2 row(s)", run.Output, StringComparison.Ordinal);
        Assert.Contains("players__titles: 2 row(s)", run.Output, StringComparison.Ordinal);
        var again = await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "init");
        Assert.Contains("Nothing to create", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ends_with_a_summary_table_of_tables_rows_files_bytes_statements_and_elapsed()
    {
        var data = Path.Combine(_temp.Path, "data");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "users.jsonl"), "{\"id\": 1, \"tags\": [\"a\", \"b\"]}\n{\"id\": 2}\n");
        var run = await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "run", "data/users.jsonl", "-p", "files", "-d", "raw");
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^│ table\s+│\s+rows │\s+files │\s+bytes │\s+statements │\s+elapsed │$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^│ users\s+│\s+2 │\s+1 │\s+\d+(\.\d)? (B|KiB) │\s+│\s+│$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^│ users__tags\s+│\s+2 │\s+1 │"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^│ total\s+│\s+4 │\s+2 │\s+\d+(\.\d)? (B|KiB) │\s+\d+ \(\d+ DDL\) │\s+\d+\.\d\d s │$"));
        // Captured output gets one progress line per stage as it completes (a terminal gets progress bars instead).
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^extract\s+2 rows\s+1 files\s+\d+ B$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^normalize\s+4 rows\s+2 files\s+\d+(\.\d)? (B|KiB)$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^load\s+4 rows\s+2 files\s+\d+(\.\d)? (B|KiB)$"));
    }

    [Fact]
    public async Task Drop_asks_first_then_drops_the_tables_and_data_and_wipes_the_working_folder()
    {
        var data = Path.Combine(_temp.Path, "data");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "users.jsonl"), "{\"id\": 1, \"tags\": [\"a\"]}\n");
        await File.WriteAllTextAsync(Path.Combine(data, "teams.jsonl"), "{\"id\": 9}\n");
        Assert.Equal(0, (await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "run", "data/*.jsonl", "-p", "files", "-d", "raw")).ExitCode);

        var declined = await CliRunner.RunAsync(_temp.Path, "n\n", null, "pipeline", "drop", "files");
        Assert.Equal(1, declined.ExitCode);
        Assert.Contains("tables teams, users, users__tags and its _sluice_* bookkeeping in dataset 'raw'", declined.Output, StringComparison.Ordinal);
        Assert.Contains("Nothing was dropped (not confirmed)", declined.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync(_temp.Path, null, null, "query", "SELECT count(*) FROM raw.users")).ExitCode);

        // A partial drop of one resource, then the whole pipeline.
        var partial = await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "drop", "files", "--resources", "teams", "--yes");
        Assert.True(partial.ExitCode == 0, partial.Error);
        Assert.Contains("Dropped 1 table(s): raw.teams.", partial.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync(_temp.Path, null, null, "query", "SELECT count(*) FROM raw.users")).ExitCode);

        var dropped = await CliRunner.RunAsync(_temp.Path, "y\n", null, "pipeline", "drop", "files");
        Assert.True(dropped.ExitCode == 0, dropped.Error);
        Assert.Contains("Dropped 5 table(s): raw.users__tags, raw.users, raw._sluice_loads, raw._sluice_version, raw._sluice_pipeline_state.", dropped.Output, StringComparison.Ordinal);
        Assert.Contains("Wiped the working folder", dropped.Output, StringComparison.Ordinal);
        var gone = await CliRunner.RunAsync(_temp.Path, null, null, "query", "SELECT count(*) FROM raw.users");
        Assert.Equal(1, gone.ExitCode);
        var lake = Path.Combine(_temp.Path, ".sluice", "lakehouse", "s3", "sluice-lake", "raw");
        Assert.False(Directory.Exists(lake) && Directory.EnumerateFiles(lake, "*", SearchOption.AllDirectories).Any(), "no data file is left");
        Assert.False(File.Exists(Path.Combine(_temp.Path, ".sluice", "pipelines", "files", "state.json")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_temp.Path, ".sluice", "pipelines", "files", "schemas")));
    }

    [Fact]
    public async Task Run_on_a_file_that_is_not_utf8_fails_naming_the_line_and_the_fix()
    {
        var data = Path.Combine(_temp.Path, "data");
        Directory.CreateDirectory(data);
        await File.WriteAllBytesAsync(Path.Combine(data, "latin.jsonl"), [.. "{\"name\": \"ok\"}\n{\"name\": \"caf"u8.ToArray(), 0xE9, .. "\"}\n"u8.ToArray()]);
        var run = await CliRunner.RunAsync(_temp.Path, null, null, "pipeline", "run", "data/latin.jsonl", "-p", "latin", "-d", "raw");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is not valid UTF-8: line 2 has an invalid byte sequence (byte offset 28)", run.Error, StringComparison.Ordinal);
        Assert.Contains("Convert the file to UTF-8", run.Error, StringComparison.Ordinal);
        var query = await CliRunner.RunAsync(_temp.Path, null, null, "query", "SELECT * FROM raw.latin");
        Assert.Equal(1, query.ExitCode);
    }
}
