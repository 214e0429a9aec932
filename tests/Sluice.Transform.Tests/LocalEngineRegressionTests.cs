using Sluice.Engines;
using Sluice.Local;

namespace Sluice.Transform.Tests;

/// <summary>Local engine behaviour the transform tests found wrong, checked on the engine directly.</summary>
public sealed class LocalEngineRegressionTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sluice-engine-regression-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Theory]
    [InlineData("date '2024-01-01'", "date", "d = date '2024-01-01'")]
    [InlineData("42", "integer", "d = 42")]
    [InlineData("date '2024-01-01'", "date", "d is null")]
    [InlineData("42", "integer", "d is not null")]
    public async Task Filters_on_a_non_string_hive_partition_key_read_the_registered_partitions(string value, string type, string filter)
    {
        using var engine = LocalAthenaEngine.Open(_root);
        await engine.ExecuteAsync("CREATE SCHEMA s", null, CancellationToken.None);
        await engine.ExecuteAsync(
            $"CREATE TABLE s.p WITH (external_location = 's3://regression-lake/p/', partitioned_by = ARRAY['d']) AS SELECT 1 AS id, {value} AS d",
            null,
            CancellationToken.None);
        var result = await engine.ExecuteAsync($"SELECT count(*), typeof(max(d)) FROM s.p WHERE {filter}", null, CancellationToken.None);
        Assert.Equal(filter.Contains("is null", StringComparison.Ordinal) ? "0" : "1", result.RenderRow(0)[0]);
        var all = await engine.ExecuteAsync("SELECT id, d FROM s.p", null, CancellationToken.None);
        Assert.Single(all.Rows);
        Assert.Equal(type, all.Columns[1].Type);
    }

    [Theory]
    [InlineData("CREATE TABLE s.t WITH (format = 'PARQUET', external_location = 's3://regression-lake/t/')\nAS\n\nselect\n    1 as a,\n    2 b frm s.x", 6, 9)]
    [InlineData("CREATE OR REPLACE VIEW s.v AS\nselect\n    1 as a\n    frm s.x", 4, 5)]
    [InlineData("select\n  1 as a,\n  2 b frm s.x", 3, 7)]
    public async Task Syntax_error_lines_count_the_submitted_statement(string sql, int line, int column)
    {
        using var engine = LocalAthenaEngine.Open(_root);
        await engine.ExecuteAsync("CREATE SCHEMA s", null, CancellationToken.None);
        var error = await Assert.ThrowsAsync<EngineException>(() => engine.ExecuteAsync(sql, null, CancellationToken.None));
        Assert.Equal("SYNTAX_ERROR", error.ErrorName);
        Assert.StartsWith($"SYNTAX_ERROR: line {line}:{column}: ", error.StateChangeReason, StringComparison.Ordinal);
    }
}
