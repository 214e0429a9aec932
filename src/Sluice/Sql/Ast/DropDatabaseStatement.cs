namespace Sluice.Sql.Ast;

/// <summary><c>DROP DATABASE|SCHEMA [IF EXISTS] name [CASCADE|RESTRICT]</c>; RESTRICT is the default.</summary>
public sealed record DropDatabaseStatement(string Name, bool IfExists, bool Cascade)
    : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Ddl);
