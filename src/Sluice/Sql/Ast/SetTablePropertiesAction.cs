namespace Sluice.Sql.Ast;

/// <summary><c>SET TBLPROPERTIES ('k'='v', ...)</c>.</summary>
public sealed record SetTablePropertiesAction(IReadOnlyList<SqlProperty> Properties) : AlterTableAction;
