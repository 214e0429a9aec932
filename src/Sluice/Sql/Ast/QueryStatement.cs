namespace Sluice.Sql.Ast;

/// <summary>
/// A statement the front end does not interpret (SELECT, WITH, VALUES, EXPLAIN, ...): the text, without a trailing
/// <c>;</c>, for the translation layer.
/// </summary>
public sealed record QueryStatement(SqlSpan Text, SqlStatementType Type) : SqlStatement(SqlRoute.Query, Type);
