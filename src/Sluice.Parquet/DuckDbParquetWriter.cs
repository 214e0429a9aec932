using System.Globalization;
using Sluice.DuckDb;
using Sluice.Load;
using Sluice.Normalize;
using Sluice.Schema;
using Sluice.Sql;

namespace Sluice.Parquet;

/// <summary>
/// <see cref="IParquetWriter"/> on an in-memory DuckDB. Column buffers are read by DuckDB through the table function
/// <c>sluice_columns(id)</c> (<see cref="DuckDbColumnScanFunction"/>) while <c>COPY (SELECT * FROM sluice_columns(id)) TO
/// ... (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL n)</c> writes the file; row arrays go through the appender
/// into a scratch table that is copied the same way. Calls are serialized; one instance can be shared.
/// </summary>
public sealed class DuckDbParquetWriter : IColumnParquetWriter, IPartitionWriter, IDisposable
{
    private DuckDbPartitionWriter? _partitions;

    private readonly DuckDbDatabase _database;
    private readonly DuckDbConnection _connection;
    private readonly DuckDbColumnScanFunction _scans;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _compressionLevel;
    private long _scratch;

    /// <param name="threads">DuckDB threads for writing (1: the file is written on one core while normalization uses the other).</param>
    /// <param name="compressionLevel">
    /// zstd level, 1 (fastest; the default: normalizing the nested load benchmark took 15-20% less time than with level 3,
    /// and, on 1M rows shaped like a child table, wrote 13.0 MB against 15.2 MB) to 22 (smallest).
    /// </param>
    public DuckDbParquetWriter(int threads = 1, int compressionLevel = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(compressionLevel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(compressionLevel, 22);
        _compressionLevel = compressionLevel.ToString(CultureInfo.InvariantCulture);
        _database = DuckDbDatabase.Open(null, new Dictionary<string, string> { ["threads"] = threads.ToString(CultureInfo.InvariantCulture) });
        _connection = _database.Connect();
        _scans = _connection.RegisterColumnScanFunction("sluice_columns");
    }

    /// <inheritdoc/>
    public async Task<long> WriteAsync(
        string path, IReadOnlyList<ParquetColumn> columns, IReadOnlyList<object?[]> rows, TimestampPrecision timestampPrecision, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (columns.Count == 0)
        {
            throw new ArgumentException($"A Parquet file needs at least one column; '{path}' was given none.", nameof(columns));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Write(path, columns, rows, timestampPrecision, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<long> WriteColumnsAsync(
        string path, IReadOnlyList<ParquetColumn> columns, IReadOnlyList<ColumnBuffer> values, int rowCount, TimestampPrecision timestampPrecision,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (columns.Count == 0 || values.Count != columns.Count)
        {
            throw new ArgumentException($"A Parquet file needs at least one column and one buffer per column; '{path}' was given {columns.Count} column(s) and {values.Count} buffer(s).", nameof(columns));
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // DuckDB pulls 2048-row chunks straight from the buffers through the table function: no scratch table.
            var scan = new DuckDbColumnScan(
                rowCount,
                columns.Select((c, i) => new DuckDbScanColumn(c.Name, ScanType(c.Type), new BufferSource(values[i]))).ToList());
            using var registration = _scans.Add(scan);
            var select = string.Join(", ", columns.Select(c => FileExpression(c, timestampPrecision)));
            return Copy(path, $"SELECT {select} FROM {registration.Sql}", cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private long Write(string path, IReadOnlyList<ParquetColumn> columns, IReadOnlyList<object?[]> rows, TimestampPrecision precision, CancellationToken cancellationToken) =>
        Write(path, columns, appender =>
        {
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = i < row.Length ? row[i] : null;
                    appender.Append(value switch
                    {
                        JsonText json => json.Json,
                        _ => value,
                    });
                }

                appender.EndRow();
            }

            appender.Complete();
        }, precision, cancellationToken);

    private long Write(string path, IReadOnlyList<ParquetColumn> columns, Action<DuckDbAppender> append, TimestampPrecision precision, CancellationToken cancellationToken)
    {
        var table = "scratch_" + (++_scratch).ToString(CultureInfo.InvariantCulture);
        var definitions = string.Join(", ", columns.Select(c => SqlRender.DmlIdentifier(c.Name) + " " + TableType(c.Type)));
        _connection.Execute($"CREATE TABLE {table} ({definitions})", cancellationToken);
        try
        {
            using (var appender = _connection.CreateAppender(table))
            {
                append(appender);
            }

            var select = string.Join(", ", columns.Select(c => FileExpression(c, precision)));
            return Copy(path, $"SELECT {select} FROM {table}", cancellationToken);
        }
        finally
        {
            _connection.Execute($"DROP TABLE IF EXISTS {table}", CancellationToken.None);
        }
    }

    /// <summary>Writes the rows of <paramref name="query"/> to a temporary file beside <paramref name="path"/>, then renames it.</summary>
    private long Copy(string path, string query, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        // A leading '.' hides the file from Athena-style listings until the rename publishes it.
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + ".tmp");
        _connection.Execute(
            $"COPY ({query}) TO {SqlRender.StringLiteral(temporary)} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL {_compressionLevel})", cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return new FileInfo(path).Length;
    }

    /// <summary>
    /// The DuckDB type a column is scanned as, and declared as in the rows path's scratch table. Timestamps stay
    /// in microseconds and are cast in the SELECT like the rows path, because DuckDB's cast to TIMESTAMP_MS rounds
    /// times before 1970 down where writing milliseconds directly would truncate them toward zero.
    /// </summary>
    private static DuckDbColumnType ScanType(DataType type) => type switch
    {
        DataType.Text or DataType.Json => DuckDbColumnType.Varchar,
        DataType.Bigint => DuckDbColumnType.BigInt,
        DataType.Double => DuckDbColumnType.Double,
        DataType.Bool => DuckDbColumnType.Boolean,
        DataType.Decimal => DuckDbColumnType.Decimal(38, 9),
        DataType.Timestamp => DuckDbColumnType.Timestamp,
        DataType.Date => DuckDbColumnType.Date,
        DataType.Binary => DuckDbColumnType.Blob,
        _ => throw new NotSupportedException($"Columns of type {type} cannot be written to Parquet for Athena; convert them to text or timestamp."),
    };

    private static string TableType(DataType type) => ScanType(type).ToString();

    private static string FileExpression(ParquetColumn column, TimestampPrecision precision)
    {
        var name = SqlRender.DmlIdentifier(column.Name);
        return column.Type == DataType.Timestamp && precision == TimestampPrecision.Milliseconds
            ? $"CAST({name} AS TIMESTAMP_MS) AS {name}"
            : name;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<PartitionFile>> SplitAsync(
        string source, IReadOnlyList<HivePartitionKey> keys, string folder, TimestampPrecision precision, CancellationToken cancellationToken = default) =>
        (_partitions ??= new DuckDbPartitionWriter()).SplitAsync(source, keys, folder, precision, cancellationToken);

    /// <inheritdoc/>
    public Task AddKeysAsync(string source, IReadOnlyList<HivePartitionKey> keys, string target, TimestampPrecision precision, CancellationToken cancellationToken = default) =>
        (_partitions ??= new DuckDbPartitionWriter()).AddKeysAsync(source, keys, target, precision, cancellationToken);

    /// <summary>Writes a <see cref="ColumnBuffer"/>'s values into a scanned chunk's vector of the same type.</summary>
    private sealed class BufferSource(ColumnBuffer buffer) : IDuckDbColumnSource
    {
        public void WriteTo(DuckDbVectorTarget target, int start, int count)
        {
            // One loop per type: the type test stays out of the per-value work.
            switch (buffer.Type)
            {
                case DataType.Bigint:
                {
                    var longs = buffer.Longs;
                    for (var i = 0; i < count; i++)
                    {
                        if (buffer.HasValue(start + i)) { target.WriteInt64(i, longs[start + i]); } else { target.SetNull(i); }
                    }

                    break;
                }

                case DataType.Bool:
                {
                    var longs = buffer.Longs;
                    for (var i = 0; i < count; i++)
                    {
                        if (buffer.HasValue(start + i)) { target.WriteBoolean(i, longs[start + i] != 0); } else { target.SetNull(i); }
                    }

                    break;
                }

                case DataType.Timestamp:
                {
                    var longs = buffer.Longs;
                    for (var i = 0; i < count; i++)
                    {
                        if (buffer.HasValue(start + i)) { target.WriteDateTime(i, new DateTime(longs[start + i], DateTimeKind.Utc)); } else { target.SetNull(i); }
                    }

                    break;
                }

                case DataType.Date:
                {
                    var longs = buffer.Longs;
                    for (var i = 0; i < count; i++)
                    {
                        if (buffer.HasValue(start + i)) { target.WriteDate(i, DateOnly.FromDayNumber((int)longs[start + i])); } else { target.SetNull(i); }
                    }

                    break;
                }

                case DataType.Double:
                {
                    var doubles = buffer.Doubles;
                    for (var i = 0; i < count; i++)
                    {
                        if (buffer.HasValue(start + i)) { target.WriteDouble(i, doubles[start + i]); } else { target.SetNull(i); }
                    }

                    break;
                }

                case DataType.Decimal:
                {
                    var decimals = buffer.Decimals;
                    for (var i = 0; i < count; i++)
                    {
                        if (buffer.HasValue(start + i)) { target.WriteDecimal(i, decimals[start + i]); } else { target.SetNull(i); }
                    }

                    break;
                }

                case null:
                    for (var i = 0; i < count; i++)
                    {
                        target.SetNull(i);
                    }

                    break;
                default:
                    for (var i = 0; i < count; i++)
                    {
                        if (buffer.HasValue(start + i)) { target.WriteBytes(i, buffer.Bytes(start + i)); } else { target.SetNull(i); }
                    }

                    break;
            }
        }
    }

    public void Dispose()
    {
        _partitions?.Dispose();
        _scans.Dispose();
        _connection.Dispose();
        _database.Dispose();
        _gate.Dispose();
    }
}
