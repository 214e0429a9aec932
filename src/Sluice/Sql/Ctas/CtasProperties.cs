using Sluice.Sql.Ast;

namespace Sluice.Sql.Ctas;

/// <summary>
/// The validated, typed CTAS <c>WITH (...)</c> properties (athena.md §2). Null means "not written"; the
/// <c>Effective*</c> members apply Athena's defaults. <see cref="Written"/> keeps every property as written, in order.
/// </summary>
public sealed record CtasProperties
{
    /// <summary>No properties: a Hive Parquet table.</summary>
    public static CtasProperties Empty { get; } = new();

    /// <summary><c>table_type</c>; <see cref="CtasTableType.Hive"/> when absent.</summary>
    public CtasTableType TableType { get; init; }

    /// <summary><c>format</c>.</summary>
    public CtasFormat? Format { get; init; }

    /// <summary>The format, <see cref="CtasFormat.Parquet"/> when absent.</summary>
    public CtasFormat EffectiveFormat => Format ?? CtasFormat.Parquet;

    /// <summary><c>external_location</c> (Hive).</summary>
    public string? ExternalLocation { get; init; }

    /// <summary><c>location</c> (Iceberg, required there).</summary>
    public string? Location { get; init; }

    /// <summary><c>is_external</c>.</summary>
    public bool? IsExternal { get; init; }

    /// <summary><c>partitioned_by</c> (Hive): partition columns, which must be the last columns of the query.</summary>
    public IReadOnlyList<string> PartitionedBy { get; init; } = [];

    /// <summary><c>partitioning</c> (Iceberg hidden partitioning).</summary>
    public IReadOnlyList<PartitionTransform> Partitioning { get; init; } = [];

    /// <summary><c>bucketed_by</c> (Hive).</summary>
    public IReadOnlyList<string> BucketedBy { get; init; } = [];

    /// <summary><c>bucket_count</c> (Hive).</summary>
    public int? BucketCount { get; init; }

    /// <summary>The codec of whichever of <c>write_compression</c>, <c>parquet_compression</c>, <c>orc_compression</c> was written.</summary>
    public CompressionCodec? Compression { get; init; }

    /// <summary>Which compression key was written, or null.</summary>
    public string? CompressionProperty { get; init; }

    /// <summary>
    /// The codec Athena writes with: the one written, else the format's default (athena.md §2: Parquet GZIP, ORC ZLIB,
    /// JSON and TEXTFILE GZIP). Avro and Ion have no documented default; Sluice takes NONE (docs/sql-front-end.md).
    /// </summary>
    public CompressionCodec EffectiveCompression => Compression ?? EffectiveFormat switch
    {
        CtasFormat.Orc => CompressionCodec.Zlib,
        CtasFormat.Parquet or CtasFormat.Json or CtasFormat.TextFile => CompressionCodec.Gzip,
        _ => CompressionCodec.None,
    };

    /// <summary><c>compression_level</c> (ZSTD only, 1–22; Athena's default is 3).</summary>
    public int? CompressionLevel { get; init; }

    /// <summary><c>field_delimiter</c>, one character; Athena's default is U+0001.</summary>
    public string? FieldDelimiter { get; init; }

    /// <summary><c>vacuum_min_snapshots_to_keep</c> (Iceberg; default 1).</summary>
    public long? VacuumMinSnapshotsToKeep { get; init; }

    /// <summary><c>vacuum_max_snapshot_age_seconds</c> (Iceberg; default 432000).</summary>
    public long? VacuumMaxSnapshotAgeSeconds { get; init; }

    /// <summary><c>vacuum_max_metadata_files_to_keep</c> (Iceberg).</summary>
    public long? VacuumMaxMetadataFilesToKeep { get; init; }

    /// <summary><c>optimize_rewrite_data_file_threshold</c> (Iceberg; default 5).</summary>
    public long? OptimizeRewriteDataFileThreshold { get; init; }

    /// <summary><c>optimize_rewrite_delete_file_threshold</c> (Iceberg; default 2).</summary>
    public long? OptimizeRewriteDeleteFileThreshold { get; init; }

    /// <summary><c>optimize_rewrite_min_data_file_size_bytes</c> (Iceberg).</summary>
    public long? OptimizeRewriteMinDataFileSizeBytes { get; init; }

    /// <summary><c>optimize_rewrite_max_data_file_size_bytes</c> (Iceberg).</summary>
    public long? OptimizeRewriteMaxDataFileSizeBytes { get; init; }

    /// <summary><c>write_target_data_file_size_bytes</c> (Iceberg).</summary>
    public long? WriteTargetDataFileSizeBytes { get; init; }

    /// <summary>Every property as written, in order.</summary>
    public IReadOnlyList<CtasProperty> Written { get; init; } = [];
}
