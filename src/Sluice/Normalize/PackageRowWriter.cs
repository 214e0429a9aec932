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
    // Rows are held as arrays indexed like the table's columns (which only grow), a third of a dictionary's memory.
    private readonly Dictionary<string, (TableSchema Table, List<object?[]> Rows, long Bytes)> _buffers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, int>> _indexes = new(StringComparer.Ordinal);
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

        var index = Index(table);
        var values = new object?[table.Columns.Count];
        long bytes = 0;
        foreach (var (name, value) in row)
        {
            values[index[name]] = value;
            bytes += Estimate(value);
        }

        buffer.Rows.Add(values);
        buffer.Bytes += bytes;
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

        var positions = table.Columns.Select((c, i) => (Column: c, Index: i)).Where(p => p.Column.IsComplete).ToList();
        var columns = positions.Select(p => new ParquetColumn(p.Column.Name, p.Column.Type!.Value)).ToList();
        var values = new List<object?[]>(rows.Count);
        var identity = positions.Count == table.Columns.Count;
        foreach (var row in rows)
        {
            if (identity && row.Length == columns.Count)
            {
                values.Add(row);
                continue;
            }

            var array = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                var at = positions[i].Index;
                array[i] = at < row.Length ? row[at] : null;
            }

            values.Add(array);
        }

        var precision = table.TableFormat == TableFormat.Iceberg ? TimestampPrecision.Microseconds : TimestampPrecision.Milliseconds;
        var path = Path.Combine(_jobsFolder, JobFileName.New(table.Name).ToString());
        return _writer.WriteAsync(path, columns, values, precision, CancellationToken);
    }

    private Dictionary<string, int> Index(TableSchema table)
    {
        if (!_indexes.TryGetValue(table.Name, out var index) || index.Count != table.Columns.Count)
        {
            index = new Dictionary<string, int>(table.Columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                index[table.Columns[i].Name] = i;
            }

            _indexes[table.Name] = index;
        }

        return index;
    }

    private static long Estimate(object? value) => value switch
    {
        string s => s.Length + 4,
        byte[] b => b.Length + 4,
        JsonText j => j.Json.Length + 4,
        null => 1,
        _ => 8,
    };
}
