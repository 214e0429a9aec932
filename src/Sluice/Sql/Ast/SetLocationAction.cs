namespace Sluice.Sql.Ast;

/// <summary><c>[PARTITION (..)] SET LOCATION '..'</c>; <see cref="Partition"/> null moves the table.</summary>
public sealed record SetLocationAction(string Location, PartitionSpec? Partition) : AlterTableAction;
