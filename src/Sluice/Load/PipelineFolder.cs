using System.Globalization;

namespace Sluice.Load;

/// <summary>
/// A pipeline's working folder; the folders below are the stages' state machine (docs/loading.md). Every
/// transition between them is one rename.
/// </summary>
public sealed class PipelineFolder
{
    public const string PartialSuffix = ".partial";

    public PipelineFolder(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Extract);
        Directory.CreateDirectory(Normalize);
        Directory.CreateDirectory(Load);
        Directory.CreateDirectory(Loaded);
        Directory.CreateDirectory(Schemas);
    }

    public string Root { get; }

    public string Schemas => Path.Combine(Root, "schemas");

    public string Extract => Path.Combine(Root, "extract");

    public string Normalize => Path.Combine(Root, "normalize");

    public string Load => Path.Combine(Root, "load");

    public string Loaded => Path.Combine(Root, "loaded");

    /// <summary>The state of the last loaded package (written after its commit marker).</summary>
    public string StateFile => Path.Combine(Root, "state.json");

    public string SchemaFile(string schemaName) => Path.Combine(Schemas, schemaName + ".schema.json");

    /// <summary>Completed packages of one stage folder, in load-id order (partial folders excluded).</summary>
    public static IReadOnlyList<string> Packages(string stageFolder) =>
        Directory.Exists(stageFolder)
            ? Directory.EnumerateDirectories(stageFolder)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(n => !n.EndsWith(PartialSuffix, StringComparison.Ordinal))
                .OrderBy(n => decimal.Parse(n, NumberStyles.Number, CultureInfo.InvariantCulture))
                .ToList()
            : [];

    /// <summary>Deletes folders a killed stage left half-written; their packages are redone from the previous stage.</summary>
    public void DiscardPartials()
    {
        foreach (var stage in new[] { Extract, Normalize })
        {
            foreach (var partial in Directory.EnumerateDirectories(stage, "*" + PartialSuffix))
            {
                Directory.Delete(partial, recursive: true);
            }
        }
    }

    /// <summary>
    /// A new load id: Unix seconds with six fraction digits, greater than every id in the folder so packages load in
    /// the order they were made.
    /// </summary>
    public string NewLoadId(TimeProvider? time = null)
    {
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var id = decimal.Round((now.ToUnixTimeMilliseconds() * 1000m + (now.Ticks % 10_000) / 10) / 1_000_000m, 6);
        var highest = new[] { Extract, Normalize, Load, Loaded }
            .SelectMany(f => Directory.EnumerateDirectories(f).Select(Path.GetFileName).OfType<string>())
            .Select(n => n.EndsWith(PartialSuffix, StringComparison.Ordinal) ? n[..^PartialSuffix.Length] : n)
            .Select(n => decimal.TryParse(n, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : 0m)
            .DefaultIfEmpty(0m)
            .Max();
        if (id <= highest)
        {
            id = highest + 0.000001m;
        }

        return id.ToString("0.000000", CultureInfo.InvariantCulture);
    }

    /// <summary>Writes a file so it is either the old or the whole new content after a crash.</summary>
    public static void WriteAtomically(string path, string content)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }
}
