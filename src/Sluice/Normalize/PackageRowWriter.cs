using Sluice.Load;
using Sluice.Schema;

namespace Sluice.Normalize;

/// <summary>
/// Buffers normalised rows per table, column by column in typed buffers (<see cref="ColumnBuffer"/>), and writes them
/// as Parquet job files into a package's <c>new_jobs</c>, rotating files at <see cref="MaxRowsPerFile"/> rows or
/// roughly <see cref="MaxBytesPerFile"/> bytes of values. Each file has the table's complete columns at the time it is
/// written; later columns read as NULL from it. Rows arrive either as dictionaries (<see cref="Add"/>, from
/// <see cref="RowNormalizer"/>) or straight into the buffers (the streaming normalizer).
/// </summary>
public sealed class PackageRowWriter : IRowSink
{
    private readonly string _jobsFolder;
    private readonly IParquetWriter _writer;
    private readonly Dictionary<string, TableBuffer> _buffers = new(StringComparer.Ordinal);
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

    /// <summary>Job files written in the background at once, each holding its rows in memory until written.</summary>
    public int MaxWritesInFlight { get; init; } = 1;

    public void Add(TableSchema table, Dictionary<string, object?> row)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(row);
        var buffer = Buffer(table);
        var index = Index(table);
        long bytes = 0;
        foreach (var (name, value) in row)
        {
            bytes += Estimate(value);
            if (value is null)
            {
                continue;
            }

            var at = index[name];
            var column = table.Columns[at];
            var type = column.Type ?? throw new InvalidOperationException($"Column '{name}' of table '{table.Name}' got a value but has no type.");
            buffer.Column(at).SetValue(buffer.Row, value, type);
        }

        EndRow(buffer, bytes);
    }

    /// <summary>The buffer that collects rows of <paramref name="table"/>.</summary>
    internal TableBuffer Buffer(TableSchema table)
    {
        if (!_buffers.TryGetValue(table.Name, out var buffer) || !ReferenceEquals(buffer.Table, table))
        {
            if (buffer is not null)
            {
                _pending.Add(FlushAsync(buffer));
            }

            buffer = new TableBuffer(table, MaxRowsPerFile);
            _buffers[table.Name] = buffer;
        }

        return buffer;
    }

    /// <summary>Closes the row being filled in <paramref name="buffer"/>; rotates the file when it is full.</summary>
    internal void EndRow(TableBuffer buffer, long bytes)
    {
        buffer.Row++;
        buffer.Bytes += bytes;
        if (buffer.Row >= MaxRowsPerFile || buffer.Bytes >= MaxBytesPerFile)
        {
            _buffers.Remove(buffer.Table.Name);
            _pending.Add(FlushAsync(buffer));
        }
    }

    /// <summary>Writes every buffered row and waits for all files.</summary>
    public async Task CompleteAsync()
    {
        foreach (var buffer in _buffers.Values)
        {
            _pending.Add(FlushAsync(buffer));
        }

        _buffers.Clear();
        await Task.WhenAll(_pending).ConfigureAwait(false);
    }

    /// <summary>Waits for the files being written and drops the rows not written yet (normalization failed).</summary>
    internal async Task AbandonAsync()
    {
        foreach (var buffer in _buffers.Values)
        {
            buffer.Detached = true;
            buffer.Release();
        }

        _buffers.Clear();
        try
        {
            await Task.WhenAll(_pending).ConfigureAwait(false);
        }
        catch (Exception) when (_pending.Any(t => t.IsFaulted || t.IsCanceled))
        {
            // The normalizer's own error is the one reported.
        }
    }

    /// <summary>
    /// Starts writing <paramref name="buffer"/>'s rows to a job file. A columnar writer runs in the background while
    /// normalization goes on; at most <see cref="MaxWritesInFlight"/> files are being written at once (each holds its
    /// buffer's memory), so this waits for the oldest when that many are running.
    /// </summary>
    private Task FlushAsync(TableBuffer buffer)
    {
        buffer.Detached = true;
        var rowCount = buffer.Row;
        if (rowCount == 0)
        {
            buffer.Release();
            return Task.CompletedTask;
        }

        RowCounts[buffer.Table.Name] = RowCounts.GetValueOrDefault(buffer.Table.Name) + rowCount;

        var table = buffer.Table;
        var positions = new List<int>();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (table.Columns[i].IsComplete)
            {
                positions.Add(i);
            }
        }

        var columns = positions.Select(i => new ParquetColumn(table.Columns[i].Name, table.Columns[i].Type!.Value)).ToList();
        var precision = table.TableFormat == TableFormat.Iceberg ? TimestampPrecision.Microseconds : TimestampPrecision.Milliseconds;
        var path = Path.Combine(_jobsFolder, JobFileName.New(table.Name).ToString());
        if (_writer is IColumnParquetWriter columnar)
        {
            var values = positions.Select(i => buffer.Existing(i) ?? new ColumnBuffer(table.Columns[i], 0)).ToList();
            var empty = values.Where((v, c) => buffer.Existing(positions[c]) is null).ToList();
            _pending.RemoveAll(t => t.IsCompletedSuccessfully);
            if (_pending.Count(t => !t.IsCompleted) >= MaxWritesInFlight)
            {
                // Bounded memory: the normalizer is synchronous, so it waits here for the oldest file.
                Task.WaitAny([.. _pending.Where(t => !t.IsCompleted)], CancellationToken);
            }

            return Task.Run(
                async () =>
                {
                    try
                    {
                        return await columnar.WriteColumnsAsync(path, columns, values, rowCount, precision, CancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        buffer.Release();
                        empty.ForEach(v => v.Release());
                    }
                },
                CancellationToken);
        }

        var rows = new List<object?[]>(rowCount);
        for (var row = 0; row < rowCount; row++)
        {
            var array = new object?[columns.Count];
            for (var c = 0; c < positions.Count; c++)
            {
                array[c] = buffer.Existing(positions[c])?.Value(row);
            }

            rows.Add(array);
        }

        buffer.Release();
        return _writer.WriteAsync(path, columns, rows, precision, CancellationToken);
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

    internal static long Estimate(object? value) => value switch
    {
        string s => s.Length + 4,
        byte[] b => b.Length + 4,
        JsonText j => j.Json.Length + 4,
        null => 1,
        _ => 8,
    };
}
