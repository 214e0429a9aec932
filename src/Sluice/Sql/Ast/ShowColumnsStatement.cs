namespace Sluice.Sql.Ast;

/// <summary><c>SHOW COLUMNS IN|FROM t [IN|FROM db]</c>; a trailing database replaces the one in the name.</summary>
public sealed record ShowColumnsStatement(QualifiedName Table) : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Utility);
