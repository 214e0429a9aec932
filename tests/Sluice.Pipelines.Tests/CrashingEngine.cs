using Sluice.Catalog;
using Sluice.Engines;
using Sluice.Storage;

namespace Sluice.Pipelines.Tests;

/// <summary>
/// Stands in for a process killed at a chosen call: the statement or catalog call runs (or not), then the call dies.
/// Engine statements and catalog calls share one count, in the order the load makes them.
/// </summary>
public sealed class CrashingEngine(IAthenaEngine inner, int crashAt, bool afterCommit) : IAthenaEngine
{
    private int _calls;
    private ICatalogWriter? _writer;

    public EngineCapabilities Capabilities => inner.Capabilities;

    public ICatalog Catalog => inner.Catalog;

    public ICatalogWriter? CatalogWriter => inner.CatalogWriter is null ? null : _writer ??= new CrashingWriter(this, inner.CatalogWriter);

    public IObjectStore? Objects => inner.Objects;

    public bool Crashed { get; private set; }

    /// <summary>The catalog calls that went through (crashed or not).</summary>
    public int CatalogCalls { get; private set; }

    public Task<QueryResult> ExecuteAsync(string sql, QueryContext? context = null, CancellationToken cancellationToken = default) =>
        CallAsync(() => inner.ExecuteAsync(sql, context, cancellationToken));

    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        if (++_calls == crashAt)
        {
            Crashed = true;
            if (afterCommit)
            {
                await call();
            }

            throw new SimulatedCrashException();
        }

        return await call();
    }

    private Task CatalogAsync(Func<Task> call)
    {
        CatalogCalls++;
        return CallAsync(async () =>
        {
            await call();
            return true;
        });
    }

    private Task<T> CatalogAsync<T>(Func<Task<T>> call)
    {
        CatalogCalls++;
        return CallAsync(call);
    }

    public void Dispose()
    {
    }

    private sealed class CrashingWriter(CrashingEngine engine, ICatalogWriter inner) : ICatalogWriter
    {
        public Task<CatalogTable> CreateTableAsync(CatalogTable table, CancellationToken cancellationToken = default) =>
            engine.CatalogAsync(() => inner.CreateTableAsync(table, cancellationToken));

        public Task<CatalogTable> UpdateTableAsync(CatalogTable table, long expectedVersionId, CancellationToken cancellationToken = default) =>
            engine.CatalogAsync(() => inner.UpdateTableAsync(table, expectedVersionId, cancellationToken));

        public Task DeleteTableAsync(string database, string name, CancellationToken cancellationToken = default) =>
            engine.CatalogAsync(() => inner.DeleteTableAsync(database, name, cancellationToken));

        public Task PutPartitionsAsync(string database, string table, IReadOnlyList<CatalogPartition> partitions, CancellationToken cancellationToken = default) =>
            engine.CatalogAsync(() => inner.PutPartitionsAsync(database, table, partitions, cancellationToken));

        public Task DeletePartitionsAsync(string database, string table, IReadOnlyList<IReadOnlyList<string>> partitionValues, CancellationToken cancellationToken = default) =>
            engine.CatalogAsync(() => inner.DeletePartitionsAsync(database, table, partitionValues, cancellationToken));

        public Task<CatalogTable> UpdateTableAndPartitionsAsync(
            CatalogTable table, long expectedVersionId, IReadOnlyList<CatalogPartition> putPartitions, IReadOnlyList<IReadOnlyList<string>> deletePartitions,
            CancellationToken cancellationToken = default) =>
            engine.CatalogAsync(() => inner.UpdateTableAndPartitionsAsync(table, expectedVersionId, putPartitions, deletePartitions, cancellationToken));

        public Task<CatalogTable> ReplaceTableAsync(TableReplacement replacement, CancellationToken cancellationToken = default) =>
            engine.CatalogAsync(() => inner.ReplaceTableAsync(replacement, cancellationToken));
    }
}

public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
        : base("simulated crash")
    {
    }
}
