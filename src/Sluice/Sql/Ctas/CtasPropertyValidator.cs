using System.Collections.Frozen;
using System.Globalization;
using Sluice.Sql.Ast;

namespace Sluice.Sql.Ctas;

/// <summary>
/// Turns the written CTAS properties into <see cref="CtasProperties"/> with Athena's rules (athena.md §2). Every
/// failure is <c>INVALID_TABLE_PROPERTY</c> at the key's position. The "does not exist" and "Cannot convert" messages
/// are Trino's, with Athena's catalog name; the rule-specific ones are Sluice's wording (docs/sql-front-end.md).
/// </summary>
internal static class CtasPropertyValidator
{
    private const string Catalog = "awsdatacatalog";

    private static readonly FrozenSet<string> HiveOnly = FrozenSet.Create(StringComparer.Ordinal,
        "external_location", "partitioned_by", "bucketed_by", "bucket_count", "field_delimiter");

    private static readonly FrozenSet<string> IcebergOnly = FrozenSet.Create(StringComparer.Ordinal,
        "location", "partitioning", "vacuum_min_snapshots_to_keep", "vacuum_max_snapshot_age_seconds",
        "vacuum_max_metadata_files_to_keep", "optimize_rewrite_data_file_threshold", "optimize_rewrite_delete_file_threshold",
        "optimize_rewrite_min_data_file_size_bytes", "optimize_rewrite_max_data_file_size_bytes", "write_target_data_file_size_bytes");

    private static readonly FrozenSet<string> Known = HiveOnly.Concat(IcebergOnly).Concat(
    [
        "table_type", "format", "is_external", "write_compression", "parquet_compression", "orc_compression", "compression_level",
    ]).ToFrozenSet(StringComparer.Ordinal);

    private static readonly string[] CompressionKeys = ["write_compression", "parquet_compression", "orc_compression"];

    /// <summary>Validates <paramref name="written"/>; throws <see cref="SqlException"/> on the first violation.</summary>
    public static CtasProperties Validate(IReadOnlyList<CtasProperty> written)
    {
        var byKey = new Dictionary<string, CtasProperty>(StringComparer.Ordinal);
        foreach (var property in written)
        {
            // Athena's property keys are lower case; 'Format' names no property (athena.md §2).
            if (!Known.Contains(property.Key))
            {
                throw Error(property, $"Catalog '{Catalog}' table property '{property.Key}' does not exist");
            }

            if (!byKey.TryAdd(property.Key, property))
            {
                throw Error(property, $"Table property '{property.Key}' is specified more than once");
            }
        }

        var tableType = CtasTableType.Hive;
        if (byKey.TryGetValue("table_type", out var tableTypeProperty))
        {
            var text = String(tableTypeProperty);
            tableType = text.ToUpperInvariant() switch
            {
                "HIVE" => CtasTableType.Hive,
                "ICEBERG" => CtasTableType.Iceberg,
                _ => throw Error(tableTypeProperty, $"Unsupported table_type '{text}'. Supported values: HIVE, ICEBERG"),
            };
        }

        var iceberg = tableType == CtasTableType.Iceberg;
        foreach (var property in written)
        {
            if (iceberg && HiveOnly.Contains(property.Key))
            {
                throw Error(property, $"Table property '{property.Key}' is not supported for table_type ICEBERG");
            }

            if (!iceberg && IcebergOnly.Contains(property.Key))
            {
                throw Error(property, $"Table property '{property.Key}' is not supported for table_type HIVE");
            }
        }

        CtasFormat? format = null;
        if (byKey.TryGetValue("format", out var formatProperty))
        {
            var text = String(formatProperty);
            format = text.ToUpperInvariant() switch
            {
                "PARQUET" => CtasFormat.Parquet,
                "ORC" => CtasFormat.Orc,
                "AVRO" => CtasFormat.Avro,
                "JSON" => CtasFormat.Json,
                "ION" => CtasFormat.Ion,
                "TEXTFILE" => CtasFormat.TextFile,
                _ => throw Error(formatProperty, $"Unsupported format '{text}'. Supported values: PARQUET, ORC, AVRO, JSON, ION, TEXTFILE"),
            };
            if (iceberg && format is not (CtasFormat.Parquet or CtasFormat.Orc or CtasFormat.Avro))
            {
                throw Error(formatProperty, $"Unsupported format '{text}' for table_type ICEBERG. Supported values: PARQUET, ORC, AVRO");
            }
        }

        var effectiveFormat = format ?? CtasFormat.Parquet;
        var compressionKeys = CompressionKeys.Where(byKey.ContainsKey).ToList();
        if (compressionKeys.Count > 1)
        {
            // Athena: write_compression, parquet_compression and orc_compression are mutually exclusive.
            throw Error(byKey[compressionKeys[1]],
                $"Only one of write_compression, parquet_compression and orc_compression can be specified, found {string.Join(" and ", compressionKeys)}");
        }

        CompressionCodec? compression = null;
        string? compressionKey = compressionKeys.Count == 1 ? compressionKeys[0] : null;
        if (compressionKey is not null)
        {
            var property = byKey[compressionKey];
            if (compressionKey == "parquet_compression" && effectiveFormat != CtasFormat.Parquet)
            {
                throw Error(property, $"parquet_compression requires format PARQUET, not {effectiveFormat.ToString().ToUpperInvariant()}");
            }

            if (compressionKey == "orc_compression" && effectiveFormat != CtasFormat.Orc)
            {
                throw Error(property, $"orc_compression requires format ORC, not {effectiveFormat.ToString().ToUpperInvariant()}");
            }

            var text = String(property);
            if (!text.All(char.IsAsciiLetterOrDigit) || !Enum.TryParse<CompressionCodec>(text, ignoreCase: true, out var codec) || !char.IsAsciiLetter(text[0]))
            {
                throw Error(property, $"Unsupported compression '{text}'. Supported values: NONE, GZIP, SNAPPY, ZSTD, LZ4, ZLIB, DEFLATE, BZIP2");
            }

            if (!Supports(effectiveFormat, codec))
            {
                throw Error(property, $"Compression {text.ToUpperInvariant()} is not supported for format {effectiveFormat.ToString().ToUpperInvariant()}");
            }

            compression = codec;
        }

        int? compressionLevel = null;
        if (byKey.TryGetValue("compression_level", out var levelProperty))
        {
            compressionLevel = Integer(levelProperty);
            if (compression != CompressionCodec.Zstd)
            {
                throw Error(levelProperty, "compression_level can only be specified with ZSTD compression");
            }

            if (compressionLevel is < 1 or > 22)
            {
                throw Error(levelProperty, $"compression_level must be between 1 and 22, not {compressionLevel}");
            }
        }

        string? fieldDelimiter = null;
        if (byKey.TryGetValue("field_delimiter", out var delimiterProperty))
        {
            fieldDelimiter = String(delimiterProperty);
            // Athena: "multicharacter field delimiters are not supported for CTAS queries".
            if (fieldDelimiter.EnumerateRunes().Count() != 1)
            {
                throw Error(delimiterProperty, $"field_delimiter must be a single character, not '{fieldDelimiter}'");
            }
        }

        IReadOnlyList<string> bucketedBy = byKey.TryGetValue("bucketed_by", out var bucketedByProperty) ? StringArray(bucketedByProperty) : [];
        int? bucketCount = null;
        if (byKey.TryGetValue("bucket_count", out var bucketCountProperty))
        {
            bucketCount = Integer(bucketCountProperty);
            if (bucketCount < 1)
            {
                throw Error(bucketCountProperty, $"bucket_count must be greater than 0, not {bucketCount}");
            }
        }

        if (bucketCountProperty is not null && bucketedByProperty is null)
        {
            throw Error(bucketCountProperty, "bucket_count requires bucketed_by");
        }

        if (bucketedByProperty is not null && bucketCountProperty is null)
        {
            throw Error(bucketedByProperty, "bucketed_by requires bucket_count");
        }

        bool? isExternal = null;
        if (byKey.TryGetValue("is_external", out var isExternalProperty))
        {
            isExternal = Boolean(isExternalProperty);
            if (iceberg && isExternal == true)
            {
                throw Error(isExternalProperty, "is_external must be false for table_type ICEBERG");
            }
        }

        IReadOnlyList<PartitionTransform> partitioning = [];
        if (byKey.TryGetValue("partitioning", out var partitioningProperty))
        {
            partitioning = StringArray(partitioningProperty)
                .Select(text => PartitionTransformParser.ParseCtas(text) ?? throw Error(partitioningProperty, $"Unable to parse partitioning value: {text}"))
                .ToList();
        }

        if (iceberg && !byKey.ContainsKey("location"))
        {
            throw new SqlException(SqlErrorNames.InvalidTableProperty, "Table property 'location' is required for table_type ICEBERG");
        }

        return new CtasProperties
        {
            TableType = tableType,
            Format = format,
            ExternalLocation = OptionalString(byKey, "external_location"),
            Location = OptionalString(byKey, "location"),
            IsExternal = isExternal,
            PartitionedBy = byKey.TryGetValue("partitioned_by", out var partitionedBy) ? StringArray(partitionedBy) : [],
            Partitioning = partitioning,
            BucketedBy = bucketedBy,
            BucketCount = bucketCount,
            Compression = compression,
            CompressionProperty = compressionKey,
            CompressionLevel = compressionLevel,
            FieldDelimiter = fieldDelimiter,
            VacuumMinSnapshotsToKeep = Positive(byKey, "vacuum_min_snapshots_to_keep"),
            VacuumMaxSnapshotAgeSeconds = Positive(byKey, "vacuum_max_snapshot_age_seconds"),
            VacuumMaxMetadataFilesToKeep = Positive(byKey, "vacuum_max_metadata_files_to_keep"),
            OptimizeRewriteDataFileThreshold = Positive(byKey, "optimize_rewrite_data_file_threshold"),
            OptimizeRewriteDeleteFileThreshold = Positive(byKey, "optimize_rewrite_delete_file_threshold"),
            OptimizeRewriteMinDataFileSizeBytes = Positive(byKey, "optimize_rewrite_min_data_file_size_bytes"),
            OptimizeRewriteMaxDataFileSizeBytes = Positive(byKey, "optimize_rewrite_max_data_file_size_bytes"),
            WriteTargetDataFileSizeBytes = Positive(byKey, "write_target_data_file_size_bytes"),
            Written = written,
        };
    }

    // Codecs Athena writes per format (Athena's compression support table); anything else is refused up front
    // rather than failing after the query ran.
    private static bool Supports(CtasFormat format, CompressionCodec codec) => format switch
    {
        CtasFormat.Parquet => codec is CompressionCodec.None or CompressionCodec.Gzip or CompressionCodec.Snappy or CompressionCodec.Zstd or CompressionCodec.Lz4,
        CtasFormat.Orc => codec is CompressionCodec.None or CompressionCodec.Zlib or CompressionCodec.Snappy or CompressionCodec.Zstd or CompressionCodec.Lz4,
        CtasFormat.Avro => codec is CompressionCodec.None or CompressionCodec.Deflate or CompressionCodec.Snappy or CompressionCodec.Zstd,
        CtasFormat.Ion => codec is CompressionCodec.None or CompressionCodec.Gzip or CompressionCodec.Snappy or CompressionCodec.Zstd,
        _ => codec is not CompressionCodec.Zlib,
    };

    private static string? OptionalString(Dictionary<string, CtasProperty> byKey, string key) =>
        byKey.TryGetValue(key, out var property) ? String(property) : null;

    private static long? Positive(Dictionary<string, CtasProperty> byKey, string key)
    {
        if (!byKey.TryGetValue(key, out var property))
        {
            return null;
        }

        var value = Long(property, "bigint");
        return value > 0 ? value : throw Error(property, $"{key} must be greater than 0, not {value}");
    }

    private static string String(CtasProperty property) =>
        property.Value.Kind == PropertyValueKind.String ? property.Value.Value : throw CannotConvert(property, "varchar");

    private static int Integer(CtasProperty property) => checked((int)Long(property, "integer", int.MinValue, int.MaxValue));

    private static long Long(CtasProperty property, string type, long min = long.MinValue, long max = long.MaxValue)
    {
        if (property.Value.Kind == PropertyValueKind.Number &&
            long.TryParse(property.Value.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) &&
            value >= min && value <= max)
        {
            return value;
        }

        throw CannotConvert(property, type);
    }

    private static bool Boolean(CtasProperty property) =>
        property.Value.Kind == PropertyValueKind.Boolean ? property.Value.Value == "true" : throw CannotConvert(property, "boolean");

    private static List<string> StringArray(CtasProperty property)
    {
        if (property.Value.Kind == PropertyValueKind.Array && property.Value.Elements.All(e => e.Kind == PropertyValueKind.String))
        {
            return property.Value.Elements.Select(e => e.Value).ToList();
        }

        throw CannotConvert(property, "array(varchar)");
    }

    // Trino: "Invalid value for catalog 'c' table property 'p': Cannot convert [<expression>] to <type>".
    private static SqlException CannotConvert(CtasProperty property, string type) =>
        Error(property, $"Invalid value for catalog '{Catalog}' table property '{property.Key}': Cannot convert [{property.Value.Source.Text}] to {type}");

    private static SqlException Error(CtasProperty property, string detail) =>
        new(SqlErrorNames.InvalidTableProperty, detail, property.KeyPosition.Line, property.KeyPosition.Column);
}
