using Sluice.Errors;
using Sluice.Normalize;
using Sluice.Schema;
using Sluice.Storage;

namespace Sluice.Load;

public sealed partial class LoadStage
{
    /// <summary>
    /// Runs every job in <c>new_jobs</c>: <c>new_jobs → started_jobs → completed_jobs</c>, each move a rename. A job
    /// uploads its file to a key fixed by the load id and file id, so running it twice leaves one object.
    /// </summary>
    private async Task<int> RunJobsAsync(string package, PipelineSchema schema, string loadId, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        var locations = new Dictionary<string, S3Uri>(StringComparer.Ordinal);
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(package, "new_jobs")).Order(StringComparer.Ordinal).ToList())
        {
            var job = JobFileName.Parse(Path.GetFileName(file));
            var table = schema.Table(job.Table) ?? throw new LoadException($"Job '{job}' is for table '{job.Table}', which is not in the package's schema; the package is damaged. Delete '{package}' and run the pipeline again.") { LoadId = loadId };
            var started = Path.Combine(package, "started_jobs", job.ToString());
            File.Move(file, started);
            try
            {
                var keys = HivePartitionKey.Resolve(table);
                if (keys.Count > 0)
                {
                    await RunPartitionedJobAsync(package, table, keys, job, started, loadId, schema.Name, createdAt, locations, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var target = await JobTargetAsync(table, job, loadId, schema.Name, createdAt, locations, cancellationToken).ConfigureAwait(false);
                    await _store.PutFileAsync(started, target, cancellationToken).ConfigureAwait(false);
                    CountFile(table.Name, started);
                }
            }
            catch (IOException error)
            {
                // Transient: back to new_jobs with the retry count raised; the next run tries again.
                File.Move(started, Path.Combine(package, "new_jobs", (job with { Retry = job.Retry + 1 }).ToString()));
                throw new LoadException($"Uploading job '{job}' of package '{loadId}' failed: {error.Message} Run the pipeline again to retry.", isTransient: true, error) { LoadId = loadId };
            }

            File.Move(started, Path.Combine(package, "completed_jobs", job.ToString()));
            count++;
        }

        return count;
    }

    private async Task<S3Uri> JobTargetAsync(
        TableSchema table, JobFileName job, string loadId, string schemaName, DateTimeOffset createdAt, Dictionary<string, S3Uri> locations, CancellationToken cancellationToken)
    {
        // The layout's time placeholders use the package time, so a rerun of the job writes the same key.
        var key = _destination.Layout.Render(schemaName, table.Name, loadId, job.FileId, JobFileName.Extension, createdAt, createdAt);
        if (LoadSql.NeedsStaging(table))
        {
            return _destination.StagingPrefix(table.Name).Combine(loadId + "/" + key);
        }

        return (await TableFolderAsync(table, loadId, locations, cancellationToken).ConfigureAwait(false)).Combine(key);
    }

    /// <summary>Where a Hive table's files of this load go: the new generation for replace, else the current LOCATION.</summary>
    private async Task<S3Uri> TableFolderAsync(TableSchema table, string loadId, Dictionary<string, S3Uri> locations, CancellationToken cancellationToken)
    {
        if (!locations.TryGetValue(table.Name, out var location))
        {
            if (table.WriteDisposition == WriteDisposition.Replace)
            {
                location = _destination.Generation(table.Name, loadId);
            }
            else
            {
                var existing = await _engine.Catalog.GetTableAsync(_destination.Dataset, table.Name, cancellationToken).ConfigureAwait(false);
                location = S3Uri.Parse(existing?.StorageDescriptor.Location ?? _destination.Generation(table.Name, loadId).ToString()).AsFolder();
            }

            locations[table.Name] = location;
        }

        return location;
    }

    /// <summary>The folder of a package that records, per job, the Hive partitions its files went to.</summary>
    private const string PartitionsFolder = "partitions";

    /// <summary>
    /// A job of a partitioned Hive table. Merge: the file gets its derived partition columns and goes to staging.
    /// Append and replace: the file is split by partition values and each part goes to its partition's folder (the
    /// registered one, else <c>&lt;table location&gt;/k=v/</c>; replace: the new generation); the partitions are
    /// recorded in <c>partitions/&lt;job id&gt;.json</c> for the chain's registration. Keys are fixed, so a rerun overwrites.
    /// </summary>
    private async Task RunPartitionedJobAsync(
        string package, TableSchema table, IReadOnlyList<HivePartitionKey> keys, JobFileName job, string file, string loadId, string schemaName, DateTimeOffset createdAt,
        Dictionary<string, S3Uri> locations, CancellationToken cancellationToken)
    {
        var writer = _partitions ?? throw new LoadException(
            $"Table '{table.Name}' is a partitioned Hive table, but the pipeline's Parquet writer cannot split files by partition. Use Sluice.Parquet.DuckDbParquetWriter (it implements IPartitionWriter).")
        { LoadId = loadId };
        var scratch = Path.Combine(package, "partitioned", job.JobId);
        try
        {
            if (LoadSql.NeedsStaging(table))
            {
                var enriched = Path.Combine(scratch, job.ToString());
                await writer.AddKeysAsync(file, keys, enriched, TimestampPrecision.Milliseconds, cancellationToken).ConfigureAwait(false);
                var key = _destination.Layout.Render(schemaName, table.Name, loadId, job.FileId, JobFileName.Extension, createdAt, createdAt);
                await _store.PutFileAsync(enriched, _destination.StagingPrefix(table.Name).Combine(loadId + "/" + key), cancellationToken).ConfigureAwait(false);
                CountFile(table.Name, enriched);
                return;
            }

            var parts = await writer.SplitAsync(file, keys, scratch, TimestampPrecision.Milliseconds, cancellationToken).ConfigureAwait(false);
            var registered = (await _engine.Catalog.GetPartitionsAsync(_destination.Dataset, table.Name, cancellationToken).ConfigureAwait(false))
                .Select(p => new HivePartition(p.Values, p.Location))
                .ToDictionary(p => p.Id, StringComparer.Ordinal);
            var tableFolder = await TableFolderAsync(table, loadId, locations, cancellationToken).ConfigureAwait(false);
            var touched = new Dictionary<string, HivePartition>(StringComparer.Ordinal);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var part in parts)
            {
                var partition = new HivePartition(part.Values, string.Empty);
                var location = table.WriteDisposition != WriteDisposition.Replace && registered.TryGetValue(partition.Id, out var existing)
                    ? S3Uri.Parse(existing.Location).AsFolder()
                    : tableFolder.Combine(LoadSql.PartitionFolder(keys, part.Values));
                var n = counts.GetValueOrDefault(partition.Id);
                counts[partition.Id] = n + 1;
                var key = _destination.Layout.Render(
                    schemaName, table.Name, loadId, n == 0 ? job.FileId : job.FileId + "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture), JobFileName.Extension, createdAt, createdAt);
                await _store.PutFileAsync(part.Path, location.Combine(key), cancellationToken).ConfigureAwait(false);
                CountFile(table.Name, part.Path);
                touched[partition.Id] = partition with { Location = location.ToString() };
            }

            Directory.CreateDirectory(Path.Combine(package, PartitionsFolder));
            PipelineFolder.WriteAtomically(Path.Combine(package, PartitionsFolder, job.JobId + ".json"), System.Text.Json.JsonSerializer.Serialize(touched.Values.ToList()));
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    /// <summary>The partitions this package's jobs wrote for <paramref name="table"/>.</summary>
    private static List<HivePartition> TouchedPartitions(string package, string table)
    {
        var folder = Path.Combine(package, PartitionsFolder);
        var touched = new Dictionary<string, HivePartition>(StringComparer.Ordinal);
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, table + ".*.json").Order(StringComparer.Ordinal))
            {
                foreach (var partition in System.Text.Json.JsonSerializer.Deserialize<List<HivePartition>>(File.ReadAllText(file)) ?? [])
                {
                    touched.TryAdd(partition.Id, partition);
                }
            }
        }

        return touched.Values.ToList();
    }

    private async Task<List<HivePartition>> RegisteredPartitionsAsync(string database, string table, CancellationToken cancellationToken) =>
        (await _engine.Catalog.GetPartitionsAsync(database, table, cancellationToken).ConfigureAwait(false)).Select(p => new HivePartition(p.Values, p.Location)).ToList();

    /// <summary>Deletes staging objects of earlier packages, so each staging table holds exactly this package's rows.</summary>
    private async Task CleanStagingAsync(IEnumerable<TableSchema> icebergTables, string loadId, CancellationToken cancellationToken)
    {
        foreach (var table in icebergTables)
        {
            var prefix = _destination.StagingPrefix(table.Name);
            var current = prefix.Combine(loadId + "/").Key;
            foreach (var stale in await _store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
            {
                if (!stale.Key.StartsWith(current, StringComparison.Ordinal))
                {
                    await _store.DeleteAsync(stale, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }
}
