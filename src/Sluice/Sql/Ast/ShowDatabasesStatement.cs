namespace Sluice.Sql.Ast;

/// <summary><c>SHOW DATABASES|SCHEMAS [LIKE 'pattern']</c>; the pattern uses Hive's <c>*</c> and <c>|</c>.</summary>
public sealed record ShowDatabasesStatement(string? Pattern) : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Utility);
