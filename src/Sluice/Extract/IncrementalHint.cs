namespace Sluice.Extract;

/// <summary>Whether the highest or the lowest cursor value seen is the one to resume from.</summary>
public enum LastValueFunction
{
    Max,
    Min,
}

/// <summary>
/// Loads only items whose cursor is at or beyond the last value a completed load saw (dlt's
/// <c>dlt.sources.incremental</c>). Filtering happens in extract; the new last value is stored in the pipeline
/// state, which ships in the same package and only counts once that package is loaded, so a crash never skips or
/// repeats items. Items equal to the last value are dropped when their key (or whole item) was already loaded.
/// </summary>
public sealed record IncrementalHint
{
    /// <summary>The cursor field; nested fields with dots (<c>meta.updated_at</c>).</summary>
    public required string CursorPath { get; init; }

    /// <summary>The start value before any load (a number, string or date-time; ISO strings compare as timestamps).</summary>
    public object? InitialValue { get; init; }

    public LastValueFunction LastValueFunction { get; init; } = LastValueFunction.Max;

    /// <summary>Items without the cursor fail the extract unless this is true (they are then loaded).</summary>
    public bool IncludeMissingCursor { get; init; }
}
