using System.Globalization;
using Sluice.Catalog;
using Sluice.Storage;

namespace Sluice.Transform;

/// <summary>
/// Publishing through catalog calls, and reclaiming superseded data. A rebuilt table replaces the old one in one
/// atomic catalog call (<see cref="ICatalogWriter.ReplaceTableAsync"/>); afterwards the data of older versions is deleted
/// only when Sluice created its location (table parameter <see cref="OwnedLocationParameter"/>, set when Sluice chose the
/// location) and the version is older than the <c>versions_to_keep</c> most recent previous ones (default 0, or 4 with
/// <c>ha: true</c>). A user's <c>external_location</c> is never owned, so it is never deleted.
/// </summary>
internal sealed partial class Materializer
{
    /// <summary>The table (or partition) parameter that records the location Sluice created for it.</summary>
    public const string OwnedLocationParameter = "sluice.owned_location";

    /// <summary>How many previous versions' data to keep after a swap: <c>versions_to_keep</c>, else 4 with <c>ha: true</c>, else 0.</summary>
    private int VersionsToKeep => _node.Config.GetValueOrDefault("versions_to_keep") switch
    {
        long n when n >= 0 => (int)Math.Min(n, int.MaxValue),
        string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
        _ => _node.Config.GetValueOrDefault("ha") is true ? 4 : 0,
    };

    /// <summary>Parameters the published table carries: the owned location, and the persisted docs (comment, meta).</summary>
    private Dictionary<string, string> PublishedParameters(NewTableLocation location)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (location.Owned)
        {
            parameters[OwnedLocationParameter] = Folder(location.Uri);
        }

        if (DocsToPersist() is { } docs)
        {
            foreach (var (key, value) in docs.Parameters)
            {
                parameters[key] = value;
            }
        }

        return parameters;
    }

    /// <summary>
    /// After a first build by CTAS: one UpdateTable records that Sluice owns the location, together with the persisted
    /// docs (description, parameters, column comments), so <see cref="PersistDocsAsync"/> finds nothing left to do.
    /// </summary>
    private async Task RecordOwnershipAsync(NewTableLocation location)
    {
        var parameters = PublishedParameters(location);
        var docs = DocsToPersist();
        if (parameters.Count == 0 && docs is null)
        {
            return;
        }

        var table = await _exec.GetTableAsync(_node.Schema, _node.Alias).ConfigureAwait(false);
        if (table is null)
        {
            return;
        }

        var merged = table.Parameters.ToDictionary(StringComparer.Ordinal);
        var changes = new List<string>();
        foreach (var (key, value) in parameters)
        {
            if (!merged.TryGetValue(key, out var current) || current != value)
            {
                merged[key] = value;
                changes.Add(key);
            }
        }

        var updated = table with { Parameters = merged };
        if (docs is not null)
        {
            WarnAboutUndocumentedColumns(table, docs);
            var (documented, docChanges) = ApplyDocs(updated, docs);
            updated = documented;
            changes.AddRange(docChanges.Where(c => !changes.Contains(c, StringComparer.Ordinal)));
        }

        if (changes.Count == 0)
        {
            return;
        }

        await _exec.CatalogAsync($"UpdateTable {Relation.DmlName} (version {table.VersionId}): {string.Join(", ", changes)}",
            (writer, ct) => writer.UpdateTableAsync(updated, table.VersionId, ct)).ConfigureAwait(false);
    }

    /// <summary>Swaps the staging table in (one catalog transaction), then reclaims superseded data Sluice owns.</summary>
    private async Task ReplaceAsync(DbtRelation staging, CatalogTable? existing, NewTableLocation location)
    {
        var replacement = new TableReplacement(_node.Schema, _node.Alias, staging.Identifier)
        {
            ExpectedVersionId = existing?.VersionId ?? 0,
            Parameters = PublishedParameters(location),
            Description = DocsToPersist()?.Description ?? existing?.Description,
            ColumnComments = DocsToPersist()?.ColumnComments ?? new Dictionary<string, string>(),
        };

        // Partitions that insert_overwrite pointed at Sluice-owned staging folders outside the table location.
        var movedPartitions = existing is { IsHive: true, PartitionKeys.Count: > 0 }
            ? (await _exec.GetPartitionsAsync(existing.DatabaseName, existing.Name).ConfigureAwait(false))
                .Where(p => p.Parameters.TryGetValue(OwnedLocationParameter, out var root) && Folder(p.Location).StartsWith(Folder(root), StringComparison.Ordinal))
                .ToList()
            : [];
        var published = await _exec.CatalogAsync(
            $"ReplaceTable {Relation.DmlName} by {staging.Identifier} (expected version {replacement.ExpectedVersionId})",
            (writer, ct) => writer.ReplaceTableAsync(replacement, ct)).ConfigureAwait(false);
        if (existing is null || existing.IsView)
        {
            return;
        }

        var versions = await _exec.Catalog.GetTableVersionsAsync(_node.Schema, _node.Alias, _exec.CancellationToken).ConfigureAwait(false);
        await ReclaimAsync(versions.Where(v => v.VersionId != published.VersionId).ToList(), published).ConfigureAwait(false);
        foreach (var partition in movedPartitions)
        {
            var folder = Folder(partition.Location);
            if (VersionsToKeep > 0 || published.StorageDescriptor.Location is { } live && (Folder(live).StartsWith(folder, StringComparison.Ordinal) || folder.StartsWith(Folder(live), StringComparison.Ordinal)))
            {
                _exec.Logs.Add($"previous data of partition {string.Join("/", partition.Values)} of {Relation.DmlName} kept at {folder}");
                continue;
            }

            await DeleteOwnedAsync(folder).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes the data of previous versions (<paramref name="history"/>, newest first) beyond <see cref="VersionsToKeep"/>,
    /// when Sluice owns their location and nothing current reads from it.
    /// </summary>
    private async Task ReclaimAsync(IReadOnlyList<CatalogTable> history, CatalogTable? current)
    {
        var inUse = new List<string>();
        if (current?.StorageDescriptor.Location is { } live)
        {
            inUse.Add(Folder(live));
            if (current.PartitionKeys.Count > 0)
            {
                inUse.AddRange((await _exec.GetPartitionsAsync(current.DatabaseName, current.Name).ConfigureAwait(false)).Select(p => Folder(p.Location)));
            }
        }

        var previous = new List<(string Location, bool Owned)>();
        foreach (var version in history)
        {
            if (version.IsView || version.StorageDescriptor.Location is not { } location)
            {
                continue;
            }

            var folder = Folder(location);
            if (inUse.Contains(folder, StringComparer.Ordinal) || previous.Any(p => p.Location == folder))
            {
                continue;
            }

            var owned = version.Parameters.TryGetValue(OwnedLocationParameter, out var ownedRoot) && folder.StartsWith(Folder(ownedRoot), StringComparison.Ordinal);
            previous.Add((folder, owned));
        }

        var keep = VersionsToKeep;
        foreach (var (location, owned) in previous.Take(keep))
        {
            _exec.Logs.Add($"previous data of {Relation.DmlName} kept at {location} (versions_to_keep: {keep.ToString(CultureInfo.InvariantCulture)})");
        }

        // Older superseded locations were emptied by earlier swaps: the scan stops after a run of already-empty ones, so a
        // table with a long history costs a bounded number of listings per build.
        var emptyInARow = 0;
        foreach (var (location, owned) in previous.Skip(keep))
        {
            if (!owned)
            {
                // Reported once, when the location is first superseded.
                if (previous.IndexOf((location, owned)) == keep)
                {
                    _exec.Logs.Add($"previous data of {Relation.DmlName} kept at {location}: Sluice did not create that location");
                }

                continue;
            }

            if (inUse.Any(u => u.StartsWith(location, StringComparison.Ordinal) || location.StartsWith(u, StringComparison.Ordinal)))
            {
                continue;
            }

            emptyInARow = await DeleteOwnedAsync(location).ConfigureAwait(false) == 0 ? emptyInARow + 1 : 0;
            if (emptyInARow >= EmptyLocationsBeforeStop)
            {
                break;
            }
        }
    }

    /// <summary>How many already-empty superseded locations in a row end the reclaim scan.</summary>
    private const int EmptyLocationsBeforeStop = 10;

    /// <summary>Deletes every object under an owned location; returns how many there were.</summary>
    private async Task<int> DeleteOwnedAsync(string location)
    {
        if (_exec.Objects is not { } objects)
        {
            _exec.Logs.Add($"previous data of {Relation.DmlName} kept at {location}: the engine gives no object access");
            return 0;
        }

        var deleted = await objects.DeletePrefixAsync(S3Uri.Parse(location), _exec.CancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            _exec.Logs.Add($"deleted {deleted.ToString(CultureInfo.InvariantCulture)} object(s) of a previous build of {Relation.DmlName} at {location}");
        }

        return deleted;
    }

    /// <summary>
    /// insert_overwrite through the catalog: the written partitions are repointed at the staging table's folders in one
    /// call, the staging entry goes in another; replaced partition folders Sluice owns are deleted when
    /// <see cref="VersionsToKeep"/> is 0.
    /// </summary>
    private async Task InsertOverwriteByCatalogAsync(DbtRelation staging, CatalogTable existing, NewTableLocation location)
    {
        var fresh = await _exec.GetPartitionsAsync(staging.Schema, staging.Identifier).ConfigureAwait(false);
        var old = (await _exec.GetPartitionsAsync(existing.DatabaseName, existing.Name).ConfigureAwait(false))
            .ToDictionary(p => string.Join('\u0001', p.Values), StringComparer.Ordinal);
        var owned = location.Owned ? Folder(location.Uri) : null;
        var partitions = fresh.Select(p => owned is null ? p : p with
        {
            Parameters = new Dictionary<string, string>(p.Parameters, StringComparer.Ordinal) { [OwnedLocationParameter] = owned },
        }).ToList();
        if (partitions.Count > 0)
        {
            await _exec.CatalogAsync($"PutPartitions {Relation.DmlName}: {partitions.Count.ToString(CultureInfo.InvariantCulture)} partition(s)",
                (writer, ct) => writer.PutPartitionsAsync(existing.DatabaseName, existing.Name, partitions, ct)).ConfigureAwait(false);
        }

        await _exec.CatalogAsync($"DeleteTable {staging.DmlName} (catalog entry only)",
            (writer, ct) => writer.DeleteTableAsync(staging.Schema, staging.Identifier, ct)).ConfigureAwait(false);

        var tableRoots = (await _exec.Catalog.GetTableVersionsAsync(existing.DatabaseName, existing.Name, _exec.CancellationToken).ConfigureAwait(false))
            .Where(v => v.Parameters.ContainsKey(OwnedLocationParameter) && v.StorageDescriptor.Location is not null)
            .Select(v => Folder(v.Parameters[OwnedLocationParameter]))
            .ToList();
        var current = partitions.Select(p => Folder(p.Location)).ToList();
        foreach (var replaced in fresh.Select(p => old.GetValueOrDefault(string.Join('\u0001', p.Values))).OfType<CatalogPartition>())
        {
            var folder = Folder(replaced.Location);
            var isOwned = (replaced.Parameters.TryGetValue(OwnedLocationParameter, out var root) && folder.StartsWith(Folder(root), StringComparison.Ordinal))
                || tableRoots.Any(r => folder.StartsWith(r, StringComparison.Ordinal) && folder.Length > r.Length);
            if (!isOwned || VersionsToKeep > 0 || current.Any(c => c.StartsWith(folder, StringComparison.Ordinal) || folder.StartsWith(c, StringComparison.Ordinal)))
            {
                _exec.Logs.Add($"previous data of partition {string.Join("/", replaced.Values)} of {Relation.DmlName} kept at {folder}");
                continue;
            }

            await DeleteOwnedAsync(folder).ConfigureAwait(false);
        }
    }

    private static string Folder(string location) => location.EndsWith('/') ? location : location + "/";
}
