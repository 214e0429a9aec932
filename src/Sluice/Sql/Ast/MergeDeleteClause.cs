namespace Sluice.Sql.Ast;

/// <summary><c>WHEN MATCHED [AND c] THEN DELETE</c>.</summary>
public sealed record MergeDeleteClause(SqlSpan? Condition) : MergeClause(Condition);
