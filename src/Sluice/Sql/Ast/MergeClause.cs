namespace Sluice.Sql.Ast;

/// <summary>A <c>WHEN [NOT] MATCHED [AND condition] THEN ...</c> clause; <see cref="Condition"/> is kept as text.</summary>
public abstract record MergeClause(SqlSpan? Condition);
