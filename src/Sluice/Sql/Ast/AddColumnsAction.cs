namespace Sluice.Sql.Ast;

/// <summary><c>ADD COLUMNS (c type [COMMENT '..'], ...)</c>.</summary>
public sealed record AddColumnsAction(IReadOnlyList<ColumnDefinition> Columns) : AlterTableAction;
