using Sluice.DuckDb.Native;

namespace Sluice.DuckDb;

/// <summary>
/// A connection to a <see cref="DuckDbDatabase"/>. One thread at a time: a second thread that uses it while a
/// statement runs gets an <see cref="InvalidOperationException"/> instead of undefined behaviour. At most one
/// <see cref="DuckDbDataReader"/> is open per connection; starting another statement first closes it.
/// </summary>
public sealed partial class DuckDbConnection : IDisposable
{
    private readonly ConnectionHandle _handle;
    private int _busy;
    private DuckDbDataReader? _openReader;

    internal DuckDbConnection(ConnectionHandle handle) => _handle = handle;

    internal nint Raw
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    /// <summary>
    /// Runs every statement in <paramref name="sql"/> (split by DuckDB's parser, so semicolons inside strings and
    /// comments are not separators) and returns the rows changed by the last one. Cancelling interrupts the running
    /// statement and throws <see cref="OperationCanceledException"/>; statements already finished stay done.
    /// </summary>
    public long Execute(string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        using var scope = Enter();
        long changed = 0;
        using var statements = Extract(sql);
        for (var i = 0; i < statements.Count; i++)
        {
            using var statement = statements.Prepare(i);
            using var result = Run(statement.DangerousGetHandle(), streaming: false, cancellationToken);
            changed = RowsChanged(result);
        }

        return changed;
    }

    /// <summary>
    /// Runs the statements in <paramref name="sql"/> and returns a reader over the last one's result, streamed chunk
    /// by chunk. Earlier statements run to completion first. Cancelling interrupts the statement or the fetch.
    /// </summary>
    public DuckDbDataReader Query(string sql, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        using var scope = Enter();
        using var statements = Extract(sql);
        if (statements.Count == 0)
        {
            throw new DuckDbException("The SQL text holds no statement to run (it is empty or only comments).", DuckDbErrorType.Parser);
        }

        for (var i = 0; i < statements.Count - 1; i++)
        {
            using var statement = statements.Prepare(i);
            using var result = Run(statement.DangerousGetHandle(), streaming: false, cancellationToken);
        }

        // The reader owns the result; the prepared statement may go once execution has started.
        using var last = statements.Prepare(statements.Count - 1);
        return DuckDbDataReader.Start(this, last.DangerousGetHandle(), cancellationToken);
    }

    /// <summary>Runs <paramref name="sql"/> and returns the first column of the first row, or default when there is no row or it is NULL.</summary>
    public T? Scalar<T>(string sql, CancellationToken cancellationToken = default)
    {
        using var reader = Query(sql, cancellationToken);
        return reader.Read() && !reader.IsNull(0) ? reader.GetFieldValue<T>(0) : default;
    }

    /// <summary>Prepares one statement with <c>?</c>, <c>$1</c> or <c>$name</c> parameters.</summary>
    public DuckDbPreparedStatement Prepare(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        using var scope = Enter();
        var state = NativeMethods.duckdb_prepare(Raw, sql, out var raw);
        var handle = new PreparedStatementHandle(raw);
        if (state != DuckDbState.Success)
        {
            string message;
            unsafe
            {
                message = NativeMethods.ReadString(NativeMethods.duckdb_prepare_error(raw)) ?? "unknown error";
            }

            handle.Dispose();
            throw new DuckDbException(message);
        }

        return new DuckDbPreparedStatement(this, handle);
    }

    /// <summary>Opens an appender on <paramref name="table"/>; see <see cref="DuckDbAppender"/> for what is committed when.</summary>
    public DuckDbAppender CreateAppender(string table, string? schema = null, string? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        return DuckDbAppender.Create(this, table, schema, catalog);
    }

    /// <summary>Interrupts the statement running on this connection, if any. Safe to call from any thread.</summary>
    public void Interrupt()
    {
        if (!_handle.IsClosed)
        {
            NativeMethods.duckdb_interrupt(_handle.DangerousGetHandle());
        }
    }

    public void Dispose()
    {
        _openReader?.Dispose();
        _handle.Dispose();
    }

    internal void ReaderOpened(DuckDbDataReader reader) => _openReader = reader;

    internal void ReaderClosed(DuckDbDataReader reader)
    {
        if (ReferenceEquals(_openReader, reader))
        {
            _openReader = null;
        }
    }

    /// <summary>Marks the connection busy for one call; a concurrent caller gets a clear error.</summary>
    internal BusyScope Enter()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            throw new InvalidOperationException(
                "This DuckDB connection is already running a statement on another thread. Open one connection per thread with DuckDbDatabase.Connect().");
        }

        // A streaming result is invalidated by the next statement on the same connection: close it explicitly.
        _openReader?.Dispose();
        _openReader = null;
        return new BusyScope(this);
    }

    internal readonly struct BusyScope(DuckDbConnection connection) : IDisposable
    {
        public void Dispose() => Volatile.Write(ref connection._busy, 0);
    }
}
