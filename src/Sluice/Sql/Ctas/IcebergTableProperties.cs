using System.Collections.Frozen;

namespace Sluice.Sql.Ctas;

/// <summary>The fixed list of TBLPROPERTIES Athena accepts on an Iceberg <c>CREATE TABLE</c> (athena.md §2).</summary>
public static class IcebergTableProperties
{
    /// <summary>The accepted keys, lower case.</summary>
    public static FrozenSet<string> AllowedKeys { get; } = FrozenSet.Create(StringComparer.Ordinal,
        "table_type", "format", "write_compression", "write_target_data_file_size_bytes",
        "optimize_rewrite_data_file_threshold", "optimize_rewrite_delete_file_threshold",
        "optimize_rewrite_min_data_file_size_bytes", "optimize_rewrite_max_data_file_size_bytes",
        "vacuum_min_snapshots_to_keep", "vacuum_max_snapshot_age_seconds", "vacuum_max_metadata_files_to_keep");
}
