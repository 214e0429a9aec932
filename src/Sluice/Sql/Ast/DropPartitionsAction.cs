namespace Sluice.Sql.Ast;

/// <summary><c>DROP [IF EXISTS] PARTITION (..), PARTITION (..)</c>.</summary>
public sealed record DropPartitionsAction(bool IfExists, IReadOnlyList<PartitionSpec> Partitions) : AlterTableAction;
