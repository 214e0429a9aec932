namespace Sluice.Transform;

/// <summary>A table declared under <c>sources:</c> in properties YAML; <c>source('src', 'tbl')</c> renders its relation.</summary>
public sealed class SourceTable
{
    public required string UniqueId { get; init; }

    public required string SourceName { get; init; }

    public required string Name { get; init; }

    public required string Schema { get; init; }

    public required string Identifier { get; init; }

    public string Database { get; init; } = "awsdatacatalog";

    public required string OriginalFilePath { get; init; }

    public string Description { get; init; } = string.Empty;

    /// <summary>The source's own description (the <c>sources:</c> entry, not the table).</summary>
    public string SourceDescription { get; init; } = string.Empty;

    /// <summary>The source's <c>loader</c> (documentation only).</summary>
    public string Loader { get; init; } = string.Empty;

    /// <summary>The column expression <c>source freshness</c> takes the maximum of (table level over source level).</summary>
    public string? LoadedAtField { get; init; }

    /// <summary>The freshness criteria (table level over source level); null when the table has none or sets <c>freshness: null</c>.</summary>
    public FreshnessCriteria? Freshness { get; init; }

    /// <summary>Column properties from YAML: name to a mapping (description, data_type, ...).</summary>
    public OrderedDictionary<string, object?> Columns { get; } = new(StringComparer.Ordinal);
}
