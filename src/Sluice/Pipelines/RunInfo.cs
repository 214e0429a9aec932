using System.Globalization;
using System.Text;
using Sluice.Load;

namespace Sluice.Pipelines;

/// <summary>What one run did: the packages loaded, rows normalised per table, and every statement run.</summary>
public sealed record RunInfo(IReadOnlyList<PackageLoadInfo> Packages, IReadOnlyDictionary<string, long> Rows)
{
    /// <summary>True when the run only finished packages an earlier run left, and loaded none of the resources given.</summary>
    public bool ResumedOnly { get; init; }

    public int Statements => Packages.Sum(p => p.Statements.Count);

    /// <summary>Catalog calls made by the loads (counted apart from engine statements: they scan nothing).</summary>
    public int CatalogCalls => Packages.Sum(p => p.CatalogCalls.Count);

    public int DdlStatements => Packages.Sum(p => p.DdlStatements);

    /// <summary>Wall time of the whole run (restore, pending packages, extract, normalize, load).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Per table: rows normalised, data files written and their bytes, ordered by table name.</summary>
    public IReadOnlyList<TableRunSummary> Tables =>
        Rows.Keys.Concat(Packages.SelectMany(p => p.Tables).Select(t => t.Table)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(table =>
            {
                var files = Packages.SelectMany(p => p.Tables).Where(t => string.Equals(t.Table, table, StringComparison.Ordinal)).ToList();
                return new TableRunSummary(table, Rows.GetValueOrDefault(table), files.Sum(f => f.Files), files.Sum(f => f.Bytes));
            })
            .ToList();

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var package in Packages)
        {
            text.Append(CultureInfo.InvariantCulture, $"package {package.LoadId}: {package.Jobs} job(s), {package.Statements.Count} statement(s), {package.DdlStatements} DDL, {package.CatalogCalls.Count} catalog call(s)").AppendLine();
        }

        foreach (var (table, rows) in Rows.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {table}: {rows} row(s)").AppendLine();
        }

        return text.ToString();
    }
}

/// <summary>One line of a run's summary: a table, its rows, data files and bytes.</summary>
public sealed record TableRunSummary(string Table, long Rows, int Files, long Bytes);
