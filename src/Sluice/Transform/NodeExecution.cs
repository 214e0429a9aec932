using Sluice.Catalog;
using Sluice.Engines;
using Sluice.Storage;

namespace Sluice.Transform;

/// <summary>Runs one node's statements on the engine and keeps what they cost: the SQL, rows written, bytes scanned.</summary>
internal sealed class NodeExecution
{
    private readonly IAthenaEngine _engine;
    private readonly QueryContext _context;
    private readonly CancellationToken _cancellationToken;

    public NodeExecution(IAthenaEngine engine, string database, CancellationToken cancellationToken)
    {
        _engine = engine;
        _context = new QueryContext { Database = database };
        _cancellationToken = cancellationToken;
    }

    public List<string> Statements { get; } = [];

    /// <summary>The catalog calls the node made (Glue-shaped writes: not engine statements), in order, one line each.</summary>
    public List<string> CatalogCalls { get; } = [];

    /// <summary>Glue-shaped catalog writes, or null when the engine has none (the node then uses DDL statements).</summary>
    public ICatalogWriter? CatalogWriter => _engine.CatalogWriter;

    /// <summary>The lakehouse's objects, or null when the engine gives no object access.</summary>
    public IObjectStore? Objects => _engine.Objects;

    public CancellationToken CancellationToken => _cancellationToken;

    public long RowsAffected { get; private set; }

    public long DataScannedBytes { get; private set; }

    public List<string> Logs { get; } = [];

    public ICatalog Catalog => _engine.Catalog;

    public int MaxOpenPartitions => _engine.Capabilities.MaxOpenPartitionWriters;

    public int MaxQueryBytes => _engine.Capabilities.MaxQueryBytes;

    /// <summary>The workgroup's enforced output location, when it enforces one (Hive CTAS then names no location).</summary>
    public string? EnforcedOutputLocation => _engine.Capabilities.EnforcedOutputLocation;

    public async Task<QueryResult> ExecuteAsync(string sql, bool countRows = true)
    {
        Statements.Add(sql);
        var result = await _engine.ExecuteAsync(sql, _context, _cancellationToken).ConfigureAwait(false);
        DataScannedBytes += result.Statistics.DataScannedBytes;
        if (countRows && result.UpdateCount is { } rows)
        {
            RowsAffected += rows;
        }

        return result;
    }

    /// <summary>Runs one catalog call and records it (<paramref name="description"/>) apart from the engine statements.</summary>
    public async Task<T> CatalogAsync<T>(string description, Func<ICatalogWriter, CancellationToken, Task<T>> call)
    {
        var writer = CatalogWriter ?? throw new InvalidOperationException("The engine offers no catalog writes.");
        CatalogCalls.Add(description);
        return await call(writer, _cancellationToken).ConfigureAwait(false);
    }

    public async Task CatalogAsync(string description, Func<ICatalogWriter, CancellationToken, Task> call)
    {
        var writer = CatalogWriter ?? throw new InvalidOperationException("The engine offers no catalog writes.");
        CatalogCalls.Add(description);
        await call(writer, _cancellationToken).ConfigureAwait(false);
    }

    /// <summary>For Jinja callbacks (<c>run_query</c>, <c>statement</c>), which are synchronous.</summary>
    public QueryResult Execute(string sql) => ExecuteAsync(sql, countRows: false).GetAwaiter().GetResult();

    public CatalogTable? GetTable(string schema, string name) =>
        _engine.Catalog.GetTableAsync(schema, name, _cancellationToken).GetAwaiter().GetResult();

    public Task<CatalogTable?> GetTableAsync(string schema, string name) => _engine.Catalog.GetTableAsync(schema, name, _cancellationToken);

    public Task<IReadOnlyList<CatalogPartition>> GetPartitionsAsync(string schema, string name) => _engine.Catalog.GetPartitionsAsync(schema, name, _cancellationToken);
}
