namespace Sluice.Load;

/// <summary>
/// Writes rows to one Parquet file (zstd). The core has no native code, so the implementation lives in another
/// assembly (<c>Sluice.Parquet</c> writes through DuckDB).
/// </summary>
public interface IParquetWriter
{
    /// <summary>
    /// Writes <paramref name="rows"/> (values in <paramref name="columns"/> order, canonical types as produced by
    /// normalization; a row shorter than the column list has NULLs at the end) to <paramref name="path"/>, replacing
    /// any file there. The file appears complete or not at all: it is written under a temporary name in the same folder
    /// and renamed. Returns the file's size in bytes.
    /// </summary>
    Task<long> WriteAsync(
        string path,
        IReadOnlyList<ParquetColumn> columns,
        IReadOnlyList<object?[]> rows,
        TimestampPrecision timestampPrecision,
        CancellationToken cancellationToken = default);
}
