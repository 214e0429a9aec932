namespace Sluice.Local.Tests.Conformance;

/// <summary>
/// One conformance case: an Athena query (or an expression, run as <c>SELECT expr</c>), the result Athena renders
/// (rows joined by <c> ; </c>, columns by <c> | </c>, SQL NULL as <c>NULL</c>) or <c>!ERROR_NAME</c>, and the Trino
/// type of the first column (<c>-</c> when not checked).
/// </summary>
public sealed record ConformanceCase(string Category, string File, int Line, string Sql, string Expected, string Type)
{
    public string Query => Sql.StartsWith("SELECT ", StringComparison.OrdinalIgnoreCase) || Sql.StartsWith("WITH ", StringComparison.OrdinalIgnoreCase) ||
                           Sql.StartsWith("VALUES ", StringComparison.OrdinalIgnoreCase)
        ? Sql
        : "SELECT " + Sql;

    public string Id => Category + "\t" + Sql;

    /// <summary>Reads every <c>cases/*.tsv</c> file: <c>sql TAB expected TAB type</c>; <c>#</c> starts a comment line.</summary>
    public static IReadOnlyList<ConformanceCase> Load(string folder)
    {
        var cases = new List<ConformanceCase>();
        foreach (var file in Directory.GetFiles(folder, "*.tsv").Order(StringComparer.Ordinal))
        {
            var category = Path.GetFileNameWithoutExtension(file);
            var lines = System.IO.File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                var parts = line.Split('\t');
                if (parts.Length != 3)
                {
                    throw new InvalidDataException($"{file}:{i + 1}: expected 'sql<TAB>expected<TAB>type', got {parts.Length} fields: {line}");
                }

                cases.Add(new ConformanceCase(category, Path.GetFileName(file), i + 1, parts[0], parts[1], parts[2]));
            }
        }

        return cases;
    }
}
