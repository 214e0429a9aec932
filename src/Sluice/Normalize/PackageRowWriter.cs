using Sluice.Load;
using Sluice.Schema;

namespace Sluice.Normalize;

/// <summary>
/// Buffers normalised rows per table and writes them as Parquet job files into a package's <c>new_jobs</c>,
/// rotating files at <see cref="MaxRowsPerFile"/> rows or roughly <see cref="MaxBytesPerFile"/> bytes of values.
/// Each file has the table's complete columns at the time it is written; later columns read as NULL from it.
/// </summary>
public sealed class PackageRowWriter : IRowSink
{
    private readonly string _jobsFolder;
    private readonly IParquetWriter _writer;
    private readonly Dictionary<string, (TableSchema Table, List<Dictionary<string, object?>> Rows, long Bytes)> _buffers = new(StringComparer.Ordinal);
    private readonly List<Task> _pending = [];

    public PackageRowWriter(string jobsFolder, IParquetWriter writer)
    {
        _jobsFolder = jobsFolder;
        _writer = writer;
        Directory.CreateDirectory(jobsFolder);
    }

    public int MaxRowsPerFile { get; init; } = 250_000;

    public long MaxBytesPerFile { get; init; } = 64L << 20;

    /// <summary>Rows written per table so far.</summary>
    public Dictionary<string, long> RowCounts { get; } = new(StringComparer.Ordinal);

    public CancellationToken CancellationToken { get; init; }

    public void Add(TableSchema table, Dictionary<string, object?> row)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(row);
        if (!_buffers.TryGetValue(table.Name, out var buffer))
        {
            buffer = (table, [], 0);
        }

        buffer.Rows.Add(row);
        buffer.Bytes += Estimate(row);
        _buffers[table.Name] = buffer;
        RowCounts[table.Name] = RowCounts.GetValueOrDefault(table.Name) + 1;
        if (buffer.Rows.Count >= MaxRowsPerFile || buffer.Bytes >= MaxBytesPerFile)
        {
            _pending.Add(FlushAsync(table.Name));
        }
    }

    /// <summary>Writes every buffered row and waits for all files.</summary>
    public async Task CompleteAsync()
    {
        foreach (var table in _buffers.Keys.ToList())
        {
            _pending.Add(FlushAsync(table));
        }

        await Task.WhenAll(_pending).ConfigureAwait(false);
    }

    private Task FlushAsync(string tableName)
    {
        var (table, rows, _) = _buffers[tableName];
        _buffers.Remove(tableName);
        if (rows.Count == 0)
        {
            return Task.CompletedTask;
        }

        var columns = table.CompleteColumns.Select(c => new ParquetColumn(c.Name, c.Type!.Value)).ToList();
        var values = new List<object?[]>(rows.Count);
        foreach (var row in rows)
        {
            var array = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                array[i] = row.GetValueOrDefault(columns[i].Name);
            }

            values.Add(array);
        }

        var precision = table.TableFormat == TableFormat.Iceberg ? TimestampPrecision.Microseconds : TimestampPrecision.Milliseconds;
        var path = Path.Combine(_jobsFolder, JobFileName.New(table.Name).ToString());
        return _writer.WriteAsync(path, columns, values, precision, CancellationToken);
    }

    private static long Estimate(Dictionary<string, object?> row)
    {
        long bytes = 0;
        foreach (var value in row.Values)
        {
            bytes += value switch
            {
                string s => s.Length + 4,
                byte[] b => b.Length + 4,
                JsonText j => j.Json.Length + 4,
                null => 1,
                _ => 8,
            };
        }

        return bytes;
    }
}
