using Sluice.Pipelines;

namespace Sluice.Tests.Load;

public sealed class StageOrderedProgressTests
{
    private sealed class Recorder : IProgress<PipelineProgress>
    {
        public List<PipelineProgress> Reports { get; } = [];

        public void Report(PipelineProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Reports_of_a_later_stage_wait_for_the_earlier_stage_to_complete_and_keep_their_order()
    {
        var recorder = new Recorder();
        var progress = new StageOrderedProgress(recorder);
        progress.Report(new(PipelineStage.Extract, 10, 1, 100, false));
        progress.Report(new(PipelineStage.Normalize, 5, 0, 0, false));
        progress.Report(new(PipelineStage.Extract, 20, 1, 200, false));
        progress.Report(new(PipelineStage.Normalize, 8, 0, 0, false));
        Assert.Equal([10L, 20L], recorder.Reports.Select(r => r.Rows));

        progress.Report(new(PipelineStage.Extract, 30, 1, 300, true));
        Assert.Equal([10L, 20L, 30L, 5L, 8L], recorder.Reports.Select(r => r.Rows));

        progress.Report(new(PipelineStage.Normalize, 60, 2, 50, true));
        progress.Report(new(PipelineStage.Load, 60, 2, 50, true));
        Assert.Equal(
            [PipelineStage.Extract, PipelineStage.Extract, PipelineStage.Extract, PipelineStage.Normalize, PipelineStage.Normalize, PipelineStage.Normalize, PipelineStage.Load],
            recorder.Reports.Select(r => r.Stage));
    }

    [Fact]
    public void A_completed_later_stage_waiting_behind_an_earlier_one_is_passed_on_with_it()
    {
        var recorder = new Recorder();
        var progress = new StageOrderedProgress(recorder);
        progress.Report(new(PipelineStage.Normalize, 3, 0, 0, false));
        progress.Report(new(PipelineStage.Normalize, 4, 1, 9, true));
        progress.Report(new(PipelineStage.Extract, 2, 1, 7, true));
        progress.Report(new(PipelineStage.Load, 4, 1, 9, false));
        Assert.Equal([2L, 3L, 4L, 4L], recorder.Reports.Select(r => r.Rows));
        Assert.Equal(PipelineStage.Load, recorder.Reports[^1].Stage);
    }
}
