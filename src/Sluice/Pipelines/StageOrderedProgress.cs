namespace Sluice.Pipelines;

/// <summary>
/// Passes the reports of stages that run at the same time (extract and normalize) on in stage order, one at a time:
/// reports of a later stage wait until every earlier stage reported its completion, then follow in the order they
/// were made. A receiver sees the same sequence as when the stages ran one after the other.
/// </summary>
internal sealed class StageOrderedProgress(IProgress<PipelineProgress> inner) : IProgress<PipelineProgress>
{
    private readonly Lock _lock = new();
    private readonly List<PipelineProgress> _waiting = [];
    private PipelineStage _current = PipelineStage.Extract;

    public void Report(PipelineProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_lock)
        {
            if (value.Stage > _current)
            {
                _waiting.Add(value);
                return;
            }

            inner.Report(value);
            if (!value.Completed || value.Stage != _current)
            {
                return;
            }

            // The current stage ended: the next one's reports made so far follow, up to its own completion.
            _current++;
            while (_waiting.Count > 0 && _waiting[0].Stage == _current)
            {
                var next = _waiting[0];
                _waiting.RemoveAt(0);
                inner.Report(next);
                if (next.Completed)
                {
                    _current++;
                }
            }
        }
    }
}
