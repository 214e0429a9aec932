using System.Text.Json;
using Sluice.Extract;
using Sluice.Load;
using Sluice.Schema;

namespace Sluice.Normalize;

/// <summary>
/// Turns an extracted package into a load package: Parquet job files per table plus the schema they need.
/// Works in <c>normalize/&lt;load_id&gt;.partial/</c>; commits by renaming it to <c>load/&lt;load_id&gt;/</c>, then
/// replaces the live schema, then deletes the extracted package. A crash before the rename leaves the extracted
/// package to redo; after it, the remaining steps are repeated on resume.
/// </summary>
public sealed class NormalizeStage
{
    private readonly PipelineFolder _folder;
    private readonly IParquetWriter _writer;

    public NormalizeStage(PipelineFolder folder, IParquetWriter writer)
    {
        _folder = folder;
        _writer = writer;
    }

    public int MaxRowsPerFile { get; init; } = 250_000;

    public long MaxBytesPerFile { get; init; } = 64L << 20;

    /// <summary>Normalises the extracted package <paramref name="loadId"/>; returns rows per table.</summary>
    public async Task<IReadOnlyDictionary<string, long>> NormalizeAsync(string loadId, CancellationToken cancellationToken = default)
    {
        var extracted = Path.Combine(_folder.Extract, loadId);
        var target = Path.Combine(_folder.Load, loadId);
        if (Directory.Exists(target))
        {
            // Committed before a crash: only the clean-up is left.
            Finish(loadId, PackageManifest.FromJson(await File.ReadAllTextAsync(Path.Combine(target, "package.json"), cancellationToken).ConfigureAwait(false)).SchemaName, target);
            return new Dictionary<string, long>();
        }

        var manifest = PackageManifest.FromJson(await File.ReadAllTextAsync(Path.Combine(extracted, "package.json"), cancellationToken).ConfigureAwait(false));
        var schemaFile = _folder.SchemaFile(manifest.SchemaName);
        var schema = File.Exists(schemaFile)
            ? PipelineSchema.FromJson(await File.ReadAllTextAsync(schemaFile, cancellationToken).ConfigureAwait(false))
            : new PipelineSchema { Name = manifest.SchemaName };
        var partial = Path.Combine(_folder.Normalize, loadId + PipelineFolder.PartialSuffix);
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        var sink = new PackageRowWriter(Path.Combine(partial, "new_jobs"), _writer)
        {
            MaxRowsPerFile = MaxRowsPerFile, MaxBytesPerFile = MaxBytesPerFile, CancellationToken = cancellationToken,
        };
        var normalizer = new RowNormalizer(schema, loadId);
        var roots = new List<string>();
        foreach (var resource in manifest.Resources)
        {
            if (resource.TableName is { } fixedTable)
            {
                AddRoot(roots, Naming.SnakeCaseNaming.NormalizeFragment(fixedTable));
            }

            using var reader = new StreamReader(Path.Combine(extracted, resource.ItemsFile));
            var hintsByTable = new Dictionary<string, ResourceHints>(StringComparer.Ordinal);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                using var document = JsonDocument.Parse(line);
                var table = document.RootElement.GetProperty("t").GetString()!;
                if (!hintsByTable.TryGetValue(table, out var hints))
                {
                    hints = resource.ToHints(table);
                    hintsByTable[table] = hints;
                    AddRoot(roots, Naming.SnakeCaseNaming.NormalizeFragment(table));
                }

                var item = (Dictionary<string, object?>)TypedJson.Read(document.RootElement.GetProperty("i"))!;
                normalizer.Normalize(item, resource.Name, hints, sink);
            }
        }

        await sink.CompleteAsync().ConfigureAwait(false);
        schema.BumpVersion();
        await File.WriteAllTextAsync(Path.Combine(partial, "schema.json"), schema.ToJson(), cancellationToken).ConfigureAwait(false);
        var normalized = manifest with { RootTables = roots.Where(r => schema.Table(r) is not null).ToList() };
        await File.WriteAllTextAsync(Path.Combine(partial, "package.json"), normalized.ToJson(), cancellationToken).ConfigureAwait(false);
        foreach (var state in new[] { "started_jobs", "completed_jobs", "failed_jobs" })
        {
            Directory.CreateDirectory(Path.Combine(partial, state));
        }

        Directory.Move(partial, target);
        Finish(loadId, manifest.SchemaName, target);
        return sink.RowCounts;
    }

    private void Finish(string loadId, string schemaName, string loadFolder)
    {
        PipelineFolder.WriteAtomically(_folder.SchemaFile(schemaName), File.ReadAllText(Path.Combine(loadFolder, "schema.json")));
        var extracted = Path.Combine(_folder.Extract, loadId);
        if (Directory.Exists(extracted))
        {
            Directory.Delete(extracted, recursive: true);
        }
    }

    private static void AddRoot(List<string> roots, string name)
    {
        if (!roots.Contains(name, StringComparer.Ordinal))
        {
            roots.Add(name);
        }
    }
}
