namespace Sluice.Pipelines;

/// <summary>The stages of a pipeline run, in order.</summary>
public enum PipelineStage
{
    Extract,
    Normalize,
    Load,
}

/// <summary>
/// How far one stage of the running package has got: totals so far, reported every few thousand items and once more
/// with <see cref="Completed"/> set when the stage ends. Extract counts the items taken from the resources, the
/// package files written and their bytes; normalize counts the items read (rows of every table once it completes) and
/// the Parquet job files with their bytes; load counts the rows, job files and bytes it published.
/// </summary>
public sealed record PipelineProgress(PipelineStage Stage, long Rows, long Files, long Bytes, bool Completed);
