namespace Sluice.DuckDb;

/// <summary>
/// A table that exists only as C# column sources: <see cref="RowCount"/> rows of <see cref="Columns"/>. DuckDB reads
/// it through a <see cref="DuckDbColumnScanFunction"/>, a chunk (up to 2048 rows) at a time, each source writing its
/// values straight into the chunk's vectors. The sources must give the same values every time they are read (a
/// query may scan the table more than once) and must not change while a query that scans them runs.
/// </summary>
public sealed class DuckDbColumnScan
{
    public DuckDbColumnScan(int rowCount, IReadOnlyList<DuckDbScanColumn> columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
        {
            throw new ArgumentException("A scanned table needs at least one column.", nameof(columns));
        }

        foreach (var column in columns)
        {
            ArgumentNullException.ThrowIfNull(column);
            ArgumentException.ThrowIfNullOrEmpty(column.Name, nameof(columns));
        }

        RowCount = rowCount;
        Columns = columns;
    }

    public int RowCount { get; }

    public IReadOnlyList<DuckDbScanColumn> Columns { get; }
}
