namespace Sluice.Catalog;

/// <summary>
/// A Glue table: a Hive table (<c>EXTERNAL_TABLE</c>), an Iceberg table (parameter <c>table_type=ICEBERG</c>) or a view
/// (<c>VIRTUAL_VIEW</c>). <see cref="VersionId"/> changes on every update; an update names the version it read.
/// </summary>
public sealed record CatalogTable
{
    public required string DatabaseName { get; init; }

    public required string Name { get; init; }

    public string TableType { get; init; } = TableTypes.ExternalTable;

    public string? Description { get; init; }

    public StorageDescriptor StorageDescriptor { get; init; } = new();

    public IReadOnlyList<CatalogColumn> PartitionKeys { get; init; } = [];

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public string? ViewOriginalText { get; init; }

    public string? ViewExpandedText { get; init; }

    public long VersionId { get; init; }

    public DateTimeOffset CreateTime { get; init; }

    public DateTimeOffset UpdateTime { get; init; }

    /// <summary>Athena's rule: <c>table_type=ICEBERG</c> wins, then <c>VIRTUAL_VIEW</c> is a view, else a Hive table.</summary>
    public bool IsIceberg => Parameters.TryGetValue(TableTypes.TableTypeParameter, out var type) &&
        string.Equals(type, TableTypes.Iceberg, StringComparison.OrdinalIgnoreCase);

    public bool IsView => !IsIceberg && string.Equals(TableType, TableTypes.VirtualView, StringComparison.Ordinal);

    public bool IsHive => !IsIceberg && !IsView;

    /// <summary>The data columns, then the partition keys: the order a <c>SELECT *</c> returns.</summary>
    public IEnumerable<CatalogColumn> AllColumns => StorageDescriptor.Columns.Concat(PartitionKeys);
}
