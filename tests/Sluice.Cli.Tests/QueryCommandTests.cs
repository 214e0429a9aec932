namespace Sluice.Cli.Tests;

public sealed class QueryCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Prints_a_table_and_a_statistics_line()
    {
        var result = await CliRunner.RunAsync(_temp.Path, null, null, "query", "SELECT 1 AS id, 'duck' AS name UNION ALL SELECT 2, NULL ORDER BY id");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("│ id │ name │", result.Output, StringComparison.Ordinal);
        Assert.Contains("│  1 │ duck │", result.Output, StringComparison.Ordinal);
        Assert.Contains("│  2 │ NULL │", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"^2 rows, 0 B scanned, \d+\.\d{3} s, estimated cost \$0\.\d{8} \([0-9a-f-]{36}\)", result.Error);
    }

    [Fact]
    public async Task Prints_csv_with_quoting_and_empty_nulls()
    {
        var result = await CliRunner.RunAsync(_temp.Path, null, null, "query", "--format", "csv",
            "SELECT 'a,b' AS x, 'say \"hi\"' AS y, NULL AS z, [1, 2] AS l, {'k': 'v'} AS s, 1.5::DOUBLE AS d, TIMESTAMP '2024-01-02 03:04:05.678' AS ts");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "x,y,z,l,s,d,ts\n\"a,b\",\"say \"\"hi\"\"\",,\"[1, 2]\",{k=v},1.5,2024-01-02 03:04:05.678\n",
            result.Output.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prints_json_with_typed_values()
    {
        var result = await CliRunner.RunAsync(_temp.Path, null, null, "query", "--format", "json",
            "SELECT 42 AS n, 'x' AS s, NULL AS z, true AS b, [1, 2] AS l, {'a': 1} AS st, 12345678901234567890::HUGEINT AS big");
        Assert.Equal(0, result.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(result.Output);
        var row = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal(42, row.GetProperty("n").GetInt32());
        Assert.Equal("x", row.GetProperty("s").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("z").ValueKind);
        Assert.True(row.GetProperty("b").GetBoolean());
        Assert.Equal(2, row.GetProperty("l").GetArrayLength());
        Assert.Equal(1, row.GetProperty("st").GetProperty("a").GetInt32());
        Assert.Equal("12345678901234567890", row.GetProperty("big").GetRawText());
    }

    [Fact]
    public async Task Reads_sql_from_a_file_and_from_stdin()
    {
        var file = Path.Combine(_temp.Path, "q.sql");
        await File.WriteAllTextAsync(file, "CREATE TABLE t WITH (external_location = 's3://lake/t/') AS SELECT 5 AS v; SELECT v * 2 AS doubled FROM t;");
        var fromFile = await CliRunner.RunAsync(_temp.Path, null, null, "query", "-f", "q.sql", "--format", "csv");
        Assert.Equal(0, fromFile.ExitCode);
        Assert.Equal("doubled\n10\n", fromFile.Output.Replace("\r\n", "\n", StringComparison.Ordinal));

        var fromStdin = await CliRunner.RunAsync(_temp.Path, "SELECT 'piped' AS source", null, "query", "--format", "csv");
        Assert.Equal(0, fromStdin.ExitCode);
        Assert.Equal("source\npiped\n", fromStdin.Output.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Statements_change_the_lakehouse_and_later_runs_see_it()
    {
        var create = await CliRunner.RunAsync(_temp.Path, null, null, "query", """
            CREATE DATABASE shop;
            CREATE TABLE shop.items WITH (external_location = 's3://lake/items/') AS SELECT 1 AS id, 'mug' AS name;
            INSERT INTO shop.items VALUES (2, 'cup')
            """);
        Assert.Equal(0, create.ExitCode);
        Assert.Equal(3, create.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // a statistics line per statement
        Assert.Contains("1 row written", create.Error, StringComparison.Ordinal);

        var read = await CliRunner.RunAsync(_temp.Path, null, null, "query", "-d", "shop", "--format", "csv", "SELECT id, name FROM items ORDER BY id");
        Assert.Equal(0, read.ExitCode);
        Assert.Equal("id,name\n1,mug\n2,cup\n", read.Output.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(_temp.Path, ".sluice", "lakehouse", "lakehouse.duckdb")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_temp.Path, ".sluice", "lakehouse", "s3", "lake", "items")));
    }

    [Fact]
    public async Task A_failing_query_exits_1_with_athenas_error()
    {
        var result = await CliRunner.RunAsync(_temp.Path, null, null, "query", "SELECT * FROM nowhere");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.default.nowhere' does not exist\n", result.Error.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_sql_and_missing_file_say_how_to_fix_it()
    {
        var none = await CliRunner.RunAsync(_temp.Path, null, null, "query");
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("No SQL given", none.Error, StringComparison.Ordinal);

        var missing = await CliRunner.RunAsync(_temp.Path, null, null, "query", "-f", "absent.sql");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("absent.sql' does not exist", missing.Error, StringComparison.Ordinal);

        var both = await CliRunner.RunAsync(_temp.Path, null, null, "query", "-f", "x.sql", "SELECT 1");
        Assert.Equal(1, both.ExitCode);
        Assert.Contains("not both", both.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var result = await CliRunner.RunAsync(_temp.Path, null, null, "query", "--no-such-option", "SELECT 1");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unrecognized command or argument", result.Error, StringComparison.Ordinal);
    }
}
