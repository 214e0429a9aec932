namespace Sluice.Schema;

/// <summary>
/// One table: its columns in creation order and the hints that decide how it is loaded. A child table
/// (<see cref="Parent"/> set) takes its write disposition, merge strategy and format from its root.
/// </summary>
public sealed class TableSchema
{
    public required string Name { get; init; }

    public required string SourceName { get; init; }

    /// <summary>The parent table of a child table; null for a root table.</summary>
    public string? Parent { get; init; }

    public WriteDisposition WriteDisposition { get; set; } = WriteDisposition.Append;

    public MergeStrategy MergeStrategy { get; set; } = MergeStrategy.DeleteInsert;

    public TableFormat TableFormat { get; set; } = TableFormat.Hive;

    /// <summary>The column whose TRUE (bool) or non-NULL (other types) value marks a row for deletion in a merge.</summary>
    public string? HardDelete { get; set; }

    /// <summary>The column that picks the surviving duplicate of a primary key, and its direction.</summary>
    public string? DedupSort { get; set; }

    public bool DedupSortDescending { get; set; } = true;

    public List<ColumnSchema> Columns { get; init; } = [];

    /// <summary>Iceberg partition fields (normalised column names), root tables only; fixed when the table is created.</summary>
    public List<PartitionHint> Partition { get; set; } = [];

    public bool IsRoot => Parent is null;

    /// <summary>The column named <paramref name="name"/>, or null.</summary>
    public ColumnSchema? Column(string name)
    {
        // A name-to-position index, checked on every hit: Columns is a public list that callers may change.
        if (_index is not null && _index.TryGetValue(name, out var at) && at < Columns.Count && string.Equals(Columns[at].Name, name, StringComparison.Ordinal))
        {
            return Columns[at];
        }

        _index ??= new Dictionary<string, int>(StringComparer.Ordinal);
        _index.Clear();
        for (var i = 0; i < Columns.Count; i++)
        {
            _index[Columns[i].Name] = i;
        }

        return _index.TryGetValue(name, out at) ? Columns[at] : null;
    }

    private Dictionary<string, int>? _index;

    public IEnumerable<ColumnSchema> CompleteColumns => Columns.Where(c => c.IsComplete);

    public IReadOnlyList<string> PrimaryKey => Columns.Where(c => c.PrimaryKey).Select(c => c.Name).ToList();

    public IReadOnlyList<string> MergeKey => Columns.Where(c => c.MergeKey).Select(c => c.Name).ToList();

    public TableSchema Clone() => new()
    {
        Name = Name, SourceName = SourceName, Parent = Parent, WriteDisposition = WriteDisposition, MergeStrategy = MergeStrategy,
        TableFormat = TableFormat, HardDelete = HardDelete, DedupSort = DedupSort, DedupSortDescending = DedupSortDescending,
        Columns = Columns.Select(c => c.Clone()).ToList(), Partition = Partition.ToList(),
    };
}
