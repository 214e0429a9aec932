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

    /// <summary>Receives the items read so far, then the rows, job files and bytes written (see <see cref="Pipelines.PipelineProgress"/>).</summary>
    public IProgress<Pipelines.PipelineProgress>? Progress { get; init; }

    public long MaxBytesPerFile { get; init; } = 64L << 20;

    /// <summary>
    /// Items go straight from the package file into typed column buffers (<see cref="StreamingNormalizer"/>) where
    /// their hints allow it; false sends every item through <see cref="RowNormalizer"/>'s value trees (the reference
    /// semantics, kept for comparison).
    /// </summary>
    internal bool Streaming { get; init; } = true;

    /// <summary>Replaces random root ids (tests compare two runs with it).</summary>
    internal Func<string>? RootIds { get; init; }

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
        var normalizer = new RowNormalizer(schema, loadId) { RootIds = RootIds };
        using var streaming = new StreamingNormalizer(normalizer, sink, loadId);
        var roots = new List<string>();
        long itemsRead = 0;
        foreach (var resource in manifest.Resources)
        {
            if (resource.TableName is { } fixedTable)
            {
                AddRoot(roots, Naming.SnakeCaseNaming.NormalizeFragment(fixedTable));
            }

            var hintsByTable = new Dictionary<string, ResourceHints>(StringComparer.Ordinal);
            string? lastTable = null;
            byte[] lastTableUtf8 = [];
            ResourceHints? lastHints = null;
            ForEachLine(Path.Combine(extracted, resource.ItemsFile), line =>
            {
                var (tableStart, tableLength, tableEscaped, itemStart) = Locate(line);
                var tableSpan = line.Slice(tableStart, tableLength);
                string table;
                if (lastTable is not null && !tableEscaped && tableSpan.SequenceEqual(lastTableUtf8))
                {
                    table = lastTable;
                }
                else
                {
                    table = tableEscaped ? JsonSerializer.Deserialize<string>(Quote(tableSpan))! : System.Text.Encoding.UTF8.GetString(tableSpan);
                    lastTable = table;
                    lastTableUtf8 = tableEscaped ? [] : tableSpan.ToArray();
                    if (!hintsByTable.TryGetValue(table, out lastHints))
                    {
                        lastHints = resource.ToHints(table);
                        hintsByTable[table] = lastHints;
                        AddRoot(roots, Naming.SnakeCaseNaming.NormalizeFragment(table));
                    }
                }

                var hints = hintsByTable[table];
                if (Streaming && StreamingNormalizer.Supports(hints))
                {
                    streaming.Normalize(line, itemStart, resource.Name, hints);
                }
                else
                {
                    var reader = new Utf8JsonReader(line[itemStart..], new JsonReaderOptions { MaxDepth = ItemConverter.MaxDepth + 2 });
                    reader.Read();
                    var item = TypedJson.Read(ref reader) as Dictionary<string, object?> ?? throw new JsonException("An extracted item is not a JSON object.");
                    normalizer.Normalize(item, resource.Name, hints, sink);
                }

                cancellationToken.ThrowIfCancellationRequested();
                if (++itemsRead % ExtractStage.ProgressInterval == 0)
                {
                    Progress?.Report(new(Pipelines.PipelineStage.Normalize, itemsRead, 0, 0, false));
                }
            });
        }

        await sink.CompleteAsync().ConfigureAwait(false);
        if (Progress is { } progress)
        {
            var jobs = Directory.Exists(Path.Combine(partial, "new_jobs"))
                ? Directory.GetFiles(Path.Combine(partial, "new_jobs")).Select(f => new FileInfo(f).Length).ToList()
                : [];
            progress.Report(new(Pipelines.PipelineStage.Normalize, sink.RowCounts.Values.Sum(), jobs.Count, jobs.Sum(), true));
        }

        schema.BumpVersion();
        await File.WriteAllTextAsync(Path.Combine(partial, "schema.json"), schema.ToJson(), cancellationToken).ConfigureAwait(false);
        var normalized = manifest with { RootTables = roots.Where(r => schema.Table(r) is not null).ToList() };
        await File.WriteAllTextAsync(Path.Combine(partial, "package.json"), normalized.ToJson(), cancellationToken).ConfigureAwait(false);
        foreach (var state in new[] { "started_jobs", "completed_jobs", "failed_jobs" })
        {
            Directory.CreateDirectory(Path.Combine(partial, state));
        }

        var packageState = Path.Combine(extracted, ExtractStage.PackageStateFile);
        if (File.Exists(packageState))
        {
            File.Copy(packageState, Path.Combine(partial, ExtractStage.PackageStateFile));
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

    private delegate void LineAction(ReadOnlySpan<byte> line);

    /// <summary>Calls <paramref name="action"/> for each line of an extracted items file (<c>{"t": table, "i": item}</c>).</summary>
    private static void ForEachLine(string path, LineAction action)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var buffer = new byte[1 << 20];
        var filled = 0;
        while (true)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var start = 0;
            int newline;
            while ((newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n')) >= 0)
            {
                if (newline > 0)
                {
                    action(buffer.AsSpan(start, newline));
                }

                start += newline + 1;
            }

            if (read == 0)
            {
                if (filled > start)
                {
                    action(buffer.AsSpan(start, filled - start));
                }

                return;
            }

            // Keep the unfinished line; grow the buffer when one line does not fit.
            Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
            filled -= start;
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
    }

    /// <summary>The table name (raw JSON string content) and where the item's value starts in a package line.</summary>
    private static (int TableStart, int TableLength, bool Escaped, int ItemStart) Locate(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = ItemConverter.MaxDepth + 2 });
        var (tableStart, tableLength) = (0, 0);
        var escaped = false;
        var hasTable = false;
        var itemStart = -1;
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("t"u8))
            {
                reader.Read();
                (tableStart, tableLength) = ((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                escaped = reader.ValueIsEscaped;
                hasTable = reader.TokenType == JsonTokenType.String;
            }
            else
            {
                reader.Read();
                itemStart = (int)reader.TokenStartIndex;
                if (hasTable)
                {
                    break;
                }

                reader.Skip();
            }
        }

        if (!hasTable)
        {
            throw new JsonException("An extracted line has no table ('t').");
        }

        return itemStart >= 0 ? (tableStart, tableLength, escaped, itemStart) : throw new JsonException("An extracted line has no item ('i').");
    }

    private static string Quote(ReadOnlySpan<byte> escaped) => "\"" + System.Text.Encoding.UTF8.GetString(escaped) + "\"";

    private static void AddRoot(List<string> roots, string name)
    {
        if (!roots.Contains(name, StringComparer.Ordinal))
        {
            roots.Add(name);
        }
    }
}
