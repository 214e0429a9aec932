using Sluice.Schema;

namespace Sluice.Extract;

/// <summary>A resource as an extracted package records it: its name, the file of its items and its serializable hints.</summary>
public sealed record PackageResource
{
    public required string Name { get; init; }

    public required string ItemsFile { get; init; }

    /// <summary>The fixed root table (source name), or null when tables are chosen per item.</summary>
    public string? TableName { get; init; }

    public long Items { get; init; }

    public WriteDisposition WriteDisposition { get; init; }

    public MergeStrategy MergeStrategy { get; init; }

    public TableFormat TableFormat { get; init; }

    public IReadOnlyList<string> PrimaryKey { get; init; } = [];

    public IReadOnlyList<string> MergeKey { get; init; } = [];

    public string? HardDelete { get; init; }

    public string? DedupSort { get; init; }

    public bool DedupSortDescending { get; init; } = true;

    public int MaxTableNesting { get; init; } = 1000;

    public Dictionary<string, DataType> Columns { get; init; } = [];

    public IReadOnlyList<PartitionHint> Partition { get; init; } = [];

    public SchemaContract Contract { get; init; } = SchemaContract.Evolve;

    public static PackageResource From(string name, string itemsFile, ResourceHints hints)
    {
        ArgumentNullException.ThrowIfNull(hints);
        return new PackageResource
        {
            Name = name, ItemsFile = itemsFile, TableName = hints.TableName ?? (hints.TableNameSelector is null ? name : null),
            WriteDisposition = hints.WriteDisposition, MergeStrategy = hints.MergeStrategy, TableFormat = hints.TableFormat,
            PrimaryKey = hints.PrimaryKey, MergeKey = hints.MergeKey, HardDelete = hints.HardDelete, DedupSort = hints.DedupSort,
            DedupSortDescending = hints.DedupSortDescending, MaxTableNesting = hints.MaxTableNesting,
            Columns = hints.Columns.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), Partition = hints.Partition, Contract = hints.Contract,
        };
    }

    /// <summary>The hints for items whose table was chosen at extract time.</summary>
    public ResourceHints ToHints(string tableName) => new()
    {
        TableName = tableName, WriteDisposition = WriteDisposition, MergeStrategy = MergeStrategy, TableFormat = TableFormat,
        PrimaryKey = PrimaryKey, MergeKey = MergeKey, HardDelete = HardDelete, DedupSort = DedupSort,
        DedupSortDescending = DedupSortDescending, MaxTableNesting = MaxTableNesting, Columns = Columns, Partition = Partition, Contract = Contract,
    };
}
