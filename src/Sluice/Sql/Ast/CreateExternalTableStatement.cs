namespace Sluice.Sql.Ast;

/// <summary>
/// Hive <c>CREATE EXTERNAL TABLE</c>. <see cref="PartitionColumns"/> are not part of <see cref="Columns"/> (the parser
/// rejects a name in both, as Hive does).
/// </summary>
public sealed record CreateExternalTableStatement(
    QualifiedName Table,
    bool IfNotExists,
    IReadOnlyList<ColumnDefinition> Columns,
    string? Comment,
    IReadOnlyList<ColumnDefinition> PartitionColumns,
    BucketSpec? Bucketing,
    RowFormat? RowFormat,
    StorageFormat? Storage,
    string? Location,
    IReadOnlyList<SqlProperty> TableProperties) : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Ddl);
