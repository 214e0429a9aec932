using Sluice.Catalog;

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
    /// Runs one Athena statement and returns its typed rows and statistics. A failure throws
    /// <see cref="EngineException"/> with Athena's error name; cancelling stops the statement.
    /// </summary>
    Task<QueryResult> ExecuteAsync(string sql, QueryContext? context = null, CancellationToken cancellationToken = default);
}
