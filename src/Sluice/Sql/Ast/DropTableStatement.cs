namespace Sluice.Sql.Ast;

/// <summary><c>DROP TABLE [IF EXISTS] t</c>.</summary>
public sealed record DropTableStatement(QualifiedName Table, bool IfExists) : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Ddl);
