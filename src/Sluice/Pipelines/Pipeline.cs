using Sluice.Engines;
using Sluice.Extract;
using Sluice.Load;
using Sluice.Naming;
using Sluice.Normalize;
using Sluice.Schema;
using Sluice.Storage;

namespace Sluice.Pipelines;

/// <summary>
/// Loads resources into an Athena dataset: extract → normalize → load through load packages on disk
/// (docs/loading.md). <see cref="RunAsync"/> first finishes packages an earlier run left, so a run after a crash
/// neither loses nor doubles rows. One pipeline instance runs one stage at a time.
/// </summary>
public sealed partial class Pipeline
{
    private readonly IAthenaEngine _engine;
    private readonly IParquetWriter _writer;
    private readonly IObjectStore _store;
    private readonly TimeProvider _time;
    private FileStream? _lock;
    private int _lockDepth;

    public Pipeline(PipelineOptions options, IAthenaEngine engine, IParquetWriter writer, IObjectStore store, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _engine = engine;
        _writer = writer;
        _store = store;
        _time = time ?? TimeProvider.System;
        SchemaName = SnakeCaseNaming.NormalizeFragment(options.Name);
        Destination = new LoadDestination(SnakeCaseNaming.NormalizeFragment(options.Dataset), options.Bucket) { Layout = FileLayout.Parse(options.Layout) };
        Folder = new PipelineFolder(options.WorkingFolder ?? Path.Combine(".sluice", "pipelines", SchemaName));
    }

    public PipelineOptions Options { get; }

    /// <summary>Receives each stage's progress while a run works (the CLI draws progress bars from it).</summary>
    public IProgress<PipelineProgress>? Progress { get; set; }

    public string SchemaName { get; }

    public LoadDestination Destination { get; }

    public PipelineFolder Folder { get; }

    /// <summary>The state as of the last loaded package (incremental cursors); empty before the first.</summary>
    public PipelineState State => PipelineState.Load(Folder.StateFile);

    /// <summary>The live schema (as of the last normalized package), or null before the first.</summary>
    public PipelineSchema? Schema => File.Exists(Folder.SchemaFile(SchemaName))
        ? PipelineSchema.FromJson(File.ReadAllText(Folder.SchemaFile(SchemaName)))
        : null;

    /// <summary>
    /// Finishes pending packages; then, when <paramref name="resources"/> were given and nothing was pending, extracts,
    /// normalizes and loads them as one new package. Like dlt, a run that had to finish old packages stops there:
    /// run again to load new data.
    /// </summary>
    public async Task<RunInfo> RunAsync(IReadOnlyList<Resource> resources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resources);
        Validate(resources);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var held = Lock();
        RememberDestination();
        if (!File.Exists(Folder.StateFile) && !File.Exists(Folder.SchemaFile(SchemaName)))
        {
            await RestoreAsync(cancellationToken).ConfigureAwait(false);
        }

        var pending = await FinishPendingAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Packages.Count > 0 || resources.Count == 0)
        {
            return pending with { ResumedOnly = pending.Packages.Count > 0 && resources.Count > 0, Elapsed = watch.Elapsed };
        }

        var (loadId, rows) = await ExtractAndNormalizeAsync(resources, cancellationToken).ConfigureAwait(false);
        var info = await LoadPackageAsync(loadId, rows.Values.Sum(), cancellationToken).ConfigureAwait(false);
        return new RunInfo([info], rows) { Elapsed = watch.Elapsed };
    }

    /// <summary>
    /// Extract and normalize of a new package at the same time: the normalizer reads the lines extract writes as they
    /// are written (<see cref="PackageFeed"/>) and commits its package only after extract committed its own, so the
    /// working folder goes through the same states as when the stages run one after the other.
    /// </summary>
    private async Task<(string LoadId, IReadOnlyDictionary<string, long> Rows)> ExtractAndNormalizeAsync(IReadOnlyList<Resource> resources, CancellationToken cancellationToken)
    {
        var feed = new PackageFeed();
        var progress = Progress is { } inner ? new StageOrderedProgress(inner) : null;
        var normalize = new NormalizeStage(Folder, _writer) { MaxRowsPerFile = Options.MaxRowsPerFile, MaxBytesPerFile = Options.MaxBytesPerFile, Progress = progress };
        // A thread of its own: the normalizer is busy all the time and waits synchronously for Parquet files.
        var normalizing = Task.Factory.StartNew(
            () =>
            {
                Thread.CurrentThread.Name = "Sluice normalize";
                return normalize.Normalize(feed, cancellationToken);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        string loadId;
        try
        {
            loadId = await new ExtractStage(Folder, SchemaName, _time) { Progress = progress }.ExtractAsync(resources, State, feed, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Nothing was committed; the normalizer stops (the feed failed) and its partial folder goes.
            await ((Task)normalizing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (feed.Started.IsCompletedSuccessfully)
            {
                DiscardExtracted(feed.Started.Result.LoadId, extracted: false);
            }

            throw;
        }

        try
        {
            return (loadId, await normalizing.ConfigureAwait(false));
        }
        catch (Errors.SluiceException error) when (!error.IsTransient)
        {
            // The data of this run cannot be normalized (a name collision, a frozen contract, a NULL key...): the package
            // is discarded, so the next run reads the fixed source instead of retrying the bad package forever.
            DiscardExtracted(loadId);
            throw;
        }
    }

    private async Task<PackageLoadInfo> LoadPackageAsync(string loadId, long? rows, CancellationToken cancellationToken)
    {
        Progress?.Report(new(PipelineStage.Load, 0, 0, 0, false));
        var info = await new LoadStage(Folder, _engine, _store, Destination, _time, _writer as IPartitionWriter).LoadAsync(loadId, cancellationToken).ConfigureAwait(false);
        Progress?.Report(new(PipelineStage.Load, rows ?? 0, info.Tables.Sum(t => t.Files), info.Tables.Sum(t => t.Bytes), true));
        return info;
    }

    private void DiscardExtracted(string loadId, bool extracted = true)
    {
        foreach (var folder in new[] { extracted ? Path.Combine(Folder.Extract, loadId) : null, Path.Combine(Folder.Normalize, loadId + PipelineFolder.PartialSuffix) })
        {
            if (folder is null)
            {
                continue;
            }

            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Extracts resources into a new package; returns its load id.</summary>
    public async Task<string> ExtractAsync(IReadOnlyList<Resource> resources, CancellationToken cancellationToken = default)
    {
        Validate(resources);
        using var held = Lock();
        return await new ExtractStage(Folder, SchemaName, _time) { Progress = Progress }.ExtractAsync(resources, State, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Normalizes one extracted package into a load package.</summary>
    public async Task<IReadOnlyDictionary<string, long>> NormalizeAsync(string loadId, CancellationToken cancellationToken = default)
    {
        using var held = Lock();
        return await new NormalizeStage(Folder, _writer) { MaxRowsPerFile = Options.MaxRowsPerFile, MaxBytesPerFile = Options.MaxBytesPerFile, Progress = Progress }
            .NormalizeAsync(loadId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Normalizes and loads every pending package, oldest first.</summary>
    public async Task<RunInfo> FinishPendingAsync(CancellationToken cancellationToken = default)
    {
        using var held = Lock();
        Folder.DiscardPartials();
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var loadId in PipelineFolder.Packages(Folder.Extract))
        {
            foreach (var (table, count) in await NormalizeAsync(loadId, cancellationToken).ConfigureAwait(false))
            {
                rows[table] = rows.GetValueOrDefault(table) + count;
            }
        }

        var packages = new List<PackageLoadInfo>();
        foreach (var loadId in PipelineFolder.Packages(Folder.Load))
        {
            packages.Add(await LoadPackageAsync(loadId, null, cancellationToken).ConfigureAwait(false));
        }

        return new RunInfo(packages, rows);
    }

    /// <summary>
    /// Adopts the newest state and schema this pipeline committed to the destination (a state row counts only when
    /// its load's <c>_sluice_loads</c> row exists), so a fresh working folder resumes its cursors. Returns true when
    /// something was restored; a dataset that does not exist yet restores nothing.
    /// </summary>
    public async Task<bool> RestoreAsync(CancellationToken cancellationToken = default)
    {
        var context = new QueryContext { Database = Destination.Dataset };
        var restored = false;
        try
        {
            var state = await _engine.ExecuteAsync(LoadSql.LatestState(Destination.Dataset, SchemaName), context, cancellationToken).ConfigureAwait(false);
            if (state.Rows.Count > 0 && state.Rows[0][0] is string compressed)
            {
                PipelineFolder.WriteAtomically(Folder.StateFile, PipelineState.FromCompressed(compressed).ToJson());
                restored = true;
            }

            var schema = await _engine.ExecuteAsync(LoadSql.LatestSchema(Destination.Dataset, SchemaName), context, cancellationToken).ConfigureAwait(false);
            if (schema.Rows.Count > 0 && schema.Rows[0][0] is string json)
            {
                PipelineFolder.WriteAtomically(Folder.SchemaFile(SchemaName), StoredSchema.Decode(json).ToJson());
                restored = true;
            }
        }
        catch (EngineException error) when (error.ErrorName is "TABLE_NOT_FOUND" or "SCHEMA_NOT_FOUND")
        {
            // Nothing loaded yet.
        }

        return restored;
    }

    /// <summary>
    /// Holds <c>&lt;work&gt;/.lock</c> exclusively while a stage runs, so two processes never work on the same packages
    /// (partial folders of a live run would look abandoned). The operating system drops the lock when a process dies.
    /// </summary>
    private Releaser Lock()
    {
        if (_lockDepth++ == 0)
        {
            try
            {
                _lock = new FileStream(Path.Combine(Folder.Root, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException error)
            {
                _lockDepth = 0;
                throw new Errors.LoadException(
                    $"The working folder '{Folder.Root}' of pipeline '{Options.Name}' is in use by another run. Wait for that run to finish, then run again.",
                    isTransient: true,
                    error);
            }
        }

        return new Releaser(this);
    }

    private readonly struct Releaser(Pipeline pipeline) : IDisposable
    {
        public void Dispose()
        {
            if (--pipeline._lockDepth == 0)
            {
                pipeline._lock?.Dispose();
                pipeline._lock = null;
            }
        }
    }

    /// <summary>Plan-time checks: what can never load is refused before anything is extracted.</summary>
    private static void Validate(IReadOnlyList<Resource> resources)
    {
        foreach (var resource in resources)
        {
            var hints = resource.Hints;
            if (hints.Partition.FirstOrDefault(p => p.Function is PartitionFunction.Bucket or PartitionFunction.Truncate && p.Argument < 1) is { } bad)
            {
                throw new Errors.LoadException(
                    $"Resource '{resource.Name}' asks for the partition {bad.ToDdl()}; the {bad.Function.ToString().ToLowerInvariant()} argument must be at least 1. Fix ResourceHints.Partition.");
            }

            if (hints.WriteDisposition == WriteDisposition.Merge && hints.MergeStrategy == MergeStrategy.Scd2 && hints.TableFormat == TableFormat.Hive)
            {
                throw new Errors.LoadException(
                    $"Resource '{resource.Name}' asks for merge strategy 'scd2' on a Hive table, which Sluice does not rewrite yet. Set ResourceHints.TableFormat = TableFormat.Iceberg for it.");
            }
        }
    }
}
