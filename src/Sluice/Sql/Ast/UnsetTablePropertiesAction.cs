namespace Sluice.Sql.Ast;

/// <summary><c>UNSET TBLPROPERTIES [IF EXISTS] ('k', ...)</c>.</summary>
public sealed record UnsetTablePropertiesAction(bool IfExists, IReadOnlyList<string> Keys) : AlterTableAction;
