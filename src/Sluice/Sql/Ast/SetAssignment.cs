namespace Sluice.Sql.Ast;

/// <summary><c>column = expression</c> in UPDATE and MERGE; the expression is kept as text.</summary>
public sealed record SetAssignment(string Column, SqlSpan Value);
