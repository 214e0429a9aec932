namespace Sluice.Sql.Ast;

/// <summary><c>SHOW CREATE TABLE t</c>.</summary>
public sealed record ShowCreateTableStatement(QualifiedName Table) : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Utility);
