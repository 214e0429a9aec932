namespace Sluice.Sql.Ast;

/// <summary><c>SHOW PARTITIONS t</c>.</summary>
public sealed record ShowPartitionsStatement(QualifiedName Table) : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Utility);
