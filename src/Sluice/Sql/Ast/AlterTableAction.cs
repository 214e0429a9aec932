namespace Sluice.Sql.Ast;

/// <summary>One action of <see cref="AlterTableStatement"/>.</summary>
public abstract record AlterTableAction;
