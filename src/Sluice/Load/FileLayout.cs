using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Sluice.Errors;

namespace Sluice.Load;

/// <summary>
/// dlt's filesystem <c>layout</c>: where a job file goes, e.g. <c>{table_name}/{load_id}.{file_id}.{ext}</c>. Validated
/// as Athena needs it (and stricter than dlt, which documents but does not enforce the last rule):
/// <c>{table_name}</c> comes first and is followed by <c>/</c> (each table owns a folder), and <c>{file_id}</c> comes
/// after it (file names are unique). Sluice places the part after <c>{table_name}/</c> inside the table's current
/// generation folder (docs/loading.md).
/// </summary>
public sealed partial class FileLayout
{
    public const string Default = "{table_name}/{load_id}.{file_id}.{ext}";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "schema_name", "table_name", "load_id", "file_id", "ext", "curr_date", "timestamp", "timestamp_ms",
        "load_package_timestamp", "load_package_timestamp_ms", "YYYY", "YY", "MM", "M", "DD", "D", "HH", "H", "mm", "m", "ss", "s", "Q",
    };

    private FileLayout(string text, string rest)
    {
        Text = text;
        Rest = rest;
    }

    public string Text { get; }

    /// <summary>The layout after <c>{table_name}/</c>.</summary>
    public string Rest { get; }

    [GeneratedRegex(@"\{([^{}]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>Parses and validates <paramref name="layout"/>; the error quotes it and says which rule failed and how to fix it.</summary>
    public static FileLayout Parse(string? layout)
    {
        var text = string.IsNullOrWhiteSpace(layout) ? Default : layout;
        foreach (Match match in Placeholder().Matches(text))
        {
            if (!Known.Contains(match.Groups[1].Value))
            {
                throw Invalid(text, $"the placeholder '{match.Value}' is unknown (known: {string.Join(", ", Known.Order(StringComparer.Ordinal).Select(k => "{" + k + "}"))})");
            }
        }

        if (!text.StartsWith("{table_name}", StringComparison.Ordinal))
        {
            throw Invalid(text, "it must start with '{table_name}' (nothing may precede it, so each table owns a folder Athena can read)");
        }

        if (!text.StartsWith("{table_name}/", StringComparison.Ordinal))
        {
            throw Invalid(text, "'{table_name}' must be followed by '/'");
        }

        var rest = text["{table_name}/".Length..];
        if (!rest.Contains("{file_id}", StringComparison.Ordinal))
        {
            throw Invalid(text, "'{file_id}' must appear after '{table_name}/' so that file names are unique");
        }

        if (rest.Contains("{table_name}", StringComparison.Ordinal))
        {
            throw Invalid(text, "'{table_name}' may appear only once");
        }

        return new FileLayout(text, rest);
    }

    /// <summary>The key of a job file relative to its table's folder.</summary>
    public string Render(string schemaName, string table, string loadId, string fileId, string extension, DateTimeOffset packageTime, DateTimeOffset now)
    {
        var text = new StringBuilder(Rest);
        string Date(string format) => now.UtcDateTime.ToString(format, CultureInfo.InvariantCulture);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["schema_name"] = schemaName, ["table_name"] = table, ["load_id"] = loadId, ["file_id"] = fileId, ["ext"] = extension,
            ["curr_date"] = Date("yyyy-MM-dd"), ["timestamp"] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["timestamp_ms"] = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["load_package_timestamp"] = packageTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["load_package_timestamp_ms"] = packageTime.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            ["YYYY"] = Date("yyyy"), ["YY"] = Date("yy"), ["MM"] = Date("MM"), ["M"] = Date("%M"), ["DD"] = Date("dd"), ["D"] = Date("%d"),
            ["HH"] = Date("HH"), ["H"] = Date("%H"), ["mm"] = Date("mm"), ["m"] = Date("%m"), ["ss"] = Date("ss"), ["s"] = Date("%s"),
            ["Q"] = ((now.UtcDateTime.Month + 2) / 3).ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in values)
        {
            text.Replace("{" + key + "}", value);
        }

        return text.ToString();
    }

    private static ConfigurationException Invalid(string layout, string why) =>
        new($"The file layout '{layout}' is invalid: {why}. Fix [destination.filesystem] layout (or PipelineOptions.Layout); the default is '{Default}'.");
}
