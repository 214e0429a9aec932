namespace Sluice.Sql.Ast;

/// <summary><c>ADD [IF NOT EXISTS] PARTITION (..) [LOCATION '..'] [PARTITION (..) [LOCATION '..'] ...]</c>.</summary>
public sealed record AddPartitionsAction(bool IfNotExists, IReadOnlyList<PartitionSpec> Partitions) : AlterTableAction;
