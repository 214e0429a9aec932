namespace Sluice.Sql.Ast;

/// <summary>
/// <c>CREATE TABLE ... TBLPROPERTIES ('table_type'='ICEBERG', ...)</c>: an Iceberg table in Hive DDL. The properties
/// were checked against Athena's fixed list; <c>table_type</c> is among them as written.
/// </summary>
public sealed record CreateIcebergTableStatement(
    QualifiedName Table,
    bool IfNotExists,
    IReadOnlyList<ColumnDefinition> Columns,
    string? Comment,
    IReadOnlyList<PartitionTransform> Partitioning,
    string Location,
    IReadOnlyList<SqlProperty> TableProperties) : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Ddl);
