namespace Sluice.Sql.Ast;

/// <summary><c>DESCRIBE [FORMATTED|EXTENDED] t [col]</c>.</summary>
public sealed record DescribeStatement(QualifiedName Table, DescribeFormat Format, string? Column)
    : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Utility);
