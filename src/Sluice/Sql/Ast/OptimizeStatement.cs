namespace Sluice.Sql.Ast;

/// <summary><c>OPTIMIZE t REWRITE DATA USING BIN_PACK [WHERE predicate]</c>; the predicate is kept as text.</summary>
public sealed record OptimizeStatement(QualifiedName Table, SqlSpan? Where) : SqlStatement(SqlRoute.Utility, SqlStatementType.Dml);
