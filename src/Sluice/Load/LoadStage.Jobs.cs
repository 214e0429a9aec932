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
                var target = await JobTargetAsync(table, job, loadId, schema.Name, createdAt, locations, cancellationToken).ConfigureAwait(false);
                await _store.PutFileAsync(started, target, cancellationToken).ConfigureAwait(false);
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

        return location.Combine(key);
    }

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
