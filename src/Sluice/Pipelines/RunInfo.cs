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

    public int DdlStatements => Packages.Sum(p => p.DdlStatements);

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var package in Packages)
        {
            text.Append(CultureInfo.InvariantCulture, $"package {package.LoadId}: {package.Jobs} job(s), {package.Statements.Count} statement(s), {package.DdlStatements} DDL").AppendLine();
        }

        foreach (var (table, rows) in Rows.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"  {table}: {rows} row(s)").AppendLine();
        }

        return text.ToString();
    }
}
