using System.Collections.Concurrent;
using System.Globalization;

namespace Sluice.DuckDb;

/// <summary>
/// A table function <c>name(id BIGINT)</c> registered in a database's catalog by
/// <see cref="DuckDbConnection.RegisterColumnScanFunction"/>: it returns the rows of the <see cref="DuckDbColumnScan"/>
/// added under that id, so <c>COPY (SELECT ... FROM name(id)) TO ...</c> reads C# buffers without first copying them
/// into a table. One thread fills the chunks of a scan (DuckDB does not split it across workers).
/// <para>
/// Lifetime: DuckDB keeps the function until the database is closed and then frees what it holds of it. Disposing
/// this object (or a registration) only forgets the sources; calling the function afterwards fails the query with a
/// message, it never reads freed memory. Exceptions thrown by a source fail the query as a <see cref="DuckDbException"/>.
/// </para>
/// </summary>
public sealed class DuckDbColumnScanFunction : IDisposable
{
    private readonly ConcurrentDictionary<long, DuckDbColumnScan> _scans = new();
    private long _next;
    private volatile bool _disposed;

    internal DuckDbColumnScanFunction(string name) => Name = name;

    /// <summary>The SQL name of the function.</summary>
    public string Name { get; }

    /// <summary>Makes <paramref name="scan"/> readable as <c>Name(id)</c> until the returned registration is disposed.</summary>
    public DuckDbColumnScanRegistration Add(DuckDbColumnScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var id = Interlocked.Increment(ref _next);
        _scans[id] = scan;
        return new DuckDbColumnScanRegistration(this, id);
    }

    public void Dispose()
    {
        _disposed = true;
        _scans.Clear();
    }

    internal void Remove(long id) => _scans.TryRemove(id, out _);

    internal DuckDbColumnScan Find(long id)
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(Name, $"The table function '{Name}' was disposed; register it again on a new database to scan C# columns.");
        }

        return _scans.TryGetValue(id, out var scan)
            ? scan
            : throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"{Name}({id}) names no registered column scan: pass the Id of a registration that has not been disposed."));
    }
}
