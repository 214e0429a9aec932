namespace Sluice.DuckDb.Vectors;

/// <summary>
/// Fills a run of rows of a data chunk from column sources, one vector per source: shared by the appender's
/// <see cref="DuckDbAppender.AppendColumnSources"/> and the chunks of a <see cref="DuckDbColumnScanFunction"/>.
/// </summary>
internal static class ColumnSourceWriter
{
    /// <summary>Writes source rows <paramref name="start"/> .. start + count - 1 to chunk rows <paramref name="offset"/> .. offset + count - 1.</summary>
    public static void Write(VectorWriter[] writers, IReadOnlyList<IDuckDbColumnSource> sources, int start, int count, ulong offset)
    {
        for (var c = 0; c < sources.Count; c++)
        {
            sources[c].WriteTo(new DuckDbVectorTarget(writers[c], offset), start, count);
        }
    }
}
