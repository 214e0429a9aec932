using Sluice.Schema;

namespace Sluice.Load;

/// <summary>Sluice's bookkeeping tables in every dataset (dlt's <c>_dlt_loads</c>, <c>_dlt_version</c>); all Iceberg.</summary>
public static class SystemTables
{
    public const string Loads = "_sluice_loads";
    public const string Version = "_sluice_version";
    public const string State = "_sluice_pipeline_state";

    /// <summary>The version of the schema format stored in <c>_sluice_version.schema</c>.</summary>
    public const long EngineVersion = 1;

    public static TableSchema LoadsTable { get; } = Table(Loads, ("load_id", DataType.Text), ("schema_name", DataType.Text), ("status", DataType.Bigint),
        ("inserted_at", DataType.Timestamp), ("schema_version_hash", DataType.Text));

    public static TableSchema VersionTable { get; } = Table(Version, ("version", DataType.Bigint), ("engine_version", DataType.Bigint),
        ("inserted_at", DataType.Timestamp), ("schema_name", DataType.Text), ("version_hash", DataType.Text), ("schema", DataType.Text));

    public static TableSchema StateTable { get; } = Table(State, ("version", DataType.Bigint), ("engine_version", DataType.Bigint),
        ("pipeline_name", DataType.Text), ("state", DataType.Text), ("created_at", DataType.Timestamp), ("version_hash", DataType.Text),
        ("_sluice_load_id", DataType.Text), ("_sluice_id", DataType.Text));

    private static TableSchema Table(string name, params (string Name, DataType Type)[] columns) => new()
    {
        Name = name, SourceName = name, TableFormat = TableFormat.Iceberg,
        Columns = columns.Select(c => new ColumnSchema { Name = c.Name, SourceName = c.Name, Type = c.Type }).ToList(),
    };
}
