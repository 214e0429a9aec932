namespace Sluice.Catalog;

/// <summary>A Glue SerDe: the serialization library and its parameters.</summary>
public sealed record SerDeInfo(string? SerializationLibrary)
{
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
}
