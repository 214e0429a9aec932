using Sluice.Errors;
using Sluice.Extract;

namespace Sluice.Pipelines.Tests;

/// <summary>
/// <see cref="Pipeline.RunAsync"/> normalises the lines extract writes while extract works (several 1 MB blocks here,
/// and a line longer than a block); the result and the working folder are those of the stages run one after the other.
/// </summary>
public sealed class OverlappedStagesTests : PipelineTest
{
    private static IEnumerable<object?> Orders(int count, int longAt = -1, int failAt = -1)
    {
        for (var i = 1; i <= count; i++)
        {
            if (i == failAt)
            {
                throw new InvalidOperationException("The source broke.");
            }

            var note = i == longAt ? new string('n', 3 << 20) : "note " + i;
            yield return $$"""{"id": {{i}}, "note": "{{note}}", "at": "2024-01-01T00:00:{{i % 60:D2}}Z", "items": [{"sku": "a{{i}}"}, {"sku": "b{{i}}"}]}""";
        }
    }

    [Fact]
    public async Task A_run_over_many_blocks_gives_the_rows_of_the_stages_run_one_after_the_other()
    {
        var run = await NewPipeline().RunAsync([Resource.From("orders", Orders(40_000, longAt: 20_000))]);
        Assert.Equal(40_000, run.Rows["orders"]);
        Assert.Equal(80_000, run.Rows["orders__items"]);
        var overlapped = await RowsAsync(
            "SELECT count(*), sum(o.id), count(DISTINCT i._sluice_id), sum(length(o.note)), min(o.at), max(o.at) FROM orders o JOIN orders__items i ON i._sluice_parent_id = o._sluice_id");

        var sequential = NewPipeline("seq");
        var loadId = await sequential.ExtractAsync([Resource.From("orders", Orders(40_000, longAt: 20_000))]);
        var rows = await sequential.NormalizeAsync(loadId);
        Assert.Equal(run.Rows["orders"], rows["orders"]);
        Assert.Equal(run.Rows["orders__items"], rows["orders__items"]);

        Assert.Equal(["80000|1600040000|80000|" + ((3 << 20) + (39_999 * 5) + Enumerable.Range(1, 40_000).Where(i => i != 20_000).Sum(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture).Length)) * 2 + "|2024-01-01 00:00:00.000|2024-01-01 00:00:59.000"], overlapped);
        Assert.Empty(Directory.EnumerateDirectories(sequential.Folder.Extract));
        Assert.Empty(Directory.EnumerateDirectories(sequential.Folder.Normalize));
    }

    [Fact]
    public async Task When_extract_fails_nothing_is_committed_and_the_normalizer_leaves_nothing_behind()
    {
        var pipeline = NewPipeline();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.RunAsync([Resource.From("orders", Orders(30_000, failAt: 25_000))]));
        Assert.Equal("The source broke.", error.Message);
        Assert.Empty(Directory.EnumerateDirectories(pipeline.Folder.Normalize));
        Assert.Empty(Directory.EnumerateDirectories(pipeline.Folder.Load));
        Assert.All(Directory.EnumerateDirectories(pipeline.Folder.Extract), d => Assert.EndsWith(".partial", d, StringComparison.Ordinal));

        var next = await NewPipeline().RunAsync([Resource.From("orders", Orders(30_000))]);
        Assert.Equal(30_000, next.Rows["orders"]);
        Assert.Equal(["30000|450015000"], await RowsAsync("SELECT count(*), sum(id) FROM orders"));
    }

    [Fact]
    public async Task When_normalize_fails_on_the_data_extract_finishes_and_the_package_is_discarded()
    {
        static IEnumerable<object?> Keyed(bool withNull)
        {
            for (var i = 1; i <= 30_000; i++)
            {
                yield return withNull && i == 100 ? $$"""{"id": null, "n": {{i}}}""" : $$"""{"id": {{i}}, "n": {{i}}, "pad": "{{new string('p', 60)}}"}""";
            }
        }

        var hints = new ResourceHints { PrimaryKey = ["id"] };
        var pipeline = NewPipeline();
        await Assert.ThrowsAsync<SchemaException>(() => pipeline.RunAsync([Resource.From("keyed", Keyed(withNull: true), hints)]));
        Assert.Empty(Directory.EnumerateDirectories(pipeline.Folder.Extract));
        Assert.Empty(Directory.EnumerateDirectories(pipeline.Folder.Normalize));
        Assert.Empty(Directory.EnumerateDirectories(pipeline.Folder.Load));

        var next = await NewPipeline().RunAsync([Resource.From("keyed", Keyed(withNull: false), hints)]);
        Assert.Equal(30_000, next.Rows["keyed"]);
        Assert.Equal(["30000"], await RowsAsync("SELECT count(*) FROM keyed"));
    }
}
