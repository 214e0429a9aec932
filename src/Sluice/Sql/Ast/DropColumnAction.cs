namespace Sluice.Sql.Ast;

/// <summary><c>DROP COLUMN c</c> (Iceberg tables).</summary>
public sealed record DropColumnAction(string Column) : AlterTableAction;
