using Sluice.Schema;

namespace Sluice.Normalize;

/// <summary>Receives normalised rows, one table at a time, parents before their children.</summary>
public interface IRowSink
{
    /// <summary>
    /// Takes <paramref name="row"/> (column name to canonical value; missing columns are NULL) for
    /// <paramref name="table"/>. The schema object may gain columns after this call.
    /// </summary>
    void Add(TableSchema table, Dictionary<string, object?> row);
}
