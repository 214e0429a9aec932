namespace Sluice.Sql.Ast;

/// <summary><c>CREATE [OR REPLACE] VIEW v AS query</c>; the query is kept as written (it becomes Glue's
/// <c>originalSql</c>, athena.md §4).</summary>
public sealed record CreateViewStatement(QualifiedName View, bool OrReplace, SqlSpan Query)
    : SqlStatement(SqlRoute.Trino, SqlStatementType.Ddl);
