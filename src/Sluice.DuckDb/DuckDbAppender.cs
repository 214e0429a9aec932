using System.Globalization;
using System.Runtime.InteropServices;
using Sluice.DuckDb.Native;
using Sluice.DuckDb.Vectors;

namespace Sluice.DuckDb;

/// <summary>
/// Bulk-inserts rows into a table, row by row (<see cref="Append(long)"/> ... <see cref="EndRow"/>) or by columns
/// (<see cref="AppendColumns(int, IReadOnlyList{Array})"/>). Values are written straight into a data chunk of 2048 rows, which is handed to
/// DuckDB's appender when full.
/// <para>
/// Contract: nothing is visible to other connections until <see cref="Complete"/> returns. When the connection is in
/// auto-commit mode the appender runs in its own transaction, and disposing without <see cref="Complete"/> (or after
/// a failure) rolls every appended row back. Inside a transaction the caller opened, the rows belong to that
/// transaction: disposing without <see cref="Complete"/> drops the rows still buffered, and the caller's rollback
/// discards the rest.
/// </para>
/// </summary>
public sealed unsafe class DuckDbAppender : IDisposable
{
    private readonly DuckDbConnection _connection;
    private readonly AppenderHandle _handle;
    private readonly DataChunkHandle _chunk;
    private readonly VectorWriter[] _writers;
    private readonly ulong _capacity;
    private readonly bool _ownsTransaction;
    private readonly string _table;
    private ulong _row;
    private int _column;
    private bool _completed;
    private bool _disposed;

    private DuckDbAppender(DuckDbConnection connection, AppenderHandle handle, string table, string[] names, bool ownsTransaction)
    {
        _connection = connection;
        _handle = handle;
        _table = table;
        _ownsTransaction = ownsTransaction;
        var raw = handle.DangerousGetHandle();
        var count = (int)NativeMethods.duckdb_appender_column_count(raw);
        var types = new nint[count];
        _writers = new VectorWriter[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                types[i] = NativeMethods.duckdb_appender_column_type(raw, (ulong)i);
                var name = i < names.Length ? names[i] : string.Create(CultureInfo.InvariantCulture, $"#{i + 1}");
                _writers[i] = new VectorWriter(DuckDbColumnType.FromNative(types[i]), name);
            }

            fixed (nint* t = types)
            {
                _chunk = new DataChunkHandle(NativeMethods.duckdb_create_data_chunk(t, (ulong)count));
            }
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                if (types[i] != 0)
                {
                    NativeMethods.duckdb_destroy_logical_type(ref types[i]);
                }
            }
        }

        _capacity = NativeMethods.duckdb_vector_size();
        ColumnTypes = _writers.Select(w => w.Type).ToArray();
        ColumnNames = names;
        BindChunk();
    }

    public IReadOnlyList<DuckDbColumnType> ColumnTypes { get; }

    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Rows appended so far (ended with <see cref="EndRow"/> or by <see cref="AppendColumns(int, IReadOnlyList{Array})"/>).</summary>
    public long RowCount { get; private set; }

    internal static DuckDbAppender Create(DuckDbConnection connection, string table, string? schema, string? catalog)
    {
        var names = ColumnNamesOf(connection, table, schema, catalog);
        var ownsTransaction = TryBegin(connection);
        try
        {
            var state = NativeMethods.duckdb_appender_create_ext(connection.Raw, catalog, schema, table, out var raw);
            var handle = new AppenderHandle(raw);
            if (state != DuckDbState.Success)
            {
                var message = NativeMethods.ReadString(NativeMethods.duckdb_appender_error(raw)) ?? "unknown error";
                handle.Dispose();
                throw new DuckDbException($"Cannot append to table '{Qualified(table, schema, catalog)}': {message}");
            }

            return new DuckDbAppender(connection, handle, Qualified(table, schema, catalog), names, ownsTransaction);
        }
        catch
        {
            if (ownsTransaction)
            {
                connection.Execute("ROLLBACK");
            }

            throw;
        }
    }

    public DuckDbAppender Append(long value)
    {
        Writer().WriteInt64(_row, value);
        _column++;
        return this;
    }

    public DuckDbAppender Append(int value) => Append((long)value);

    public DuckDbAppender Append(double value)
    {
        Writer().WriteDouble(_row, value);
        _column++;
        return this;
    }

    public DuckDbAppender Append(bool value) => Append((object)value);

    public DuckDbAppender Append(string? value)
    {
        if (value is null)
        {
            return AppendNull();
        }

        Writer().WriteString(_row, value);
        _column++;
        return this;
    }

    public DuckDbAppender Append(DateTime value)
    {
        Writer().WriteDateTime(_row, value);
        _column++;
        return this;
    }

    public DuckDbAppender Append(decimal value)
    {
        Writer().WriteDecimal(_row, DuckDbDecimal.FromDecimal(value));
        _column++;
        return this;
    }

    /// <summary>Appends any supported value (null for NULL); nested values are lists, dictionaries and tuples.</summary>
    public DuckDbAppender Append(object? value)
    {
        Writer().Write(_row, value);
        _column++;
        return this;
    }

    public DuckDbAppender AppendNull()
    {
        Writer().SetNull(_row);
        _column++;
        return this;
    }

    /// <summary>Ends the current row; every column must have been given a value.</summary>
    public void EndRow()
    {
        if (_column != _writers.Length)
        {
            throw new InvalidOperationException(
                $"The row for '{_table}' has {_column} value(s) but the table has {_writers.Length} column(s); append one value per column before EndRow.");
        }

        _column = 0;
        RowCount++;
        if (++_row == _capacity)
        {
            FlushChunk();
        }
    }

    public void AppendRow(params ReadOnlySpan<object?> values)
    {
        foreach (var value in values)
        {
            Append(value);
        }

        EndRow();
    }

    /// <summary>
    /// Appends <paramref name="rowCount"/> rows given column by column. Each column is an array with at least that
    /// many elements: <c>long[]</c>, <c>int[]</c>, <c>double[]</c> are copied in bulk into matching columns; arrays
    /// of nullable or reference types write null as NULL.
    /// </summary>
    public void AppendColumns(int rowCount, params IReadOnlyList<Array> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (_column != 0)
        {
            throw new InvalidOperationException("A row is half-appended; finish it with EndRow before AppendColumns.");
        }

        if (columns.Count != _writers.Length)
        {
            throw new ArgumentException($"'{_table}' has {_writers.Length} column(s) but {columns.Count} array(s) were given.", nameof(columns));
        }

        for (var c = 0; c < columns.Count; c++)
        {
            if (columns[c].Length < rowCount)
            {
                throw new ArgumentException($"Array {c} for column '{_writers[c].Name}' has {columns[c].Length} element(s), fewer than {rowCount} rows.", nameof(columns));
            }
        }

        var done = 0;
        while (done < rowCount)
        {
            var take = (int)Math.Min((ulong)(rowCount - done), _capacity - _row);
            for (var c = 0; c < columns.Count; c++)
            {
                WriteColumn(_writers[c], columns[c], done, take);
            }

            _row += (ulong)take;
            done += take;
            RowCount += take;
            if (_row == _capacity)
            {
                FlushChunk();
            }
        }
    }

    /// <summary>
    /// Appends <paramref name="rowCount"/> rows given column by column through sources that write straight into the
    /// appender's vectors, a chunk (up to 2048 rows) at a time: typed values without boxing, NULLs where a source
    /// sets them.
    /// </summary>
    public void AppendColumnSources(int rowCount, IReadOnlyList<IDuckDbColumnSource> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ObjectDisposedException.ThrowIf(_disposed || _completed, this);
        if (_column != 0)
        {
            throw new InvalidOperationException("A row is half-appended; finish it with EndRow before AppendColumns.");
        }

        if (columns.Count != _writers.Length)
        {
            throw new ArgumentException($"'{_table}' has {_writers.Length} column(s) but {columns.Count} source(s) were given.", nameof(columns));
        }

        var done = 0;
        while (done < rowCount)
        {
            var take = (int)Math.Min((ulong)(rowCount - done), _capacity - _row);
            ColumnSourceWriter.Write(_writers, columns, done, take, _row);

            _row += (ulong)take;
            done += take;
            RowCount += take;
            if (_row == _capacity)
            {
                FlushChunk();
            }
        }
    }

    private void WriteColumn(VectorWriter writer, Array column, int start, int count)
    {
        switch (column)
        {
            case long[] longs when writer.Type.Id == DuckDbTypeId.BigInt:
                CopyTo(longs.AsSpan(start, count));
                return;
            case int[] ints when writer.Type.Id == DuckDbTypeId.Integer:
                CopyTo(ints.AsSpan(start, count));
                return;
            case double[] doubles when writer.Type.Id == DuckDbTypeId.Double:
                CopyTo(doubles.AsSpan(start, count));
                return;
            case string?[] strings:
                for (var i = 0; i < count; i++)
                {
                    var s = strings[start + i];
                    if (s is null)
                    {
                        writer.SetNull(_row + (ulong)i);
                    }
                    else
                    {
                        writer.WriteString(_row + (ulong)i, s);
                    }
                }

                return;
            case DateTime[] times:
                for (var i = 0; i < count; i++)
                {
                    writer.WriteDateTime(_row + (ulong)i, times[start + i]);
                }

                return;
            default:
                for (var i = 0; i < count; i++)
                {
                    writer.Write(_row + (ulong)i, column.GetValue(start + i));
                }

                return;
        }

        void CopyTo<T>(Span<T> source)
            where T : unmanaged
        {
            var vector = NativeMethods.duckdb_data_chunk_get_vector(_chunk.DangerousGetHandle(), (ulong)Array.IndexOf(_writers, writer));
            var target = new Span<T>((T*)NativeMethods.duckdb_vector_get_data(vector) + _row, source.Length);
            source.CopyTo(target);
        }
    }

    /// <summary>
    /// Hands every buffered row to DuckDB and commits (when the appender owns the transaction). After this the rows
    /// are durable and visible. A constraint violation or type error fails here and nothing is committed.
    /// </summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            return;
        }

        if (_column != 0)
        {
            throw new InvalidOperationException("A row is half-appended; finish it with EndRow before Complete.");
        }

        if (_row > 0)
        {
            FlushChunk();
        }

        Check(NativeMethods.duckdb_appender_flush(_handle.DangerousGetHandle()));
        Check(NativeMethods.duckdb_appender_close(_handle.DangerousGetHandle()));
        if (_ownsTransaction)
        {
            _connection.Execute("COMMIT");
        }

        _completed = true;
    }

    /// <summary>Releases the appender. Without a successful <see cref="Complete"/>, the appended rows are discarded.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_completed)
        {
            // Drop what DuckDB still buffers so that destroying the appender (which flushes) writes nothing new.
            NativeMethods.duckdb_appender_clear(_handle.DangerousGetHandle());
        }

        _handle.Dispose();
        _chunk.Dispose();
        if (!_completed && _ownsTransaction)
        {
            try
            {
                _connection.Execute("ROLLBACK");
            }
            catch (DuckDbException)
            {
                // The transaction is already gone (a failed statement aborted it); nothing was committed.
            }
        }
    }

    private VectorWriter Writer()
    {
        ObjectDisposedException.ThrowIf(_disposed || _completed, this);
        if (_column >= _writers.Length)
        {
            throw new InvalidOperationException(
                $"'{_table}' has {_writers.Length} column(s); call EndRow before appending the next row's values.");
        }

        return _writers[_column];
    }

    private void FlushChunk()
    {
        var chunk = _chunk.DangerousGetHandle();
        NativeMethods.duckdb_data_chunk_set_size(chunk, _row);
        Check(NativeMethods.duckdb_append_data_chunk(_handle.DangerousGetHandle(), chunk));
        NativeMethods.duckdb_data_chunk_reset(chunk);
        _row = 0;
        BindChunk();
    }

    private void BindChunk()
    {
        var chunk = _chunk.DangerousGetHandle();
        for (var i = 0; i < _writers.Length; i++)
        {
            _writers[i].Bind(NativeMethods.duckdb_data_chunk_get_vector(chunk, (ulong)i));
        }
    }

    private void Check(DuckDbState state)
    {
        if (state != DuckDbState.Success)
        {
            var message = NativeMethods.ReadString(NativeMethods.duckdb_appender_error(_handle.DangerousGetHandle())) ?? "unknown error";
            throw new DuckDbException($"Appending to '{_table}' failed: {message}");
        }
    }

    private static bool TryBegin(DuckDbConnection connection)
    {
        // A failed BEGIN would abort the caller's transaction, so look first: in auto-commit mode every statement
        // runs in a new transaction, inside an open one both calls see the same id.
        var first = connection.Scalar<long>("SELECT txid_current()");
        var second = connection.Scalar<long>("SELECT txid_current()");
        if (first == second)
        {
            return false;
        }

        connection.Execute("BEGIN TRANSACTION");
        return true;
    }

    private static string[] ColumnNamesOf(DuckDbConnection connection, string table, string? schema, string? catalog)
    {
        using var statement = connection.Prepare(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = coalesce($1, current_database()) " +
            "AND schema_name = coalesce($2, current_schema()) AND table_name = $3 ORDER BY column_index");
        statement.Bind(1, catalog).Bind(2, schema).Bind(3, table);
        using var reader = statement.Query();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return [.. names];
    }

    private static string Qualified(string table, string? schema, string? catalog) =>
        string.Join('.', new[] { catalog, schema, table }.Where(p => !string.IsNullOrEmpty(p)));
}
