using System.Globalization;
using System.Text;
using Sluice.Engines;
using Xunit.Abstractions;

namespace Sluice.Local.Tests.Conformance;

/// <summary>
/// Runs the Trino/Athena conformance corpus (<c>Conformance/cases/*.tsv</c>) on the local engine and prints the pass
/// rate per category. A case listed in <c>known-failures.tsv</c> may fail (its reason is printed); any other failure
/// fails the test, so a case that passed cannot silently start failing.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output) : LakehouseTest
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Conformance");

    [Fact]
    public void Corpus_matches_Athena()
    {
        var cases = ConformanceCase.Load(Path.Combine(Folder, "cases"));
        var known = LoadKnownFailures(Path.Combine(Folder, "known-failures.tsv"));
        var results = cases.Select(c => (Case: c, Failure: Check(c))).ToList();

        var table = new StringBuilder();
        table.AppendLine("| category | cases | passed | rate |").AppendLine("|---|---|---|---|");
        foreach (var group in results.GroupBy(r => r.Case.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var passed = group.Count(r => r.Failure is null);
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} | {passed} | {100.0 * passed / group.Count():F1}% |"));
        }

        var total = results.Count(r => r.Failure is null);
        table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| **all** | {results.Count} | {total} | {100.0 * total / results.Count:F1}% |"));
        output.WriteLine(table.ToString());
        File.WriteAllText(Path.Combine(Folder, "conformance-report.md"), table.ToString());

        var unexpected = new List<string>();
        foreach (var (c, failure) in results)
        {
            if (failure is null)
            {
                if (known.ContainsKey(c.Id))
                {
                    output.WriteLine($"now passes (remove from known-failures.tsv): {c.File}:{c.Line} {c.Sql}");
                }

                continue;
            }

            if (known.TryGetValue(c.Id, out var reason))
            {
                output.WriteLine($"known failure {c.File}:{c.Line}: {c.Sql} -- {reason}");
                continue;
            }

            unexpected.Add($"{c.File}:{c.Line}: {c.Sql}\n    {failure}");
        }

        Assert.True(unexpected.Count == 0, $"{unexpected.Count} conformance case(s) failed:\n" + string.Join("\n", unexpected));
    }

    /// <summary>Null when the case passes, else what differed.</summary>
    private string? Check(ConformanceCase c)
    {
        QueryResult result;
        try
        {
            result = Run(c.Query);
        }
        catch (EngineException e)
        {
            return c.Expected.StartsWith('!') && string.Equals(c.Expected[1..], e.ErrorName, StringComparison.Ordinal)
                ? null
                : $"expected {c.Expected}, got error {e.ErrorName}: {e.Message}";
        }

        if (c.Expected.StartsWith('!'))
        {
            return $"expected error {c.Expected[1..]}, got a result";
        }

        var rendered = string.Join(" ; ", Enumerable.Range(0, result.Rows.Count).Select(i => string.Join(" | ", result.RenderRow(i).Select(v => v ?? "NULL"))));
        if (!string.Equals(rendered, c.Expected, StringComparison.Ordinal))
        {
            return $"expected value {c.Expected}, got {rendered}";
        }

        if (c.Type != "-" && (result.Columns.Count == 0 || !string.Equals(result.Columns[0].Type, c.Type, StringComparison.Ordinal)))
        {
            return $"expected type {c.Type}, got {(result.Columns.Count == 0 ? "(no columns)" : result.Columns[0].Type)}";
        }

        return null;
    }

    private static Dictionary<string, string> LoadKnownFailures(string path)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return known;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length >= 3)
            {
                known[parts[0] + "\t" + parts[1]] = parts[2];
            }
        }

        return known;
    }
}
