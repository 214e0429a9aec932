namespace Sluice.Sql.Ast;

/// <summary><c>SHOW TABLES [IN db] ['pattern' | LIKE 'pattern']</c>.</summary>
public sealed record ShowTablesStatement(string? Database, string? Pattern) : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Utility);
