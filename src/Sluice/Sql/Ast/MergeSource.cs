namespace Sluice.Sql.Ast;

/// <summary>The <c>USING</c> relation of MERGE: a table name or a parenthesised query (text inside the parentheses).</summary>
public sealed record MergeSource(QualifiedName? Table, SqlSpan? Query);
