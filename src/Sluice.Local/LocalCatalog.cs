using Sluice.Catalog;

namespace Sluice.Local;

/// <summary>The local engine's catalog, read through the engine so reads never interleave with a running statement.</summary>
internal sealed class LocalCatalog(LocalAthenaEngine engine) : ICatalog
{
    public Task<IReadOnlyList<CatalogDatabase>> GetDatabasesAsync(CancellationToken cancellationToken = default) =>
        engine.ReadCatalogAsync(store => store.GetDatabases(), cancellationToken);

    public Task<CatalogDatabase?> GetDatabaseAsync(string name, CancellationToken cancellationToken = default) =>
        engine.ReadCatalogAsync(store => store.GetDatabase(LocalAthenaEngine.Fold(name)), cancellationToken);

    public Task<IReadOnlyList<CatalogTable>> GetTablesAsync(string database, CancellationToken cancellationToken = default) =>
        engine.ReadCatalogAsync(store => store.GetTables(LocalAthenaEngine.Fold(database)), cancellationToken);

    public Task<CatalogTable?> GetTableAsync(string database, string name, CancellationToken cancellationToken = default) =>
        engine.ReadCatalogAsync(store => store.GetTable(LocalAthenaEngine.Fold(database), LocalAthenaEngine.Fold(name)), cancellationToken);

    public Task<IReadOnlyList<CatalogTable>> GetTableVersionsAsync(string database, string name, CancellationToken cancellationToken = default) =>
        engine.ReadCatalogAsync(store => store.GetTableVersions(LocalAthenaEngine.Fold(database), LocalAthenaEngine.Fold(name)), cancellationToken);

    public Task<IReadOnlyList<CatalogPartition>> GetPartitionsAsync(string database, string table, CancellationToken cancellationToken = default) =>
        engine.ReadCatalogAsync(store => store.GetPartitions(LocalAthenaEngine.Fold(database), LocalAthenaEngine.Fold(table)), cancellationToken);
}
