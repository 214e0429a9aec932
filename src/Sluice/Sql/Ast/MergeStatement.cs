namespace Sluice.Sql.Ast;

/// <summary><c>MERGE INTO t [[AS] a] USING source [[AS] b] ON condition WHEN ...</c> (Iceberg only in Athena).</summary>
public sealed record MergeStatement(
    QualifiedName Target,
    string? TargetAlias,
    MergeSource Source,
    string? SourceAlias,
    SqlSpan On,
    IReadOnlyList<MergeClause> Clauses) : SqlStatement(SqlRoute.Trino, SqlStatementType.Dml);
