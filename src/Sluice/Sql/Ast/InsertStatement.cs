namespace Sluice.Sql.Ast;

/// <summary><c>INSERT INTO t [(c, ...)] query</c>; <see cref="Columns"/> is null when no list was written.</summary>
public sealed record InsertStatement(QualifiedName Table, IReadOnlyList<string>? Columns, SqlSpan Query)
    : SqlStatement(SqlRoute.Trino, SqlStatementType.Dml);
