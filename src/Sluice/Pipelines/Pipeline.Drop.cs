using System.Text.Json;
using Sluice.Engines;
using Sluice.Errors;
using Sluice.Load;
using Sluice.Naming;
using Sluice.Schema;
using Sluice.Sql;

namespace Sluice.Pipelines;

public sealed partial class Pipeline
{
    /// <summary>The file that remembers where the pipeline last loaded (dataset and bucket), for <c>sluice pipeline drop</c>.</summary>
    public const string DestinationFile = "destination.json";

    private void RememberDestination() =>
        PipelineFolder.WriteAtomically(
            Path.Combine(Folder.Root, DestinationFile),
            JsonSerializer.Serialize(new Dictionary<string, string> { ["dataset"] = Destination.Dataset, ["bucket"] = Destination.Bucket.ToString() }));

    /// <summary>The dataset and bucket the pipeline in <paramref name="workingFolder"/> last loaded into, or null.</summary>
    public static (string Dataset, string Bucket)? RememberedDestination(string workingFolder)
    {
        var path = Path.Combine(workingFolder, DestinationFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path));
        return values is not null && values.TryGetValue("dataset", out var dataset) && values.TryGetValue("bucket", out var bucket) ? (dataset, bucket) : null;
    }

    /// <summary>
    /// What <see cref="DropAsync"/> would drop, from the local schema (or, when the working folder has none, the newest
    /// schema stored in the dataset). Fails naming the known resources when one of <paramref name="resources"/> is unknown.
    /// </summary>
    public async Task<DropPlan> PlanDropAsync(IReadOnlyList<string>? resources = null, CancellationToken cancellationToken = default)
    {
        var schema = await DropSchemaAsync(cancellationToken).ConfigureAwait(false);
        return new DropPlan(Destination.Dataset, SelectTables(schema, resources).Select(t => t.Name).ToList(), resources is not { Count: > 0 });
    }

    /// <summary>
    /// Drops the pipeline's tables from the dataset and deletes their data, then resets the local working folder.
    /// Without <paramref name="resources"/>: every table of the schema, the pipeline's <c>_sluice_*</c> bookkeeping (the
    /// system tables themselves when no other pipeline uses them, else only this pipeline's rows) and every package,
    /// schema and state file in the working folder. With <paramref name="resources"/> (root table or resource names):
    /// only those tables and their child tables, their state is reset, and the local schema forgets them, so the next run
    /// creates them again. Data is deleted only inside generation folders Sluice wrote under each Hive table's own
    /// prefix and inside its staging prefix; Iceberg data is removed by DROP TABLE itself. Tables are dropped before
    /// their data is deleted, so no reader sees a table whose files are gone.
    /// </summary>
    public async Task<DropInfo> DropAsync(IReadOnlyList<string>? resources = null, CancellationToken cancellationToken = default)
    {
        using var held = Lock();
        var partial = resources is { Count: > 0 };
        if (partial && (PipelineFolder.Packages(Folder.Extract).Count > 0 || PipelineFolder.Packages(Folder.Load).Count > 0))
        {
            throw new LoadException(
                $"Pipeline '{Options.Name}' has packages that are not loaded yet ({string.Join(", ", PipelineFolder.Packages(Folder.Extract).Concat(PipelineFolder.Packages(Folder.Load)))}). " +
                "Run the pipeline to finish them first, or drop the whole pipeline (without --resources).");
        }

        var schema = await DropSchemaAsync(cancellationToken).ConfigureAwait(false);
        var tables = SelectTables(schema, resources);
        var statements = new List<string>();
        var dropped = new List<string>();
        var context = new QueryContext { Database = Destination.Dataset };
        async Task RunAsync(string sql)
        {
            await _engine.ExecuteAsync(sql, context, cancellationToken).ConfigureAwait(false);
            statements.Add(sql);
        }

        foreach (var table in tables.AsEnumerable().Reverse())
        {
            foreach (var (database, name) in new[]
            {
                (Destination.Dataset, table.Name), (Destination.StagingDataset, table.Name), (Destination.StagingDataset, LoadSql.RewriteHelper(table.Name)),
            })
            {
                if (await _engine.Catalog.GetTableAsync(database, name, cancellationToken).ConfigureAwait(false) is not null)
                {
                    await RunAsync("DROP TABLE IF EXISTS " + LoadSql.Ddl(database, name)).ConfigureAwait(false);
                    dropped.Add(database + "." + name);
                }
            }
        }

        if (!partial && schema is not null)
        {
            await DropSystemRowsAsync(schema.Name, RunAsync, dropped, cancellationToken).ConfigureAwait(false);
        }

        var deleted = 0;
        foreach (var table in tables)
        {
            foreach (var item in await _store.ListAsync(Destination.TablePrefix(table.Name), cancellationToken).ConfigureAwait(false))
            {
                if (Destination.IsGenerationObject(table.Name, item))
                {
                    await _store.DeleteAsync(item, cancellationToken).ConfigureAwait(false);
                    deleted++;
                }
            }

            foreach (var item in await _store.ListAsync(Destination.StagingPrefix(table.Name), cancellationToken).ConfigureAwait(false))
            {
                await _store.DeleteAsync(item, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
        }

        var reset = new List<string>();
        if (partial)
        {
            ForgetTables(schema!, tables, resources!, reset);
            if (await _engine.Catalog.GetTableAsync(Destination.Dataset, SystemTables.Version, cancellationToken).ConfigureAwait(false) is not null)
            {
                // Stored versions still list the dropped tables; a later schema with the same hash must create them again.
                await RunAsync($"DELETE FROM {LoadSql.Dml(Destination.Dataset, SystemTables.Version)} WHERE \"schema_name\" = {SqlRender.StringLiteral(schema!.Name)}").ConfigureAwait(false);
                await RunAsync(LoadSql.InsertVersion(Destination.Dataset, schema, _time.GetUtcNow())).ConfigureAwait(false);
            }
        }
        else
        {
            WipeWorkingFolder();
        }

        return new DropInfo(dropped, deleted, statements, reset, !partial);
    }

    private async Task<PipelineSchema?> DropSchemaAsync(CancellationToken cancellationToken)
    {
        if (Schema is { } local)
        {
            return local;
        }

        try
        {
            var stored = await _engine.ExecuteAsync(LoadSql.LatestSchema(Destination.Dataset, SchemaName), new QueryContext { Database = Destination.Dataset }, cancellationToken).ConfigureAwait(false);
            return stored.Rows.Count > 0 && stored.Rows[0][0] is string json ? StoredSchema.Decode(json) : null;
        }
        catch (EngineException error) when (error.ErrorName is "TABLE_NOT_FOUND" or "SCHEMA_NOT_FOUND")
        {
            return null;
        }
    }

    private List<TableSchema> SelectTables(PipelineSchema? schema, IReadOnlyList<string>? resources)
    {
        if (schema is null)
        {
            if (resources is { Count: > 0 })
            {
                throw new LoadException($"Pipeline '{Options.Name}' has no schema, locally or in dataset '{Destination.Dataset}', so it has no tables to drop.");
            }

            return [];
        }

        if (resources is not { Count: > 0 })
        {
            return schema.Tables.ToList();
        }

        var roots = schema.Tables.Where(t => t.IsRoot).ToList();
        var selected = new List<TableSchema>();
        foreach (var resource in resources)
        {
            var name = SnakeCaseNaming.NormalizeFragment(resource);
            var root = roots.Find(t => string.Equals(t.Name, name, StringComparison.Ordinal))
                ?? throw new LoadException(
                    $"Pipeline '{Options.Name}' has no table '{resource}' to drop. Its root tables are: {string.Join(", ", roots.Select(t => t.Name))}. Pass one of them to --resources.");
            selected.AddRange(schema.Chain(root).Where(t => !selected.Contains(t)));
        }

        return selected;
    }

    /// <summary>
    /// Removes the pipeline's bookkeeping: the system tables themselves when they hold no other pipeline's rows, else
    /// only this pipeline's rows (another pipeline loading into the same dataset keeps its history).
    /// </summary>
    private async Task DropSystemRowsAsync(string schemaName, Func<string, Task> run, List<string> dropped, CancellationToken cancellationToken)
    {
        if (await _engine.Catalog.GetTableAsync(Destination.Dataset, SystemTables.Loads, cancellationToken).ConfigureAwait(false) is null)
        {
            return;
        }

        var literal = SqlRender.StringLiteral(schemaName);
        var others = await _engine.ExecuteAsync(
            $"SELECT (SELECT count(*) FROM {LoadSql.Dml(Destination.Dataset, SystemTables.Loads)} WHERE \"schema_name\" <> {literal}) + " +
            $"(SELECT count(*) FROM {LoadSql.Dml(Destination.Dataset, SystemTables.Version)} WHERE \"schema_name\" <> {literal})",
            new QueryContext { Database = Destination.Dataset },
            cancellationToken).ConfigureAwait(false);
        var shared = Convert.ToInt64(others.Rows[0][0], System.Globalization.CultureInfo.InvariantCulture) > 0;
        foreach (var (table, column) in new[] { (SystemTables.Loads, "schema_name"), (SystemTables.Version, "schema_name"), (SystemTables.State, "pipeline_name") })
        {
            if (await _engine.Catalog.GetTableAsync(Destination.Dataset, table, cancellationToken).ConfigureAwait(false) is null)
            {
                continue;
            }

            if (shared)
            {
                await run($"DELETE FROM {LoadSql.Dml(Destination.Dataset, table)} WHERE {SqlRender.DmlIdentifier(column)} = {literal}").ConfigureAwait(false);
            }
            else
            {
                await run("DROP TABLE IF EXISTS " + LoadSql.Ddl(Destination.Dataset, table)).ConfigureAwait(false);
                dropped.Add(Destination.Dataset + "." + table);
            }
        }
    }

    /// <summary>A partial drop: the local schema forgets the tables (so the next run creates them again) and their resources' state is reset.</summary>
    private void ForgetTables(PipelineSchema schema, IReadOnlyList<TableSchema> tables, IReadOnlyList<string> resources, List<string> reset)
    {
        var names = tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        schema.Tables.RemoveAll(t => names.Contains(t.Name));
        schema.BumpVersion();
        PipelineFolder.WriteAtomically(Folder.SchemaFile(SchemaName), schema.ToJson());

        var state = State;
        if (state.Values.TryGetValue("resources", out var value) && value is Dictionary<string, object?> entries)
        {
            var roots = tables.Where(t => t.IsRoot).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var key in entries.Keys.ToList())
            {
                if (resources.Contains(key, StringComparer.Ordinal) || roots.Contains(SnakeCaseNaming.NormalizeFragment(key)))
                {
                    entries.Remove(key);
                    reset.Add(key);
                }
            }

            if (reset.Count > 0)
            {
                PipelineFolder.WriteAtomically(Folder.StateFile, state.NextVersion().ToJson());
            }
        }
    }

    /// <summary>Deletes every package, schema and state file of the working folder (the lock file stays while it is held).</summary>
    private void WipeWorkingFolder()
    {
        foreach (var directory in Directory.EnumerateDirectories(Folder.Root))
        {
            Directory.Delete(directory, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(Folder.Root).Where(f => !string.Equals(Path.GetFileName(f), ".lock", StringComparison.Ordinal)))
        {
            File.Delete(file);
        }

        // The stage folders again, empty: the pipeline can run right away.
        _ = new PipelineFolder(Folder.Root);
    }
}
