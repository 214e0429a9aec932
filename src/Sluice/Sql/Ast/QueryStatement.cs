namespace Sluice.Sql.Ast;

/// <summary>
/// A statement the front end does not interpret (SELECT, WITH, VALUES, EXPLAIN, ...): the text from its first token
/// to its last, without a trailing <c>;</c>, for the translation layer. <see cref="SqlStatement.StatementType"/> is
/// <see cref="SqlStatementType.Utility"/> for EXPLAIN and <see cref="SqlStatementType.Dml"/> otherwise.
/// </summary>
public sealed record QueryStatement : SqlStatement
{
    /// <summary>Creates a query statement.</summary>
    public QueryStatement(SqlSpan text, SqlStatementType statementType)
        : base(SqlRoute.Query, statementType)
    {
        Text = text;
    }

    /// <summary>The query text exactly as written.</summary>
    public SqlSpan Text { get; }
}
