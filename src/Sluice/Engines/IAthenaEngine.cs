using Sluice.Catalog;
using Sluice.Storage;

namespace Sluice.Engines;

/// <summary>
/// Where Athena SQL runs: the local lakehouse or AWS. Loader and transform code talk only to this interface and
/// branch on <see cref="Capabilities"/>, never on which engine it is.
/// </summary>
public interface IAthenaEngine : IDisposable
{
    EngineCapabilities Capabilities { get; }

    ICatalog Catalog { get; }

    /// <summary>
    /// Glue-shaped catalog writes (UpdateTable, DeleteTable, partitions, an atomic table replace), or null when the engine
    /// offers none; callers then fall back to DDL statements. Catalog calls are not engine statements.
    /// </summary>
    ICatalogWriter? CatalogWriter => null;

    /// <summary>The lakehouse's objects (S3, or the local bucket folder), or null when the engine gives no object access.</summary>
    IObjectStore? Objects => null;

    /// <summary>
    /// Runs one Athena statement and returns its typed rows and statistics. A failure throws
    /// <see cref="EngineException"/> with Athena's error name; cancelling stops the statement.
    /// </summary>
    Task<QueryResult> ExecuteAsync(string sql, QueryContext? context = null, CancellationToken cancellationToken = default);
}
