namespace Sluice.Sql.Ast;

/// <summary><c>PARTITION (..) RENAME TO PARTITION (..)</c>.</summary>
public sealed record RenamePartitionAction(PartitionSpec From, PartitionSpec To) : AlterTableAction;
