namespace Sluice.Catalog;

/// <summary>A Glue column: name, Hive type string (e.g. <c>array&lt;string&gt;</c>), comment and parameters.</summary>
public sealed record CatalogColumn(string Name, string Type, string? Comment = null)
{
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}
