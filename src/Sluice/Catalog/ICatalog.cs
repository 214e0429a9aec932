namespace Sluice.Catalog;

/// <summary>
/// The Glue Data Catalog as Sluice uses it. Backed by the lakehouse file locally and by Glue on AWS. Names are the
/// lower-case names Glue stores. Methods that change a table return the new version.
/// </summary>
public interface ICatalog
{
    Task<IReadOnlyList<CatalogDatabase>> GetDatabasesAsync(CancellationToken cancellationToken = default);

    /// <summary>The database, or null when it does not exist.</summary>
    Task<CatalogDatabase?> GetDatabaseAsync(string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CatalogTable>> GetTablesAsync(string database, CancellationToken cancellationToken = default);

    /// <summary>The table, or null when it (or its database) does not exist.</summary>
    Task<CatalogTable?> GetTableAsync(string database, string name, CancellationToken cancellationToken = default);

    /// <summary>Every version of a table, newest first (the current one included).</summary>
    Task<IReadOnlyList<CatalogTable>> GetTableVersionsAsync(string database, string name, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CatalogPartition>> GetPartitionsAsync(string database, string table, CancellationToken cancellationToken = default);
}
