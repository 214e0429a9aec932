namespace Sluice.Sql.Ast;

/// <summary><c>SHOW CREATE VIEW v</c>.</summary>
public sealed record ShowCreateViewStatement(QualifiedName View) : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Utility);
