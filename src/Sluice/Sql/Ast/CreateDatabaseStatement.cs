namespace Sluice.Sql.Ast;

/// <summary><c>CREATE DATABASE|SCHEMA [IF NOT EXISTS] name [COMMENT] [LOCATION] [WITH DBPROPERTIES (...)]</c>.</summary>
public sealed record CreateDatabaseStatement(
    string Name, bool IfNotExists, string? Comment, string? Location, IReadOnlyList<SqlProperty> Properties)
    : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Ddl);
