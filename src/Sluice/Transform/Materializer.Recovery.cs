namespace Sluice.Transform;

/// <summary>
/// Clean-up of what an interrupted build left behind, before the node builds again: an Iceberg table caught between its
/// two renames is restored from its <c>__sluice_old_</c> copy, and leftover staging tables are dropped (a Hive drop
/// removes the catalog entry only; Iceberg staging data is Sluice's own); a leftover seed upload table's objects, at a
/// location recorded as Sluice's, are deleted too.
/// </summary>
internal sealed partial class Materializer
{
    public async Task RecoverAsync()
    {
        var prefix = _node.Alias + "__sluice_";
        var leftovers = (await _exec.Catalog.GetTablesAsync(_node.Schema).ConfigureAwait(false))
            .Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
        if (leftovers.Count == 0)
        {
            return;
        }

        var current = await _exec.GetTableAsync(_node.Schema, _node.Alias).ConfigureAwait(false);
        var backup = leftovers.Where(t => t.Name.StartsWith(prefix + "old_", StringComparison.Ordinal)).OrderByDescending(t => t.CreateTime).FirstOrDefault();
        if (current is null && backup is not null)
        {
            await _exec.ExecuteAsync($"ALTER TABLE {Relation.WithIdentifier(backup.Name).DdlName} RENAME TO {Relation.DdlName}", countRows: false).ConfigureAwait(false);
            _exec.Logs.Add($"restored {Relation.DmlName} from {backup.Name}, left by an interrupted rebuild");
            leftovers.Remove(backup);
        }

        foreach (var table in leftovers)
        {
            if (_exec.CatalogWriter is not null && !table.IsView)
            {
                await _exec.CatalogAsync($"DeleteTable {Relation.WithIdentifier(table.Name).DmlName} (leftover)",
                    (writer, ct) => writer.DeleteTableAsync(table.DatabaseName, table.Name, ct)).ConfigureAwait(false);
                _exec.Logs.Add($"dropped {table.Name}, left by an interrupted build");
                if (table.StorageDescriptor.Location is { } location && table.Parameters.TryGetValue(OwnedLocationParameter, out var owned) &&
                    Folder(location).StartsWith(Folder(owned), StringComparison.Ordinal))
                {
                    // A seed upload Sluice made for that build: its objects go too.
                    await DeleteOwnedAsync(Folder(location)).ConfigureAwait(false);
                }

                continue;
            }

            await _exec.ExecuteAsync((table.IsView ? "DROP VIEW " : "DROP TABLE ") + Relation.WithIdentifier(table.Name).DdlName, countRows: false).ConfigureAwait(false);
            _exec.Logs.Add($"dropped {table.Name}, left by an interrupted build");
        }
    }
}
