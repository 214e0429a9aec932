using Sluice.Extract;
using Sluice.Pipelines;

namespace Sluice.Pipelines.Tests;

public sealed class ProgressTests : PipelineTest
{
    /// <summary>Records reports on the reporting thread, in order.</summary>
    private sealed class Recorder : IProgress<PipelineProgress>
    {
        public List<PipelineProgress> Reports { get; } = [];

        public void Report(PipelineProgress value) => Reports.Add(value);
    }

    [Fact]
    public async Task A_run_reports_each_stage_while_it_works_and_its_totals_when_it_completes()
    {
        var pipeline = NewPipeline();
        var recorder = new Recorder();
        pipeline.Progress = recorder;
        // 20,000 orders with two items each: 60,000 rows in two tables.
        var items = Enumerable.Range(1, 20_000).Select(i => (object?)$$"""{"id": {{i}}, "items": [{"sku": "a"}, {"sku": "b"}]}""").ToList();
        var info = await pipeline.RunAsync([Resource.From("orders", items, new ResourceHints())]);

        var extract = recorder.Reports.Where(r => r.Stage == PipelineStage.Extract).ToList();
        Assert.Equal([8192L, 16384L, 20_000L], extract.Select(r => r.Rows));
        Assert.Equal([false, false, true], extract.Select(r => r.Completed));
        Assert.True(extract[^1].Bytes > extract[^2].Bytes && extract[^2].Bytes > extract[0].Bytes && extract[0].Bytes > 0);
        Assert.Equal(1, extract[^1].Files);

        var normalize = recorder.Reports.Where(r => r.Stage == PipelineStage.Normalize).ToList();
        Assert.Equal([8192L, 16384L, 60_000L], normalize.Select(r => r.Rows));
        Assert.True(normalize[^1].Completed);
        var tables = info.Tables;
        Assert.Equal(tables.Sum(t => t.Files), normalize[^1].Files);
        Assert.Equal(tables.Sum(t => t.Bytes), normalize[^1].Bytes);

        var load = recorder.Reports.Where(r => r.Stage == PipelineStage.Load).ToList();
        Assert.Equal(2, load.Count);
        Assert.False(load[0].Completed);
        Assert.Equal(new PipelineProgress(PipelineStage.Load, 60_000, tables.Sum(t => t.Files), tables.Sum(t => t.Bytes), true), load[1]);

        // Stages report in order: every extract report before the first normalize report, and so on.
        var order = recorder.Reports.Select(r => (int)r.Stage).ToList();
        Assert.Equal(order.Order().ToList(), order);
        Assert.Equal(["60000"], await RowsAsync("SELECT (SELECT count(*) FROM orders) + (SELECT count(*) FROM orders__items)"));
    }
}
