using System.Globalization;
using System.Text;
using Sluice.Errors;
using Sluice.Sql;

namespace Sluice.Transform;

/// <summary>
/// A seed CSV as typed SELECT statements: each column typed by inference (integer, bigint when a value needs it, double,
/// boolean, date, timestamp, else varchar) or by <c>column_types</c>; empty fields are NULL. Rows are cut into
/// SELECT ... FROM (VALUES ...) batches that stay under the engine's query size limit.
/// </summary>
internal static class SeedFile
{
    /// <summary>The seed's header, column types (inferred or from <c>column_types</c>) and data rows.</summary>
    public static (List<string> Columns, List<string> Types, List<List<string>> Rows) Load(TransformNode node)
    {
        var delimiter = node.ConfigString("delimiter") is { Length: 1 } given ? given[0] : ',';
        var rows = Parse(File.ReadAllText(node.SeedFile!), node.OriginalFilePath, delimiter);
        if (rows.Count == 0)
        {
            throw new CompileException("The seed file is empty: it needs a header row.", node.OriginalFilePath, 1, 1);
        }

        var header = rows[0].Select(h => h.Trim().TrimStart('\uFEFF')).ToList();
        var data = rows.Skip(1).Where(r => !(r.Count == 1 && r[0].Length == 0)).ToList();
        var overrides = node.Config.GetValueOrDefault("column_types") as OrderedDictionary<string, object?>;
        var types = header.Select((name, i) => overrides?.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value is string given
            ? given
            : Infer(data.Select(r => i < r.Count ? r[i] : string.Empty))).ToList();
        return (header, types, data);
    }

    /// <summary>
    /// Writes the rows as the CSV the upload path registers (comma-separated, every field double-quoted with doubled
    /// quotes, a header line). Returns false, writing nothing, when a field holds a line break or a backslash, which
    /// Athena's OpenCSVSerde cannot read back unchanged; the seed is then inserted instead.
    /// </summary>
    public static bool TryWriteUploadCsv(IReadOnlyList<string> header, IReadOnlyList<List<string>> rows, string path)
    {
        if (rows.Any(r => r.Any(f => f.AsSpan().IndexOfAny('\n', '\r', '\\') >= 0)))
        {
            return false;
        }

        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(string.Join(",", header.Select((_, i) => "\"c" + i.ToString(CultureInfo.InvariantCulture) + "\"")));
        writer.Write('\n');
        foreach (var row in rows)
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }

                writer.Write('"');
                writer.Write((i < row.Count ? row[i] : string.Empty).Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }

            writer.Write('\n');
        }

        return true;
    }

    /// <summary>The typed SELECT over the uploaded text columns <c>c0..cN</c>: empty fields are NULL.</summary>
    public static string TypedSelect(IReadOnlyList<string> header, IReadOnlyList<string> types, string relation) =>
        "SELECT " + string.Join(", ", header.Select((h, i) =>
            $"CAST(nullif({SqlRender.DmlIdentifier("c" + i.ToString(CultureInfo.InvariantCulture))}, '') AS {types[i]}) AS {SqlRender.DmlIdentifier(h)}"))
        + "\nFROM " + relation;

    public static (List<string> Columns, List<string> Types, List<string> Batches) Read(TransformNode node, int maxQueryBytes)
    {
        var (header, types, data) = Load(node);
        var select = "SELECT " + string.Join(", ", header.Select((h, i) => $"CAST({SqlRender.DmlIdentifier("c" + i.ToString(CultureInfo.InvariantCulture))} AS {types[i]}) AS {SqlRender.DmlIdentifier(h)}"));
        var alias = " AS seed_rows(" + string.Join(", ", header.Select((_, i) => SqlRender.DmlIdentifier("c" + i.ToString(CultureInfo.InvariantCulture)))) + ")";
        var batches = new List<string>();
        var current = new StringBuilder();
        var budget = maxQueryBytes - 4096 - Encoding.UTF8.GetByteCount(select) - Encoding.UTF8.GetByteCount(alias);
        foreach (var row in data)
        {
            var tuple = "(" + string.Join(", ", header.Select((_, i) => i < row.Count && row[i].Length > 0 ? SqlRender.StringLiteral(row[i]) : "CAST(NULL AS varchar)")) + ")";
            if (current.Length > 0 && Encoding.UTF8.GetByteCount(current.ToString()) + Encoding.UTF8.GetByteCount(tuple) + 2 > budget)
            {
                batches.Add($"{select}\nFROM (VALUES\n{current}\n){alias}");
                current.Clear();
            }

            current.Append(current.Length == 0 ? string.Empty : ",\n").Append(tuple);
        }

        if (current.Length > 0 || batches.Count == 0)
        {
            batches.Add(current.Length > 0
                ? $"{select}\nFROM (VALUES\n{current}\n){alias}"
                : $"{select}\nFROM (VALUES (" + string.Join(", ", header.Select(_ => "CAST(NULL AS varchar)")) + $")){alias}\nWHERE 1 = 0");
        }

        return (header, types, batches);
    }

    private static string Infer(IEnumerable<string> values)
    {
        var present = values.Where(v => v.Length > 0).ToList();
        if (present.Count == 0)
        {
            return "varchar";
        }

        if (present.All(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
        {
            return present.All(v => int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) ? "integer" : "bigint";
        }

        if (present.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            return "double";
        }

        if (present.All(v => v.Equals("true", StringComparison.OrdinalIgnoreCase) || v.Equals("false", StringComparison.OrdinalIgnoreCase)))
        {
            return "boolean";
        }

        if (present.All(v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
        {
            return "date";
        }

        if (present.All(v => DateTime.TryParseExact(v, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.fff", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
        {
            return "timestamp";
        }

        return "varchar";
    }

    /// <summary>RFC 4180 (with the seed's <c>delimiter</c>, a comma by default): double-quoted fields with doubled quotes, CRLF or LF line ends.</summary>
    internal static List<List<string>> Parse(string text, string file, char delimiter = ',')
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                line++;
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new CompileException("A quoted field is not closed before the end of the file. Add the closing double quote.", file, line, 1);
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
