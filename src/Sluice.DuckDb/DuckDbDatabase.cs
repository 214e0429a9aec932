using Sluice.DuckDb.Native;

namespace Sluice.DuckDb;

/// <summary>
/// An open DuckDB database: a file, or in-memory when the path is null or <c>:memory:</c>. Thread-safe: open one
/// <see cref="DuckDbConnection"/> per thread. Disposing closes the database; connections still open keep the engine
/// alive until they are disposed too.
/// </summary>
public sealed unsafe class DuckDbDatabase : IDisposable
{
    private readonly DatabaseHandle _handle;

    private DuckDbDatabase(DatabaseHandle handle, string? path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>The database file, or null for an in-memory database.</summary>
    public string? Path { get; }

    /// <summary>The version of the loaded libduckdb, e.g. <c>v1.5.6</c>.</summary>
    public static string LibraryVersion => NativeMethods.ReadString(NativeMethods.duckdb_library_version()) ?? "unknown";

    /// <summary>
    /// Opens (creating if needed) a database. <paramref name="options"/> are DuckDB configuration options such as
    /// <c>threads</c>, <c>memory_limit</c> or <c>access_mode</c>; an unknown option or bad value fails here, naming it.
    /// </summary>
    public static DuckDbDatabase Open(string? path = null, IReadOnlyDictionary<string, string>? options = null)
    {
        var normalized = string.IsNullOrEmpty(path) || string.Equals(path, ":memory:", StringComparison.Ordinal) ? null : path;
        if (NativeMethods.duckdb_create_config(out var config) != DuckDbState.Success)
        {
            throw new DuckDbException("DuckDB could not allocate a configuration object.", DuckDbErrorType.OutOfMemory);
        }

        try
        {
            foreach (var (name, value) in options ?? new Dictionary<string, string>())
            {
                if (NativeMethods.duckdb_set_config(config, name, value) != DuckDbState.Success)
                {
                    throw new DuckDbException(
                        $"DuckDB rejected the configuration option '{name}' = '{value}': the name is unknown or the value is invalid. " +
                        "See DuckDB's configuration reference for the accepted options.",
                        DuckDbErrorType.InvalidConfiguration);
                }
            }

            var handle = new DatabaseHandle();
            var state = NativeMethods.duckdb_open_ext(normalized, out var raw, config, out var error);
            if (state != DuckDbState.Success)
            {
                var message = NativeMethods.ReadAndFree(error) ?? "unknown error";
                handle.Dispose();
                throw new DuckDbException($"DuckDB could not open '{normalized ?? ":memory:"}': {message}", DuckDbException.FromMessage(message));
            }

            System.Runtime.InteropServices.Marshal.InitHandle(handle, raw);
            return new DuckDbDatabase(handle, normalized);
        }
        finally
        {
            NativeMethods.duckdb_destroy_config(ref config);
        }
    }

    /// <summary>Opens a connection. A connection is used by one thread at a time.</summary>
    public DuckDbConnection Connect()
    {
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            if (NativeMethods.duckdb_connect(_handle.DangerousGetHandle(), out var raw) != DuckDbState.Success)
            {
                throw new DuckDbException($"DuckDB could not open a connection to '{Path ?? ":memory:"}'.", DuckDbErrorType.Connection);
            }

            var connection = new ConnectionHandle();
            System.Runtime.InteropServices.Marshal.InitHandle(connection, raw);
            return new DuckDbConnection(connection);
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    public void Dispose() => _handle.Dispose();
}
