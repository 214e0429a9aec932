namespace Sluice.Load;

/// <summary>What loading one package did: jobs, statements (in order, with their SQL) and whether DDL was needed.</summary>
public sealed record PackageLoadInfo(string LoadId, int Jobs, IReadOnlyList<ExecutedStatement> Statements, bool SchemaSynced)
{
    public int DdlStatements => Statements.Count(s => s.Type == Engines.StatementType.Ddl);
}
