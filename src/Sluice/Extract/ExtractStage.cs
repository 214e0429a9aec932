using System.Buffers;
using System.Text.Json;
using Sluice.Load;

namespace Sluice.Extract;

/// <summary>
/// Reads resources into a new package under <c>extract/&lt;load_id&gt;.partial/</c> (typed JSON lines, one file per
/// resource, each line <c>{"t": table, "i": item}</c>) and commits it by renaming to <c>extract/&lt;load_id&gt;/</c>.
/// Nothing is committed if a resource throws or the process dies: the partial folder is discarded on resume.
/// </summary>
public sealed class ExtractStage
{
    /// <summary>The pipeline state a package commits together with its data.</summary>
    public const string PackageStateFile = "state.json";

    private readonly PipelineFolder _folder;
    private readonly string _schemaName;
    private readonly TimeProvider _time;

    /// <summary>How many items go by between two progress reports.</summary>
    internal const int ProgressInterval = 8192;

    public ExtractStage(PipelineFolder folder, string schemaName, TimeProvider? time = null)
    {
        _folder = folder;
        _schemaName = schemaName;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Receives the items and bytes extracted so far (see <see cref="Pipelines.PipelineProgress"/>).</summary>
    public IProgress<Pipelines.PipelineProgress>? Progress { get; init; }

    private static List<Dictionary<string, object?>> Records(object? item, string resource, long position)
    {
        try
        {
            return ItemConverter.ToRecords(item).ToList();
        }
        catch (Exception error) when (error is JsonException or ArgumentException)
        {
            var text = item is string s ? (s.Length > 80 ? s[..77] + "..." : s) : item?.GetType().Name;
            throw new Errors.LoadException(
                $"Item {position} of resource '{resource}' cannot be read: {error.Message} (item: '{text}'). Nothing was extracted; fix or filter that item in the source and run again.",
                isTransient: false,
                error);
        }
    }

    /// <summary>
    /// Extracts every resource into one package and returns its load id. Incremental resources are filtered against
    /// <paramref name="state"/>; when a cursor moved, the package carries the next state in <c>state.json</c>.
    /// </summary>
    public Task<string> ExtractAsync(IReadOnlyList<Resource> resources, PipelineState? state = null, CancellationToken cancellationToken = default) =>
        ExtractAsync(resources, state, null, cancellationToken);

    /// <summary>
    /// <see cref="ExtractAsync(IReadOnlyList{Resource}, PipelineState?, CancellationToken)"/>, passing every line
    /// written to <paramref name="feed"/> as well and completing it after the commit (or failing it).
    /// </summary>
    internal async Task<string> ExtractAsync(IReadOnlyList<Resource> resources, PipelineState? state, PackageFeed? feed, CancellationToken cancellationToken)
    {
        try
        {
            var loadId = await ExtractCoreAsync(resources, state, feed, cancellationToken).ConfigureAwait(false);
            feed?.Complete();
            return loadId;
        }
        catch (Exception error)
        {
            feed?.Fail(error);
            throw;
        }
    }

    private async Task<string> ExtractCoreAsync(IReadOnlyList<Resource> resources, PipelineState? state, PackageFeed? feed, CancellationToken cancellationToken)
    {
        state ??= new PipelineState();
        var next = state.NextVersion();
        var stateChanged = false;
        ArgumentNullException.ThrowIfNull(resources);
        var loadId = _folder.NewLoadId(_time);
        var partial = Path.Combine(_folder.Extract, loadId + PipelineFolder.PartialSuffix);
        Directory.CreateDirectory(Path.Combine(partial, "items"));
        feed?.Start(loadId, _schemaName);
        var recorded = new List<PackageResource>();
        long itemsBefore = 0, bytesBefore = 0;
        for (var index = 0; index < resources.Count; index++)
        {
            var resource = resources[index];
            var file = "items/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".jsonl";
            long count = 0;
            var incremental = resource.Hints.Incremental is { } hint
                ? new IncrementalFilter(hint, resource.Hints.PrimaryKey, state.Incremental(resource.Name, hint.CursorPath))
                : null;
            if (feed is not null)
            {
                await feed.BeginResourceAsync(PackageResource.From(resource.Name, file, resource.Hints), cancellationToken).ConfigureAwait(false);
            }

            var stream = new PackageLineWriter(Path.Combine(partial, file), feed, cancellationToken);
            await using (stream.ConfigureAwait(false))
            {
                // One buffer per line: the writer fills it, the line goes to the file with its newline.
                var buffer = new ArrayBufferWriter<byte>(4096);
                await using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
                long position = 0;
                var fixedTable = resource.Hints.TableNameSelector is null && incremental is null
                    ? JsonSerializer.SerializeToUtf8Bytes(resource.Hints.TableName ?? resource.Name)
                    : null;
                var line = new ArrayBufferWriter<byte>(4096);
                await foreach (var item in resource.Items.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    position++;
                    if (fixedTable is not null && item is string json && RawJsonLine.TryWrite(json, fixedTable, line))
                    {
                        // A JSON object that reads back exactly as its typed form: copied as it is, not parsed into values.
                        await stream.WriteAsync(line.WrittenSpan).ConfigureAwait(false);
                        line.ResetWrittenCount();
                        if (++count % ProgressInterval == 0)
                        {
                            Progress?.Report(new(Pipelines.PipelineStage.Extract, itemsBefore + count, index + 1, bytesBefore + stream.Position, false));
                        }

                        continue;
                    }

                    foreach (var record in Records(item, resource.Name, position))
                    {
                        if (incremental is not null && !incremental.Accept(record, resource.Name))
                        {
                            continue;
                        }

                        var table = resource.Hints.TableName ?? resource.Hints.TableNameSelector?.Invoke(record) ?? resource.Name;
                        writer.WriteStartObject();
                        writer.WriteString("t", table);
                        writer.WritePropertyName("i");
                        TypedJson.Write(writer, record);
                        writer.WriteEndObject();
                        writer.Flush();
                        buffer.Write("\n"u8);
                        await stream.WriteAsync(buffer.WrittenSpan).ConfigureAwait(false);
                        buffer.ResetWrittenCount();
                        writer.Reset(buffer);
                        if (++count % ProgressInterval == 0)
                        {
                            Progress?.Report(new(Pipelines.PipelineStage.Extract, itemsBefore + count, index + 1, bytesBefore + stream.Position, false));
                        }
                    }
                }

                await stream.CompleteAsync().ConfigureAwait(false);
                bytesBefore += stream.Position;
            }

            itemsBefore += count;

            recorded.Add(PackageResource.From(resource.Name, file, resource.Hints) with { Items = count });
            if (incremental is not null)
            {
                var saved = incremental.State();
                var before = state.Incremental(resource.Name, resource.Hints.Incremental!.CursorPath);
                next.SetIncremental(resource.Name, resource.Hints.Incremental.CursorPath, saved);
                stateChanged |= before is null || new PipelineState(before).ToJson() != new PipelineState(saved).ToJson();
            }
        }

        Progress?.Report(new(Pipelines.PipelineStage.Extract, itemsBefore, resources.Count, bytesBefore, true));
        var manifest = new PackageManifest { LoadId = loadId, SchemaName = _schemaName, CreatedAt = _time.GetUtcNow(), Resources = recorded };
        await File.WriteAllTextAsync(Path.Combine(partial, "package.json"), manifest.ToJson(), cancellationToken).ConfigureAwait(false);
        if (stateChanged)
        {
            await File.WriteAllTextAsync(Path.Combine(partial, PackageStateFile), next.ToJson(), cancellationToken).ConfigureAwait(false);
        }

        Directory.Move(partial, Path.Combine(_folder.Extract, loadId));
        return loadId;
    }
}
