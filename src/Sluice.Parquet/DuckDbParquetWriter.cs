using System.Globalization;
using Sluice.DuckDb;
using Sluice.Load;
using Sluice.Normalize;
using Sluice.Schema;
using Sluice.Sql;

namespace Sluice.Parquet;

/// <summary>
/// <see cref="IParquetWriter"/> on an in-memory DuckDB: rows go through the appender into a scratch table, then
/// <c>COPY ... TO ... (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL n)</c> writes the file. Calls are serialized; one instance can
/// be shared.
/// </summary>
public sealed class DuckDbParquetWriter : IColumnParquetWriter, IPartitionWriter, IDisposable
{
    private DuckDbPartitionWriter? _partitions;

    private readonly DuckDbDatabase _database;
    private readonly DuckDbConnection _connection;
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
            return Write(path, columns, appender =>
            {
                appender.AppendColumnSources(rowCount, values.Select(v => (IDuckDbColumnSource)new BufferSource(v)).ToList());
                appender.Complete();
            }, timestampPrecision, cancellationToken);
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

            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(directory);
            // A leading '.' hides the file from Athena-style listings until the rename publishes it.
            var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + ".tmp");
            var select = string.Join(", ", columns.Select(c => FileExpression(c, precision)));
            _connection.Execute(
                $"COPY (SELECT {select} FROM {table}) TO {SqlRender.StringLiteral(temporary)} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL {_compressionLevel})", cancellationToken);
            File.Move(temporary, path, overwrite: true);
            return new FileInfo(path).Length;
        }
        finally
        {
            _connection.Execute($"DROP TABLE IF EXISTS {table}", CancellationToken.None);
        }
    }

    private static string TableType(DataType type) => type switch
    {
        DataType.Text or DataType.Json => "VARCHAR",
        DataType.Bigint => "BIGINT",
        DataType.Double => "DOUBLE",
        DataType.Bool => "BOOLEAN",
        DataType.Decimal => "DECIMAL(38,9)",
        DataType.Timestamp => "TIMESTAMP",
        DataType.Date => "DATE",
        DataType.Binary => "BLOB",
        _ => throw new NotSupportedException($"Columns of type {type} cannot be written to Parquet for Athena; convert them to text or timestamp."),
    };

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

    /// <summary>Writes a <see cref="ColumnBuffer"/>'s values into the appender's vector of the same type.</summary>
    private sealed class BufferSource(ColumnBuffer buffer) : IDuckDbColumnSource
    {
        public void WriteTo(DuckDbVectorTarget target, int start, int count)
        {
            var type = buffer.Type;
            for (var i = 0; i < count; i++)
            {
                var row = start + i;
                if (!buffer.HasValue(row))
                {
                    target.SetNull(i);
                    continue;
                }

                switch (type)
                {
                    case DataType.Bigint: target.WriteInt64(i, buffer.Longs[row]); break;
                    case DataType.Bool: target.WriteBoolean(i, buffer.Longs[row] != 0); break;
                    case DataType.Timestamp: target.WriteDateTime(i, new DateTime(buffer.Longs[row], DateTimeKind.Utc)); break;
                    case DataType.Date: target.WriteDate(i, DateOnly.FromDayNumber((int)buffer.Longs[row])); break;
                    case DataType.Double: target.WriteDouble(i, buffer.Doubles[row]); break;
                    case DataType.Decimal: target.WriteDecimal(i, buffer.Decimals[row]); break;
                    default: target.WriteBytes(i, buffer.Bytes(row)); break;
                }
            }
        }
    }

    public void Dispose()
    {
        _partitions?.Dispose();
        _connection.Dispose();
        _database.Dispose();
        _gate.Dispose();
    }
}
