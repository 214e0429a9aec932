namespace Sluice.Sql.Ast;

/// <summary><c>MSCK REPAIR TABLE t</c>: adds partitions for <c>k=v/</c> folders, never removes any (athena.md §2).</summary>
public sealed record MsckRepairTableStatement(QualifiedName Table) : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Ddl);
