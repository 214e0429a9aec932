using Sluice.Schema;

namespace Sluice.Normalize;

/// <summary>
/// The rows of one table waiting for their job file, column by column: buffer <c>i</c> belongs to the table's
/// column <c>i</c> (columns only grow while a package is normalised). Rows are filled one at a time: values of
/// <see cref="Row"/> are set, then <see cref="PackageRowWriter.EndRow"/> closes it.
/// </summary>
internal sealed class TableBuffer
{
    private readonly List<ColumnBuffer?> _columns = [];
    private readonly int _capacity;

    public TableBuffer(TableSchema table, int capacity)
    {
        Table = table;
        _capacity = Math.Min(capacity, 1 << 16);
    }

    public TableSchema Table { get; }

    /// <summary>The row being filled (rows before it are complete).</summary>
    public int Row { get; set; }

    /// <summary>True once the rows went to a job file: new rows need a new buffer.</summary>
    public bool Detached { get; set; }

    /// <summary>Rough size of the values buffered so far, for file rotation.</summary>
    public long Bytes { get; set; }

    /// <summary>The buffer of the table's column at <paramref name="index"/>, created on first use.</summary>
    public ColumnBuffer Column(int index)
    {
        while (_columns.Count <= index)
        {
            _columns.Add(null);
        }

        return _columns[index] ??= new ColumnBuffer(Table.Columns[index], Math.Max(_capacity, Row + 1));
    }

    /// <summary>Gives every column's arrays back to the pool (after the rows were written).</summary>
    public void Release()
    {
        foreach (var column in _columns)
        {
            column?.Release();
        }

        _columns.Clear();
    }

    /// <summary>The buffer at <paramref name="index"/> if any value was ever set in it.</summary>
    public ColumnBuffer? Existing(int index) => index < _columns.Count ? _columns[index] : null;
}
