namespace Sluice.Sql.Ast;

/// <summary><c>SHOW VIEWS [IN db] [LIKE 'pattern']</c>.</summary>
public sealed record ShowViewsStatement(string? Database, string? Pattern) : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Utility);
