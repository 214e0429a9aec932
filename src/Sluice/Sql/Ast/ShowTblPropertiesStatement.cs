namespace Sluice.Sql.Ast;

/// <summary><c>SHOW TBLPROPERTIES t [('key')]</c>.</summary>
public sealed record ShowTblPropertiesStatement(QualifiedName Table, string? Key) : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Utility);
