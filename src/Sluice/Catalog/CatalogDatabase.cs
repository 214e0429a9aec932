namespace Sluice.Catalog;

/// <summary>A Glue database.</summary>
public sealed record CatalogDatabase(string Name)
{
    public string? Description { get; init; }

    public string? LocationUri { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    public DateTimeOffset CreateTime { get; init; }
}
