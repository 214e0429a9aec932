namespace Sluice.Sql.Ast;

/// <summary><c>UPDATE t SET c = e, ... [WHERE predicate]</c> (Iceberg only in Athena, athena.md §3).</summary>
public sealed record UpdateStatement(QualifiedName Table, IReadOnlyList<SetAssignment> Assignments, SqlSpan? Where)
    : SqlStatement(SqlRoute.Trino, SqlStatementType.Dml);
