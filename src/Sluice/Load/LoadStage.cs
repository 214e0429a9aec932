using System.Diagnostics;
using Sluice.Engines;
using Sluice.Errors;
using Sluice.Extract;
using Sluice.Schema;
using Sluice.Storage;

namespace Sluice.Load;

/// <summary>
/// Loads one normalized package (<c>load/&lt;load_id&gt;/</c>) into the destination with Athena SQL through
/// <see cref="IAthenaEngine"/> and object writes through <see cref="IObjectStore"/>. Resumable at any point:
/// jobs write fixed keys, every table-chain sequence is idempotent when rerun in full, and the
/// <c>_sluice_loads</c> row (the commit marker) is inserted last and at most once. See docs/loading.md.
/// </summary>
public sealed partial class LoadStage
{
    /// <summary>The statements the load ran, in order (JSON), kept in the loaded package.</summary>
    public const string TraceFile = "trace.json";

    private readonly PipelineFolder _folder;
    private readonly IAthenaEngine _engine;
    private readonly IObjectStore _store;
    private readonly LoadDestination _destination;
    private readonly TimeProvider _time;
    private readonly IPartitionWriter? _partitions;
    private readonly List<ExecutedStatement> _statements = [];
    private readonly Dictionary<string, TableLoadInfo> _files = new(StringComparer.Ordinal);

    /// <summary>A load stage; <paramref name="partitions"/> splits job files of partitioned Hive tables (needed only for those).</summary>
    public LoadStage(PipelineFolder folder, IAthenaEngine engine, IObjectStore store, LoadDestination destination, TimeProvider? time = null, IPartitionWriter? partitions = null)
    {
        _partitions = partitions;
        _folder = folder;
        _engine = engine;
        _store = store;
        _destination = destination;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Loads package <paramref name="loadId"/> and moves it to <c>loaded/</c>.</summary>
    public async Task<PackageLoadInfo> LoadAsync(string loadId, CancellationToken cancellationToken = default)
    {
        _statements.Clear();
        _catalogCalls.Clear();
        _files.Clear();
        var watch = Stopwatch.StartNew();
        var package = Path.Combine(_folder.Load, loadId);
        var manifest = PackageManifest.FromJson(await File.ReadAllTextAsync(Path.Combine(package, "package.json"), cancellationToken).ConfigureAwait(false));
        var schema = PipelineSchema.FromJson(await File.ReadAllTextAsync(Path.Combine(package, "schema.json"), cancellationToken).ConfigureAwait(false));
        var failed = Directory.EnumerateFiles(Path.Combine(package, "failed_jobs"), "*.exception").FirstOrDefault();
        if (failed is not null)
        {
            throw new LoadException(
                $"Package '{loadId}' has a job that failed permanently: {await File.ReadAllTextAsync(failed, cancellationToken).ConfigureAwait(false)} " +
                $"Fix the cause and rerun, or abandon the package by deleting '{package}'.")
            { LoadId = loadId };
        }

        // A job that was running when the process stopped is run again; it writes the same key.
        foreach (var started in Directory.EnumerateFiles(Path.Combine(package, "started_jobs")))
        {
            File.Move(started, Path.Combine(package, "new_jobs", Path.GetFileName(started)), overwrite: true);
        }

        var synced = await SyncSchemaAsync(schema, loadId, cancellationToken).ConfigureAwait(false);
        var chains = manifest.RootTables.Select(schema.Table).OfType<TableSchema>()
            .Select(root => (Root: root, Tables: schema.Chain(root).Where(t => t.CompleteColumns.Any()).ToList()))
            .Where(c => c.Tables.Count > 0)
            .ToList();
        await CleanStagingAsync(chains.SelectMany(c => c.Tables).Where(LoadSql.NeedsStaging), loadId, cancellationToken).ConfigureAwait(false);
        var jobs = await RunJobsAsync(package, schema, loadId, manifest.CreatedAt, cancellationToken).ConfigureAwait(false);
        foreach (var (root, tables) in chains)
        {
            await RunChainAsync(package, root, tables, loadId, cancellationToken).ConfigureAwait(false);
        }

        var stateFile = Path.Combine(package, ExtractStage.PackageStateFile);
        var state = File.Exists(stateFile) ? PipelineState.FromJson(await File.ReadAllTextAsync(stateFile, cancellationToken).ConfigureAwait(false)) : null;
        if (state is not null)
        {
            await ExecuteAsync(LoadSql.InsertState(_destination.Dataset, schema.Name, state, loadId, manifest.CreatedAt), cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(LoadSql.InsertLoad(_destination.Dataset, loadId, schema.Name, schema.VersionHash, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        if (state is not null && state.Version > PipelineState.Load(_folder.StateFile).Version)
        {
            // The cursor advances locally only after its load committed.
            PipelineFolder.WriteAtomically(_folder.StateFile, state.ToJson());
        }

        await CleanUpAsync(chains, loadId, cancellationToken).ConfigureAwait(false);
        // The statements are kept with the archived package for `sluice pipeline trace`.
        PipelineFolder.WriteAtomically(Path.Combine(package, TraceFile), System.Text.Json.JsonSerializer.Serialize(_statements));
        PipelineFolder.WriteAtomically(Path.Combine(package, CatalogTraceFile), System.Text.Json.JsonSerializer.Serialize(_catalogCalls));
        var loaded = Path.Combine(_folder.Loaded, loadId);
        Directory.Move(package, loaded);
        foreach (var job in Directory.EnumerateFiles(Path.Combine(loaded, "completed_jobs")))
        {
            File.Delete(job);
        }

        return new PackageLoadInfo(loadId, jobs, _statements.ToList(), synced)
        {
            CatalogCalls = _catalogCalls.ToList(),
            Tables = _files.Values.OrderBy(t => t.Table, StringComparer.Ordinal).ToList(),
            Elapsed = watch.Elapsed,
        };
    }

    /// <summary>Counts a data file written for <paramref name="table"/>.</summary>
    private void CountFile(string table, string localFile)
    {
        var bytes = new FileInfo(localFile).Length;
        _files[table] = _files.TryGetValue(table, out var seen) ? seen with { Files = seen.Files + 1, Bytes = seen.Bytes + bytes } : new TableLoadInfo(table, 1, bytes);
    }

    private async Task<QueryResult> ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var result = await _engine.ExecuteAsync(sql, new QueryContext { Database = _destination.Dataset }, cancellationToken).ConfigureAwait(false);
        _statements.Add(new ExecutedStatement(sql, result.Statistics.StatementType, result.UpdateCount, result.Statistics.DataScannedBytes, watch.Elapsed));
        return result;
    }
}
