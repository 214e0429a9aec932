using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Sluice.Catalog;
using Sluice.Errors;
using Sluice.Schema;
using Sluice.Storage;

namespace Sluice.Load;

public sealed partial class LoadStage
{
    /// <summary>The catalog calls the load made, in order (JSON), kept in the loaded package next to <see cref="TraceFile"/>.</summary>
    public const string CatalogTraceFile = "catalog_calls.json";

    /// <summary>Table parameter naming the folder Sluice owns (the same parameter the transform layer sets).</summary>
    public const string OwnedLocationParameter = "sluice.owned_location";

    /// <summary>Table parameter naming the load whose generation the table serves; makes a resumed publish a no-op.</summary>
    public const string PublishedLoadParameter = "sluice.published_load";

    private readonly List<CatalogCall> _catalogCalls = [];

    // The versions file of the chain being published (chains publish one after another), named in a conflict error.
    private string? _versionsFile;

    private async Task<T> CatalogAsync<T>(string description, Func<ICatalogWriter, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var writer = _engine.CatalogWriter ?? throw new InvalidOperationException("The engine has no catalog writer.");
        var watch = Stopwatch.StartNew();
        var result = await call(writer, cancellationToken).ConfigureAwait(false);
        _catalogCalls.Add(new CatalogCall(description, watch.Elapsed));
        return result;
    }

    private Task CatalogAsync(string description, Func<ICatalogWriter, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        CatalogAsync<bool>(description, async (writer, ct) =>
        {
            await call(writer, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Drops a Hive helper table: a catalog DeleteTable when the engine has a writer, else DDL. The files stay.</summary>
    private async Task DropHelperAsync(string table, CancellationToken cancellationToken)
    {
        if (_engine.CatalogWriter is null)
        {
            await ExecuteAsync(LoadSql.DropHelper(_destination, table), cancellationToken).ConfigureAwait(false);
            return;
        }

        var helper = LoadSql.RewriteHelper(table);
        await CatalogAsync($"DeleteTable {_destination.StagingDataset}.{helper}", (w, ct) => w.DeleteTableAsync(_destination.StagingDataset, helper, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hive replace with a catalog writer: every table of the chain is published by one catalog call.</summary>
    private async Task PublishHiveReplaceAsync(string package, string folder, TableSchema root, IReadOnlyList<TableSchema> tables, string loadId, CancellationToken cancellationToken)
    {
        var versions = await ReadVersionsAsync(folder, root, tables, cancellationToken).ConfigureAwait(false);
        var rootKeys = HivePartitionKey.Resolve(root);
        await CheckVersionsAsync(tables, versions, loadId, cancellationToken).ConfigureAwait(false);
        foreach (var table in tables)
        {
            var generation = _destination.Generation(table.Name, loadId).ToString();
            IReadOnlyList<HivePartition>? target = ReferenceEquals(table, root) && rootKeys.Count > 0 ? TouchedPartitions(package, root.Name) : null;
            await PublishAsync(table.Name, generation, target, dropped: null, versions, loadId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The catalog versions of the chain's tables when this package first read them (<c>&lt;root&gt;.versions.json</c>):
    /// publishing names them, so a table changed by another writer meanwhile is a conflict, not a lost update.
    /// </summary>
    private async Task<Dictionary<string, long>> ReadVersionsAsync(string folder, TableSchema root, IReadOnlyList<TableSchema> tables, CancellationToken cancellationToken)
    {
        var file = Path.Combine(folder, root.Name + ".versions.json");
        _versionsFile = file;
        if (File.Exists(file))
        {
            return JsonSerializer.Deserialize<Dictionary<string, long>>(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)) ?? [];
        }

        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var existing = await _engine.Catalog.GetTableAsync(_destination.Dataset, table.Name, cancellationToken).ConfigureAwait(false);
            versions[table.Name] = existing?.VersionId ?? 0;
        }

        PipelineFolder.WriteAtomically(file, JsonSerializer.Serialize(versions));
        return versions;
    }

    /// <summary>
    /// Before publishing any table of a chain: every table not yet serving this load must still be at the version read,
    /// so a concurrent change stops the load before it publishes part of the chain.
    /// </summary>
    private async Task CheckVersionsAsync(IReadOnlyList<TableSchema> tables, IReadOnlyDictionary<string, long> versions, string loadId, CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            var existing = await _engine.Catalog.GetTableAsync(_destination.Dataset, table.Name, cancellationToken).ConfigureAwait(false);
            if (existing is null || (existing.Parameters.TryGetValue(PublishedLoadParameter, out var published) && string.Equals(published, loadId, StringComparison.Ordinal)))
            {
                continue;
            }

            if (versions.TryGetValue(table.Name, out var read) && read != existing.VersionId)
            {
                throw Conflict(table.Name, new CatalogConflictException(_destination.Dataset, table.Name, existing.VersionId, read), loadId);
            }
        }
    }

    private LoadException Conflict(string table, CatalogConflictException e, string loadId) => new(
        $"Table '{_destination.Dataset}.{table}' was changed by another writer while load '{loadId}' was running (the catalog holds version {e.StoredVersionId}, " +
        $"the load read version {e.ExpectedVersionId}); the table was left as the other writer made it and this load's generation was not published to it. " +
        $"To load anyway once the other writer finished, delete '{_versionsFile}' (and, for a merge, the '.rewritten' marker beside it, so the merge is rebuilt " +
        "from the table's current state), then rerun.", false, e)
    {
        LoadId = loadId,
    };

    /// <summary>
    /// Switches a Hive table to a new generation in ONE catalog call: its LOCATION, the partitions in
    /// <paramref name="partitions"/> (added or repointed) and the dropped ones change together, so a reader sees the old
    /// or the new generation across all partitions. The call names the version read before the rewrite. A table that
    /// already serves this load (a resumed run after the call committed) is left alone.
    /// </summary>
    private async Task PublishAsync(
        string table, string? location, IReadOnlyList<HivePartition>? partitions, IReadOnlyCollection<HivePartition>? dropped, IReadOnlyDictionary<string, long> versions, string loadId,
        CancellationToken cancellationToken)
    {
        var existing = await _engine.Catalog.GetTableAsync(_destination.Dataset, table, cancellationToken).ConfigureAwait(false)
                       ?? throw new LoadException($"Table '{_destination.Dataset}.{table}' is missing from the catalog; it was dropped while this load ran. Rerun the load to recreate it.") { LoadId = loadId };
        if (existing.Parameters.TryGetValue(PublishedLoadParameter, out var published) && string.Equals(published, loadId, StringComparison.Ordinal))
        {
            return;
        }

        var expected = versions.TryGetValue(table, out var read) ? read : existing.VersionId;
        var put = new List<CatalogPartition>();
        var delete = new List<IReadOnlyList<string>>();
        if (partitions is not null)
        {
            var current = await RegisteredPartitionsAsync(_destination.Dataset, table, cancellationToken).ConfigureAwait(false);
            var target = partitions.ToDictionary(p => p.Id, StringComparer.Ordinal);
            put.AddRange(partitions.Select(p => new CatalogPartition(p.Values.Select(LoadSql.PartitionValue).ToList(), p.Location)));
            // Replace (dropped null): every registered partition the load does not have goes; merge: the affected ones left empty.
            var droppedIds = dropped?.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var removed = current.Where(p => !target.ContainsKey(p.Id) && (droppedIds is null || droppedIds.Contains(p.Id)));
            delete.AddRange(removed.Select(p => (IReadOnlyList<string>)p.Values.Select(LoadSql.PartitionValue).ToList()));
        }

        var parameters = existing.Parameters.ToDictionary(StringComparer.Ordinal);
        parameters[OwnedLocationParameter] = _destination.TablePrefix(table).ToString();
        parameters[PublishedLoadParameter] = loadId;
        var updated = existing with
        {
            StorageDescriptor = existing.StorageDescriptor with { Location = location ?? existing.StorageDescriptor.Location },
            Parameters = parameters,
        };
        try
        {
            await CatalogAsync(
                string.Create(CultureInfo.InvariantCulture, $"UpdateTableAndPartitions {_destination.Dataset}.{table} (expected version {expected}): location {location ?? "unchanged"}, {put.Count} partition(s) put, {delete.Count} deleted"),
                (w, ct) => w.UpdateTableAndPartitionsAsync(updated, expected, put, delete, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (CatalogConflictException e)
        {
            throw Conflict(table, e, loadId);
        }
    }
}

/// <summary>One catalog call a load made (not an engine statement: it scans nothing).</summary>
public sealed record CatalogCall(string Description, TimeSpan Elapsed);
