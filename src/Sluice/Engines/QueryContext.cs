namespace Sluice.Engines;

/// <summary>Athena's QueryExecutionContext: the catalog and database unqualified names resolve in.</summary>
public sealed record QueryContext
{
    public static QueryContext Default { get; } = new();

    public string Catalog { get; init; } = "awsdatacatalog";

    public string Database { get; init; } = "default";

    /// <summary>Athena's ClientRequestToken: one per logical statement, reused on retries.</summary>
    public string? ClientRequestToken { get; init; }
}
