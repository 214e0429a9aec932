using Sluice.Load;

namespace Sluice.Normalize;

/// <summary>
/// An <see cref="IParquetWriter"/> that also takes values column by column, straight from the normalizer's typed
/// buffers (no row arrays, no boxing). <see cref="PackageRowWriter"/> uses it when the writer offers it.
/// </summary>
public interface IColumnParquetWriter : IParquetWriter
{
    /// <summary>
    /// Writes the first <paramref name="rowCount"/> rows of <paramref name="values"/> (one buffer per entry of
    /// <paramref name="columns"/>, same order; a buffer whose <see cref="ColumnBuffer.Type"/> is null holds only NULLs)
    /// to <paramref name="path"/>, with the same guarantees as <see cref="IParquetWriter.WriteAsync"/>.
    /// </summary>
    Task<long> WriteColumnsAsync(
        string path,
        IReadOnlyList<ParquetColumn> columns,
        IReadOnlyList<ColumnBuffer> values,
        int rowCount,
        TimestampPrecision timestampPrecision,
        CancellationToken cancellationToken = default);
}
