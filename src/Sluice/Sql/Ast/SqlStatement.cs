namespace Sluice.Sql.Ast;

/// <summary>
/// A parsed statement. <see cref="Route"/> says which Athena front end it belongs to (and so its quoting);
/// <see cref="StatementType"/> is what Athena reports for it.
/// </summary>
public abstract record SqlStatement(SqlRoute Route, SqlStatementType StatementType);
