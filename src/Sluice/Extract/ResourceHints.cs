using Sluice.Schema;

namespace Sluice.Extract;

/// <summary>
/// How a resource's items become tables and how those tables are loaded. Unset values take dlt's defaults
/// (append, delete-insert, Hive, nesting 1000). Column names here are source names; they are normalised with the
/// rest of the data.
/// </summary>
public sealed record ResourceHints
{
    /// <summary>The table for every item; null uses <see cref="TableNameSelector"/>, then the resource name.</summary>
    public string? TableName { get; init; }

    /// <summary>Picks the table per item (its value tree); null result falls back to the resource name.</summary>
    public Func<IReadOnlyDictionary<string, object?>, string?>? TableNameSelector { get; init; }

    public WriteDisposition WriteDisposition { get; init; } = WriteDisposition.Append;

    public MergeStrategy MergeStrategy { get; init; } = MergeStrategy.DeleteInsert;

    public TableFormat TableFormat { get; init; } = TableFormat.Hive;

    public IReadOnlyList<string> PrimaryKey { get; init; } = [];

    public IReadOnlyList<string> MergeKey { get; init; } = [];

    /// <summary>A column whose TRUE (bool) or non-NULL value deletes the row's key in a merge.</summary>
    public string? HardDelete { get; init; }

    /// <summary>The column whose highest (or lowest, see <see cref="DedupSortDescending"/>) value wins among duplicates of a key.</summary>
    public string? DedupSort { get; init; }

    public bool DedupSortDescending { get; init; } = true;

    /// <summary>How deep dicts are flattened and lists become child tables; deeper values stay JSON. 0 = none.</summary>
    public int MaxTableNesting { get; init; } = 1000;

    /// <summary>Iceberg partition fields in order (source column names); Hive partitions are not supported yet.</summary>
    public IReadOnlyList<PartitionHint> Partition { get; init; } = [];

    /// <summary>Which schema changes this resource may make; default: evolve everything.</summary>
    public SchemaContract Contract { get; init; } = SchemaContract.Evolve;

    /// <summary>Incremental loading by a cursor field; null loads every item.</summary>
    public IncrementalHint? Incremental { get; init; }

    /// <summary>Declared column types by source name; a column declared <see cref="DataType.Json"/> is never flattened.</summary>
    public IReadOnlyDictionary<string, DataType> Columns { get; init; } = new Dictionary<string, DataType>();
}
