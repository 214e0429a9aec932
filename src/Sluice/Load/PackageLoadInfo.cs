namespace Sluice.Load;

/// <summary>What loading one package did: jobs, statements (in order, with their SQL) and whether DDL was needed.</summary>
public sealed record PackageLoadInfo(string LoadId, int Jobs, IReadOnlyList<ExecutedStatement> Statements, bool SchemaSynced)
{
    public int DdlStatements => Statements.Count(s => s.Type == Engines.StatementType.Ddl);

    /// <summary>Catalog calls (Glue-shaped writes, not engine statements), in order.</summary>
    public IReadOnlyList<CatalogCall> CatalogCalls { get; init; } = [];

    /// <summary>Data files written per table (after partition splitting) and their bytes.</summary>
    public IReadOnlyList<TableLoadInfo> Tables { get; init; } = [];

    /// <summary>Wall time of the load stage for this package.</summary>
    public TimeSpan Elapsed { get; init; }
}

/// <summary>The data files one package wrote for one table.</summary>
public sealed record TableLoadInfo(string Table, int Files, long Bytes);
