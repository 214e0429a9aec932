using System.Runtime.CompilerServices;
using Sluice.DuckDb.Native;
using Sluice.DuckDb.Vectors;

namespace Sluice.DuckDb;

/// <summary>
/// A forward-only reader over a streamed result, one data chunk (up to 2048 rows) at a time. Values are read
/// straight from DuckDB's vectors; SQL NULL is <c>null</c> from <see cref="GetValue"/> and <c>true</c> from
/// <see cref="IsNull"/>. Disposing releases the result and the connection for the next statement.
/// </summary>
public sealed unsafe partial class DuckDbDataReader : IDisposable
{
    private readonly DuckDbConnection _connection;
    private readonly ResultHandle _result;
    private readonly CancellationToken _cancellationToken;
    private readonly VectorReader[] _columns;
    private readonly string[] _names;
    private DataChunkHandle? _chunk;
    private ulong _chunkSize;
    private ulong _row;
    private bool _done;
    private bool _disposed;

    internal DuckDbDataReader(DuckDbConnection connection, ResultHandle result, CancellationToken cancellationToken)
    {
        _connection = connection;
        _result = result;
        _cancellationToken = cancellationToken;
        var count = (int)NativeMethods.duckdb_column_count(result.Pointer);
        _columns = new VectorReader[count];
        _names = new string[count];
        for (var i = 0; i < count; i++)
        {
            _names[i] = NativeMethods.ReadString(NativeMethods.duckdb_column_name(result.Pointer, (ulong)i)) ?? string.Empty;
            var type = NativeMethods.duckdb_column_logical_type(result.Pointer, (ulong)i);
            try
            {
                _columns[i] = new VectorReader(DuckDbColumnType.FromNative(type));
            }
            finally
            {
                NativeMethods.duckdb_destroy_logical_type(ref type);
            }
        }

        ColumnTypes = _columns.Select(c => c.Type).ToArray();
    }

    /// <summary>Runs a prepared statement in streaming mode and returns the reader that owns its result.</summary>
    internal static DuckDbDataReader Start(DuckDbConnection connection, nint prepared, CancellationToken cancellationToken)
    {
        var result = connection.Run(prepared, streaming: true, cancellationToken);
        try
        {
            var reader = new DuckDbDataReader(connection, result, cancellationToken);
            connection.ReaderOpened(reader);
            return reader;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    public int FieldCount => _columns.Length;

    public IReadOnlyList<DuckDbColumnType> ColumnTypes { get; }

    public IReadOnlyList<string> ColumnNames => _names;

    public string GetName(int ordinal) => _names[ordinal];

    public DuckDbColumnType GetColumnType(int ordinal) => _columns[ordinal].Type;

    /// <summary>The column's position by exact name, then by case-insensitive name; -1 when absent.</summary>
    public int GetOrdinal(string name)
    {
        var exact = Array.FindIndex(_names, n => string.Equals(n, name, StringComparison.Ordinal));
        return exact >= 0 ? exact : Array.FindIndex(_names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Advances to the next row, fetching the next chunk when needed.</summary>
    public bool Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (++_row < _chunkSize)
        {
            return true;
        }

        return NextChunk();
    }

    private bool NextChunk()
    {
        if (_done)
        {
            return false;
        }

        ObjectDisposedException.ThrowIf(_result.IsClosed, this);
        _chunk?.Dispose();
        _chunk = null;
        while (true)
        {
            nint raw;
            using (_cancellationToken.UnsafeRegister(static c => ((DuckDbConnection)c!).Interrupt(), _connection))
            {
                raw = NativeMethods.duckdb_fetch_chunk(*_result.Pointer);
            }

            if (raw == 0)
            {
                _done = true;
                var error = NativeMethods.duckdb_result_error(_result.Pointer);
                if (error != null)
                {
                    var exception = DuckDbConnection.ResultError(_result);
                    if (_cancellationToken.IsCancellationRequested)
                    {
                        throw new OperationCanceledException("The DuckDB query was cancelled.", exception, _cancellationToken);
                    }

                    throw exception;
                }

                _cancellationToken.ThrowIfCancellationRequested();
                return false;
            }

            var chunk = new DataChunkHandle(raw);
            var size = NativeMethods.duckdb_data_chunk_get_size(raw);
            if (size == 0)
            {
                chunk.Dispose();
                continue;
            }

            _chunk = chunk;
            _chunkSize = size;
            _row = 0;
            for (var i = 0; i < _columns.Length; i++)
            {
                _columns[i].Bind(NativeMethods.duckdb_data_chunk_get_vector(raw, (ulong)i));
            }

            return true;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsNull(int ordinal) => !_columns[ordinal].IsValid(_row);

    public object? GetValue(int ordinal) => _columns[ordinal].GetValue(_row);

    /// <summary>Copies the current row's values (NULL as null) into <paramref name="values"/>.</summary>
    public int GetValues(object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = Math.Min(values.Length, _columns.Length);
        for (var i = 0; i < n; i++)
        {
            values[i] = _columns[i].GetValue(_row);
        }

        return n;
    }

    public void Dispose()
    {
        _chunk?.Dispose();
        _chunk = null;
        _result.Dispose();
        _done = true;
        _disposed = true;
        _chunkSize = 0;
        _connection.ReaderClosed(this);
    }
}
