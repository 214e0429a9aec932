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
        var work = await StartAsync(loadId, manifest.SchemaName, cancellationToken).ConfigureAwait(false);
        foreach (var resource in manifest.Resources)
        {
            work.BeginResource(resource);
            ForEachLine(Path.Combine(extracted, resource.ItemsFile), work.Line);
        }

        return await CommitAsync(work, manifest, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Normalises the package extract is writing, from the lines it passes to <paramref name="feed"/> while it works, so
    /// both run at the same time. The result is the same as <see cref="NormalizeAsync(string, CancellationToken)"/>
    /// on the committed package: the same lines in the same order; the package is committed only after extract
    /// committed its own (<see cref="PackageFeed.Completion"/>). Fails when extract fails. Blocks the calling thread
    /// (give it a thread of its own: it is busy all the time and waits synchronously for files being written).
    /// </summary>
    internal IReadOnlyDictionary<string, long> Normalize(PackageFeed feed, CancellationToken cancellationToken)
    {
        var (loadId, schemaName) = feed.Started.GetAwaiter().GetResult();
        Work? work = null;
        try
        {
            work = StartAsync(loadId, schemaName, cancellationToken).GetAwaiter().GetResult();
            var reader = feed.Blocks;
            while (reader.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var block))
                {
                    try
                    {
                        if (block.Resource is { } resource)
                        {
                            // Read back as the committed package.json gives it, so the hints are exactly those of a resume.
                            var stored = new PackageManifest { LoadId = loadId, SchemaName = schemaName, CreatedAt = default, Resources = [resource] };
                            work.BeginResource(PackageManifest.FromJson(stored.ToJson()).Resources[0]);
                        }
                        else
                        {
                            ForEachLine(block.Block.AsSpan(0, block.Length), work.Line);
                        }
                    }
                    finally
                    {
                        block.Return();
                    }
                }
            }

            feed.Completion.GetAwaiter().GetResult();
            var manifest = PackageManifest.FromJson(File.ReadAllText(Path.Combine(_folder.Extract, loadId, "package.json")));
            return CommitAsync(work, manifest, cancellationToken).GetAwaiter().GetResult();
        }
        catch
        {
            // Let extract finish (it may still pass blocks), and let files being written end before the partial
            // folder is discarded.
            feed.DrainAsync().GetAwaiter().GetResult();
            work?.Sink.AbandonAsync().GetAwaiter().GetResult();
            work?.Dispose();
            throw;
        }
    }

    private async Task<Work> StartAsync(string loadId, string schemaName, CancellationToken cancellationToken)
    {
        var schemaFile = _folder.SchemaFile(schemaName);
        var schema = File.Exists(schemaFile)
            ? PipelineSchema.FromJson(await File.ReadAllTextAsync(schemaFile, cancellationToken).ConfigureAwait(false))
            : new PipelineSchema { Name = schemaName };
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
        return new Work(this, loadId, partial, schema, sink, normalizer, cancellationToken);
    }

    private async Task<IReadOnlyDictionary<string, long>> CommitAsync(Work work, PackageManifest manifest, CancellationToken cancellationToken)
    {
        var (loadId, partial, schema, sink) = (work.LoadId, work.Partial, work.Schema, work.Sink);
        work.Dispose();
        var extracted = Path.Combine(_folder.Extract, loadId);
        var target = Path.Combine(_folder.Load, loadId);
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
        var normalized = manifest with { RootTables = work.Roots.Where(r => schema.Table(r) is not null).ToList() };
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

    /// <summary>One package being normalised: the resource whose lines come in, the normalizers and the row writer.</summary>
    private sealed class Work(NormalizeStage stage, string loadId, string partial, PipelineSchema schema, PackageRowWriter sink, RowNormalizer normalizer, CancellationToken cancellationToken) : IDisposable
    {
        private readonly StreamingNormalizer _streaming = new(normalizer, sink, loadId);
        private readonly Dictionary<string, ResourceHints> _hintsByTable = new(StringComparer.Ordinal);
        private PackageResource? _resource;
        private string? _lastTable;
        private byte[] _lastTableUtf8 = [];
        private byte[] _lastPrefix = [];
        private ResourceHints? _lastHints;
        private long _itemsRead;

        public string LoadId { get; } = loadId;

        public string Partial { get; } = partial;

        public PipelineSchema Schema { get; } = schema;

        public PackageRowWriter Sink { get; } = sink;

        public List<string> Roots { get; } = [];

        public void BeginResource(PackageResource resource)
        {
            _resource = resource;
            if (resource.TableName is { } fixedTable)
            {
                AddRoot(Roots, Naming.SnakeCaseNaming.NormalizeFragment(fixedTable));
            }

            _hintsByTable.Clear();
            _lastTable = null;
            _lastTableUtf8 = [];
            _lastPrefix = [];
            _lastHints = null;
        }

        public void Line(ReadOnlySpan<byte> line)
        {
            var resource = _resource ?? throw new InvalidOperationException("A package line came before its resource.");
            string table;
            int itemStart;
            if (_lastTable is not null && _lastPrefix.Length > 0 && line.StartsWith(_lastPrefix))
            {
                // Extract writes {"t":"<table>","i":<item>}: the same table as the line before.
                (table, itemStart) = (_lastTable, _lastPrefix.Length);
            }
            else
            {
                table = Table(line, resource, out itemStart);
            }

            var hints = _lastHints!;
            if (stage.Streaming && StreamingNormalizer.Supports(hints))
            {
                _streaming.Normalize(line, itemStart, resource.Name, hints);
            }
            else
            {
                var reader = new Utf8JsonReader(line[itemStart..], new JsonReaderOptions { MaxDepth = ItemConverter.MaxDepth + 2 });
                reader.Read();
                var item = TypedJson.Read(ref reader) as Dictionary<string, object?> ?? throw new JsonException("An extracted item is not a JSON object.");
                normalizer.Normalize(item, resource.Name, hints, Sink);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (++_itemsRead % ExtractStage.ProgressInterval == 0)
            {
                stage.Progress?.Report(new(Pipelines.PipelineStage.Normalize, _itemsRead, 0, 0, false));
            }
        }

        /// <summary>The table of a line found with the JSON reader; remembers it and its hints for the next lines.</summary>
        private string Table(ReadOnlySpan<byte> line, PackageResource resource, out int itemStart)
        {
            var (tableStart, tableLength, tableEscaped, start) = Locate(line);
            itemStart = start;
            var tableSpan = line.Slice(tableStart, tableLength);
            if (_lastTable is not null && !tableEscaped && tableSpan.SequenceEqual(_lastTableUtf8))
            {
                return _lastTable;
            }

            var table = tableEscaped ? JsonSerializer.Deserialize<string>(Quote(tableSpan))! : System.Text.Encoding.UTF8.GetString(tableSpan);
            _lastTable = table;
            _lastTableUtf8 = tableEscaped ? [] : tableSpan.ToArray();
            // The prefix is known exactly when the line starts {"t":"<table>","i": without spaces.
            _lastPrefix = !tableEscaped && tableStart == 6 && start == tableStart + tableLength + 6 ? line[..start].ToArray() : [];
            if (!_hintsByTable.TryGetValue(table, out var hints))
            {
                hints = resource.ToHints(table);
                _hintsByTable[table] = hints;
                AddRoot(Roots, Naming.SnakeCaseNaming.NormalizeFragment(table));
            }

            _lastHints = hints;
            return table;
        }

        public void Dispose() => _streaming.Dispose();
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

    /// <summary>Calls <paramref name="action"/> for each line in <paramref name="lines"/> (whole lines, the last one may lack its newline).</summary>
    private static void ForEachLine(ReadOnlySpan<byte> lines, LineAction action)
    {
        int newline;
        while ((newline = lines.IndexOf((byte)'\n')) >= 0)
        {
            if (newline > 0)
            {
                action(lines[..newline]);
            }

            lines = lines[(newline + 1)..];
        }

        if (!lines.IsEmpty)
        {
            action(lines);
        }
    }

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
