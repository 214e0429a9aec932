namespace Sluice.Sql.Ast;

/// <summary><c>DELETE FROM t [WHERE predicate]</c> (Iceberg only in Athena).</summary>
public sealed record DeleteStatement(QualifiedName Table, SqlSpan? Where) : SqlStatement(SqlRoute.Trino, SqlStatementType.Dml);
