using Sluice.Extract;

namespace Sluice.Sources;

/// <summary>
/// Resources from local files: JSON lines (<c>.jsonl</c>, <c>.ndjson</c>; one JSON document per line), JSON documents (<c>.json</c>; an array is a batch) and CSV
/// (<c>.csv</c>, see <see cref="CsvRecords"/>). A pattern such as <c>data/*.jsonl</c> gives one resource per file,
/// named after the file without its extension, unless the hints fix a table name.
/// </summary>
public static class FileSource
{
    /// <summary>One resource per file matching <paramref name="pattern"/> (a path, or a folder plus a <c>*</c> file pattern).</summary>
    public static IReadOnlyList<Resource> Resources(string pattern, ResourceHints? hints = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        var full = Path.GetFullPath(pattern);
        var folder = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        var files = name.Contains('*', StringComparison.Ordinal) || name.Contains('?', StringComparison.Ordinal)
            ? (Directory.Exists(folder) ? Directory.EnumerateFiles(folder, name).Order(StringComparer.Ordinal).ToList() : [])
            : File.Exists(full) ? [full] : [];
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"No file matches '{pattern}' (looked in '{folder}'). Check the path; patterns may use '*' in the file name only.", full);
        }

        return files.Select(f => Resource.From(Path.GetFileNameWithoutExtension(f), Read(f), hints)).ToList();
    }

    /// <summary>The items of one file, read lazily (and again on every enumeration).</summary>
    public static IEnumerable<object?> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".jsonl" or ".ndjson" => JsonLines(path),
            ".json" => WholeDocument(path),
            ".csv" => Csv(path),
            _ => throw new NotSupportedException($"'{path}' has the extension '{extension}', which the files source does not read; use .jsonl, .ndjson or .csv."),
        };
    }

    private static IEnumerable<object?> JsonLines(string path)
    {
        using var reader = StrictUtf8.Open(path);
        while (StrictUtf8.ReadLine(reader, path) is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return line;
            }
        }
    }

    /// <summary>A whole JSON document: an object is one item, an array a batch of items.</summary>
    private static IEnumerable<object?> WholeDocument(string path)
    {
        using var reader = StrictUtf8.Open(path);
        yield return StrictUtf8.ReadToEnd(reader, path);
    }

    private static IEnumerable<object?> Csv(string path)
    {
        using var reader = StrictUtf8.Open(path);
        foreach (var record in CsvRecords.Read(reader, path))
        {
            yield return record;
        }
    }
}
