namespace Sluice.Sql.Ast;

/// <summary><c>REPLACE COLUMNS (c type, ...)</c> (Hive tables only).</summary>
public sealed record ReplaceColumnsAction(IReadOnlyList<ColumnDefinition> Columns) : AlterTableAction;
