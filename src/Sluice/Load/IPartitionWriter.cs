using Sluice.Schema;

namespace Sluice.Load;

/// <summary>
/// Splits a job's Parquet file by Hive partition keys (docs/loading.md, "Partitions"). Implemented next to the Parquet
/// writer (<c>Sluice.Parquet</c> does it with DuckDB); the pipeline uses it when its <see cref="IParquetWriter"/>
/// implements this interface too.
/// </summary>
public interface IPartitionWriter
{
    /// <summary>
    /// Reads <paramref name="source"/>, computes <paramref name="keys"/> for every row and writes one Parquet file per
    /// distinct key tuple under <paramref name="folder"/> (zstd, timestamps at <paramref name="precision"/>), without
    /// the identity key columns (their values live in the folder name). Values are rendered as Athena reads a
    /// partition value back (<c>2024</c>, <c>2024-01-08</c>, <c>true</c>); a NULL value is null.
    /// </summary>
    Task<IReadOnlyList<PartitionFile>> SplitAsync(
        string source, IReadOnlyList<HivePartitionKey> keys, string folder, TimestampPrecision precision, CancellationToken cancellationToken = default);

    /// <summary>Writes <paramref name="source"/> to <paramref name="target"/> with the derived key columns added (for staging tables).</summary>
    Task AddKeysAsync(string source, IReadOnlyList<HivePartitionKey> keys, string target, TimestampPrecision precision, CancellationToken cancellationToken = default);
}

/// <summary>One partition's file written by <see cref="IPartitionWriter.SplitAsync"/>: key values (null = NULL), path and row count.</summary>
public sealed record PartitionFile(IReadOnlyList<string?> Values, string Path, long Rows);
