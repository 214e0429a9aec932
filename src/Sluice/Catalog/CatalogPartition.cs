namespace Sluice.Catalog;

/// <summary>A Glue partition: its values (in partition-key order, as strings) and its location.</summary>
public sealed record CatalogPartition(IReadOnlyList<string> Values, string Location)
{
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset CreateTime { get; init; }
}
