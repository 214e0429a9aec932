namespace Sluice.Sql.Ast;

/// <summary><c>DROP VIEW [IF EXISTS] v</c>. It has no SELECT, so Athena routes it to Hive DDL (backticks).</summary>
public sealed record DropViewStatement(QualifiedName View, bool IfExists) : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Ddl);
