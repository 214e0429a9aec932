namespace Sluice.Sql.Ast;

/// <summary><c>RENAME TO new</c>.</summary>
public sealed record RenameTableAction(QualifiedName NewName) : AlterTableAction;
