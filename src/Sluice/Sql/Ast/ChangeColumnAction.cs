namespace Sluice.Sql.Ast;

/// <summary><c>CHANGE [COLUMN] old new type [COMMENT '..'] [FIRST | AFTER c]</c>.</summary>
public sealed record ChangeColumnAction(string OldName, ColumnDefinition NewColumn, bool First = false, string? After = null)
    : AlterTableAction;
