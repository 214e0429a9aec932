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
}
