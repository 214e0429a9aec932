namespace Sluice.DuckDb;

/// <summary>
/// A <see cref="DuckDbColumnScan"/> made readable as <c>name(id)</c> (<see cref="Sql"/>) until disposed. Disposing
/// drops the function's reference to the sources; a query that is still running keeps reading them, so dispose only
/// after the queries that use it have finished.
/// </summary>
public sealed class DuckDbColumnScanRegistration : IDisposable
{
    private readonly DuckDbColumnScanFunction _function;

    internal DuckDbColumnScanRegistration(DuckDbColumnScanFunction function, long id)
    {
        _function = function;
        Id = id;
    }

    /// <summary>The argument that selects this table in the function call.</summary>
    public long Id { get; }

    /// <summary>The table function call to put in a FROM clause, e.g. <c>sluice_columns(3)</c>.</summary>
    public string Sql => _function.Name + "(" + Id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";

    public void Dispose() => _function.Remove(Id);
}
