namespace Sluice.Sql.Ast;

/// <summary><c>WHEN NOT MATCHED [AND c] THEN INSERT [(cols)] VALUES (e, ...)</c>.</summary>
public sealed record MergeInsertClause(SqlSpan? Condition, IReadOnlyList<string>? Columns, IReadOnlyList<SqlSpan> Values)
    : MergeClause(Condition);
