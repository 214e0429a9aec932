using System.Text.Json;
using System.Text.RegularExpressions;
using Sluice.Errors;
using Sluice.Normalize;
using Sluice.Schema;
using Sluice.Storage;

namespace Sluice.Load;

public sealed partial class LoadStage
{
    /// <summary>
    /// Runs the SQL that makes a table chain's new data the table's state. The statements are written to
    /// <c>followups/&lt;root&gt;.json</c> before the first runs; the marker <c>followups/&lt;root&gt;.done</c> is written after
    /// the last. Without the marker the whole sequence runs again, which every sequence tolerates.
    /// </summary>
    private async Task RunChainAsync(string package, TableSchema root, IReadOnlyList<TableSchema> tables, string loadId, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(package, "followups");
        Directory.CreateDirectory(folder);
        var done = Path.Combine(folder, root.Name + ".done");
        if (File.Exists(done))
        {
            return;
        }

        if (root.TableFormat == TableFormat.Hive && root.WriteDisposition == WriteDisposition.Merge)
        {
            await RunHiveMergeAsync(folder, root, tables, loadId, cancellationToken).ConfigureAwait(false);
            PipelineFolder.WriteAtomically(done, loadId);
            return;
        }

        if (root.TableFormat == TableFormat.Hive && root.WriteDisposition == WriteDisposition.Replace && _engine.CatalogWriter is not null)
        {
            // The new generation is fully written; one catalog call per table switches its LOCATION and all its partitions.
            await PublishHiveReplaceAsync(package, folder, root, tables, loadId, cancellationToken).ConfigureAwait(false);
            PipelineFolder.WriteAtomically(done, loadId);
            return;
        }

        var journal = Path.Combine(folder, root.Name + ".json");
        IReadOnlyList<string> statements;
        if (File.Exists(journal))
        {
            statements = JsonSerializer.Deserialize<List<string>>(await File.ReadAllTextAsync(journal, cancellationToken).ConfigureAwait(false)) ?? [];
        }
        else
        {
            statements = await PlanChainAsync(package, root, tables, loadId, cancellationToken).ConfigureAwait(false);
            PipelineFolder.WriteAtomically(journal, JsonSerializer.Serialize(statements));
        }

        foreach (var sql in statements)
        {
            await ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
        }

        PipelineFolder.WriteAtomically(done, loadId);
    }

    private async Task<IReadOnlyList<string>> PlanChainAsync(string package, TableSchema root, IReadOnlyList<TableSchema> tables, string loadId, CancellationToken cancellationToken)
    {
        var createdAt = Extract.PackageManifest.FromJson(await File.ReadAllTextAsync(Path.Combine(package, "package.json"), cancellationToken).ConfigureAwait(false)).CreatedAt;
        var children = tables.Where(t => !ReferenceEquals(t, root)).ToList();
        if (root.TableFormat == TableFormat.Hive)
        {
            switch (root.WriteDisposition)
            {
                case WriteDisposition.Append:
                {
                    // New partitions become visible in one statement per 100, after all their files are written.
                    var keys = HivePartitionKey.Resolve(root);
                    if (keys.Count == 0)
                    {
                        return [];
                    }

                    var registered = (await RegisteredPartitionsAsync(_destination.Dataset, root.Name, cancellationToken).ConfigureAwait(false)).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
                    return LoadSql.AddPartitions(_destination.Dataset, root.Name, keys, TouchedPartitions(package, root.Name).Where(p => !registered.Contains(p.Id)));
                }

                case WriteDisposition.Replace:
                    var switches = new List<string>();
                    var rootKeys = HivePartitionKey.Resolve(root);
                    if (rootKeys.Count > 0)
                    {
                        // The new load's partitions replace the registered ones: add, re-point, then drop what the load no longer has.
                        var touched = TouchedPartitions(package, root.Name);
                        var current = await RegisteredPartitionsAsync(_destination.Dataset, root.Name, cancellationToken).ConfigureAwait(false);
                        var kept = touched.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
                        switches.AddRange(LoadSql.SwitchPartitions(_destination.Dataset, root.Name, rootKeys, touched, current, current.Where(p => !kept.Contains(p.Id))));
                    }

                    foreach (var table in tables)
                    {
                        var generation = _destination.Generation(table.Name, loadId).ToString();
                        var existing = await _engine.Catalog.GetTableAsync(_destination.Dataset, table.Name, cancellationToken).ConfigureAwait(false);
                        if (existing?.StorageDescriptor.Location is { } location && S3Uri.Parse(location).AsFolder().ToString() != generation)
                        {
                            switches.Add(LoadSql.SetLocation(_destination.Dataset, table.Name, generation));
                        }
                    }

                    return switches;
                default:
                    throw new InvalidOperationException($"Merges of Hive table '{root.Name}' run through the copy-on-write path, not a statement plan.");
            }
        }

        var withJobs = Directory.EnumerateFiles(Path.Combine(package, "completed_jobs"))
            .Select(f => JobFileName.Parse(Path.GetFileName(f)).Table)
            .ToHashSet(StringComparer.Ordinal);
        return root.WriteDisposition switch
        {
            WriteDisposition.Append => tables.Where(t => withJobs.Contains(t.Name)).Select(t => LoadSql.IcebergAppend(_destination, t)).ToList(),
            WriteDisposition.Replace => tables.Select(t => LoadSql.IcebergReplace(_destination, t)).ToList(),
            _ => root.MergeStrategy switch
            {
                MergeStrategy.DeleteInsert => LoadSql.IcebergDeleteInsert(_destination, root, children),
                MergeStrategy.Upsert => LoadSql.IcebergUpsert(_destination, root, children, insertOnly: false),
                MergeStrategy.InsertOnly => LoadSql.IcebergUpsert(_destination, root, children, insertOnly: true),
                MergeStrategy.Scd2 => LoadSql.IcebergScd2(_destination, root, children, createdAt),
                _ => throw new LoadException(
                    $"Table '{root.Name}' asks for merge strategy '{root.MergeStrategy}', which this version of Sluice does not implement yet. Use delete-insert, upsert or insert-only.")
                {
                    LoadId = loadId,
                },
            },
        };
    }

    /// <summary>
    /// Merge on Hive by copy-on-write. Phase 1 writes each table's merged state with CTAS into a fresh generation
    /// <c>g&lt;load id&gt;/</c> (never the current LOCATION), reading only the current tables and staging; rerun until the
    /// marker <c>&lt;root&gt;.rewritten</c> exists, clearing the generation folder first. Phase 2 switches each table's
    /// LOCATION (one catalog update each, idempotent). Old generations are deleted after the package commits.
    /// </summary>
    private async Task RunHiveMergeAsync(string folder, TableSchema root, IReadOnlyList<TableSchema> tables, string loadId, CancellationToken cancellationToken)
    {
        var rewritten = Path.Combine(folder, root.Name + ".rewritten");
        var rootKeys = HivePartitionKey.Resolve(root);
        var versions = _engine.CatalogWriter is null ? null : await ReadVersionsAsync(folder, root, tables, cancellationToken).ConfigureAwait(false);
        if (!File.Exists(rewritten))
        {
            foreach (var table in tables)
            {
                var generation = _destination.Generation(table.Name, loadId);
                var existing = await _engine.Catalog.GetTableAsync(_destination.Dataset, table.Name, cancellationToken).ConfigureAwait(false);
                if (existing?.StorageDescriptor.Location is { } location && S3Uri.Parse(location).AsFolder() == generation)
                {
                    throw new LoadException(
                        $"Table '{_destination.Dataset}.{table.Name}' already reads from '{generation}', which this merge was about to rewrite; the package state is inconsistent. " +
                        $"Check the table, then delete '{Path.Combine(folder, root.Name + ".rewritten")}' only if the table is correct.")
                    { LoadId = loadId };
                }

                await DropHelperAsync(table.Name, cancellationToken).ConfigureAwait(false);
                foreach (var stale in await _store.ListAsync(generation, cancellationToken).ConfigureAwait(false))
                {
                    await _store.DeleteAsync(stale, cancellationToken).ConfigureAwait(false);
                }

                if (ReferenceEquals(table, root) && rootKeys.Count > 0)
                {
                    // Only the affected partitions are rewritten: record them, write them, record what was written.
                    var affected = await ExecuteAsync(LoadSql.HiveAffectedPartitions(_destination, root, rootKeys, asText: true), cancellationToken).ConfigureAwait(false);
                    var affectedPartitions = affected.Rows.Select(r => new HivePartition(r.Select(v => v as string).ToList(), string.Empty)).ToList();
                    await ExecuteAsync(LoadSql.HivePartitionedMergeRewrite(_destination, root, rootKeys, generation.ToString()), cancellationToken).ConfigureAwait(false);
                    var written = await RegisteredPartitionsAsync(_destination.StagingDataset, LoadSql.RewriteHelper(root.Name), cancellationToken).ConfigureAwait(false);
                    PipelineFolder.WriteAtomically(Path.Combine(folder, root.Name + ".affected.json"), JsonSerializer.Serialize(affectedPartitions));
                    PipelineFolder.WriteAtomically(Path.Combine(folder, root.Name + ".written.json"), JsonSerializer.Serialize(written));
                }
                else
                {
                    await ExecuteAsync(LoadSql.HiveMergeRewrite(_destination, root, table, generation.ToString()), cancellationToken).ConfigureAwait(false);
                }

                await DropHelperAsync(table.Name, cancellationToken).ConfigureAwait(false);
            }

            PipelineFolder.WriteAtomically(rewritten, loadId);
        }

        if (versions is not null)
        {
            // One catalog call per table publishes the rewritten generation (the root's LOCATION stays when partitioned).
            await CheckVersionsAsync(tables, versions, loadId, cancellationToken).ConfigureAwait(false);
            foreach (var table in tables)
            {
                if (ReferenceEquals(table, root) && rootKeys.Count > 0)
                {
                    var written = JsonSerializer.Deserialize<List<HivePartition>>(await File.ReadAllTextAsync(Path.Combine(folder, root.Name + ".written.json"), cancellationToken).ConfigureAwait(false)) ?? [];
                    var affected = JsonSerializer.Deserialize<List<HivePartition>>(await File.ReadAllTextAsync(Path.Combine(folder, root.Name + ".affected.json"), cancellationToken).ConfigureAwait(false)) ?? [];
                    await PublishAsync(root.Name, null, written, affected, versions, loadId, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await PublishAsync(table.Name, _destination.Generation(table.Name, loadId).ToString(), null, null, versions, loadId, cancellationToken).ConfigureAwait(false);
                }
            }

            return;
        }

        foreach (var table in tables)
        {
            var generation = _destination.Generation(table.Name, loadId);
            if (ReferenceEquals(table, root) && rootKeys.Count > 0)
            {
                // The rewritten partitions switch one catalog update each; affected partitions left empty are dropped.
                var written = JsonSerializer.Deserialize<List<HivePartition>>(await File.ReadAllTextAsync(Path.Combine(folder, root.Name + ".written.json"), cancellationToken).ConfigureAwait(false)) ?? [];
                var affected = JsonSerializer.Deserialize<List<HivePartition>>(await File.ReadAllTextAsync(Path.Combine(folder, root.Name + ".affected.json"), cancellationToken).ConfigureAwait(false)) ?? [];
                var current = await RegisteredPartitionsAsync(_destination.Dataset, root.Name, cancellationToken).ConfigureAwait(false);
                var writtenIds = written.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
                foreach (var sql in LoadSql.SwitchPartitions(_destination.Dataset, root.Name, rootKeys, written, current, affected.Where(p => !writtenIds.Contains(p.Id))))
                {
                    await ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            var existing = await _engine.Catalog.GetTableAsync(_destination.Dataset, table.Name, cancellationToken).ConfigureAwait(false);
            if (existing?.StorageDescriptor.Location is not { } location || S3Uri.Parse(location).AsFolder() != generation)
            {
                await ExecuteAsync(LoadSql.SetLocation(_destination.Dataset, table.Name, generation.ToString()), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    [GeneratedRegex(@"^g\d+\.\d{6}/", RegexOptions.CultureInvariant)]
    private static partial Regex GenerationFolder();

    /// <summary>
    /// After the commit marker: deletes this package's staging files and, for Hive tables, every generation folder
    /// that is not the table's current LOCATION. Only keys under the table's own prefix that match <c>g&lt;load id&gt;/</c>
    /// are touched.
    /// </summary>
    private async Task CleanUpAsync(IReadOnlyList<(TableSchema Root, List<TableSchema> Tables)> chains, string loadId, CancellationToken cancellationToken)
    {
        foreach (var table in chains.SelectMany(c => c.Tables))
        {
            if (LoadSql.NeedsStaging(table))
            {
                foreach (var staged in await _store.ListAsync(_destination.StagingPrefix(table.Name).Combine(loadId + "/"), cancellationToken).ConfigureAwait(false))
                {
                    await _store.DeleteAsync(staged, cancellationToken).ConfigureAwait(false);
                }
            }

            if (table.TableFormat == TableFormat.Iceberg)
            {
                continue;
            }

            var existing = await _engine.Catalog.GetTableAsync(_destination.Dataset, table.Name, cancellationToken).ConfigureAwait(false);
            if (existing?.StorageDescriptor.Location is not { } location)
            {
                continue;
            }

            var prefix = _destination.TablePrefix(table.Name);
            var current = S3Uri.Parse(location).AsFolder();
            if (!current.Key.StartsWith(prefix.Key, StringComparison.Ordinal))
            {
                continue;
            }

            // What readers use: the LOCATION of an unpartitioned table, the registered partition folders of a partitioned one.
            List<string> kept = existing.PartitionKeys.Count == 0
                ? [current.Key]
                : (await RegisteredPartitionsAsync(_destination.Dataset, table.Name, cancellationToken).ConfigureAwait(false)).Select(p => S3Uri.Parse(p.Location).AsFolder().Key).ToList();
            foreach (var item in await _store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
            {
                var relative = item.Key[prefix.Key.Length..];
                if (GenerationFolder().IsMatch(relative) && !kept.Any(k => item.Key.StartsWith(k, StringComparison.Ordinal)))
                {
                    await _store.DeleteAsync(item, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
