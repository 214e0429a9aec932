namespace Sluice.Sql.Ast;

/// <summary><c>WHEN MATCHED [AND c] THEN UPDATE SET col = e, ...</c>.</summary>
public sealed record MergeUpdateClause(SqlSpan? Condition, IReadOnlyList<SetAssignment> Assignments) : MergeClause(Condition);
