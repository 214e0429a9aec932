using Sluice.Catalog;
using Sluice.Engines;
using Sluice.Errors;
using Sluice.Schema;
using Sluice.Sql;

namespace Sluice.Load;

public sealed partial class LoadStage
{
    /// <summary>
    /// Brings the destination to the package's schema. When its version hash is already in <c>_sluice_version</c>
    /// nothing but that one check runs. Otherwise: create missing databases and tables, one ADD COLUMNS per table
    /// with new columns (final and staging), then record the version. Returns true when DDL was considered.
    /// </summary>
    private async Task<bool> SyncSchemaAsync(PipelineSchema schema, string loadId, CancellationToken cancellationToken)
    {
        try
        {
            var found = await ExecuteAsync(LoadSql.VersionRecorded(_destination.Dataset, schema.VersionHash), cancellationToken).ConfigureAwait(false);
            if (Convert.ToInt64(found.Rows[0][0], System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return false;
            }
        }
        catch (EngineException error) when (error.ErrorName is "TABLE_NOT_FOUND" or "SCHEMA_NOT_FOUND")
        {
            // A new dataset: everything below creates it.
        }

        var catalog = _engine.Catalog;
        var tables = schema.Tables.Where(t => t.CompleteColumns.Any()).ToList();
        await EnsureDatabaseAsync(_destination.Dataset, cancellationToken).ConfigureAwait(false);
        if (tables.Any(LoadSql.NeedsStaging))
        {
            await EnsureDatabaseAsync(_destination.StagingDataset, cancellationToken).ConfigureAwait(false);
        }

        foreach (var system in new[] { SystemTables.LoadsTable, SystemTables.VersionTable, SystemTables.StateTable })
        {
            await EnsureTableAsync(catalog, _destination.Dataset, system, system.Columns, loadId, staging: false, cancellationToken).ConfigureAwait(false);
        }

        foreach (var table in tables)
        {
            var columns = table.CompleteColumns.ToList();
            await EnsureTableAsync(catalog, _destination.Dataset, table, columns, loadId, staging: false, cancellationToken).ConfigureAwait(false);
            if (LoadSql.NeedsStaging(table))
            {
                await EnsureTableAsync(catalog, _destination.StagingDataset, table, columns, loadId, staging: true, cancellationToken).ConfigureAwait(false);
            }
        }

        await ExecuteAsync(LoadSql.InsertVersion(_destination.Dataset, schema, _time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task EnsureDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        if (await _engine.Catalog.GetDatabaseAsync(database, cancellationToken).ConfigureAwait(false) is null)
        {
            await ExecuteAsync("CREATE DATABASE IF NOT EXISTS " + SqlRender.DdlIdentifier(database), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EnsureTableAsync(
        ICatalog catalog, string database, TableSchema table, IReadOnlyList<ColumnSchema> columns, string loadId, bool staging, CancellationToken cancellationToken)
    {
        var existing = await catalog.GetTableAsync(database, table.Name, cancellationToken).ConfigureAwait(false);
        var iceberg = table.TableFormat == TableFormat.Iceberg && !staging;
        var keys = HivePartitionKey.Resolve(table);
        if (staging && keys.Count > 0)
        {
            // A merged partitioned Hive table stages its derived partition columns as data columns.
            columns = columns.Concat(keys.Where(k => !k.IsIdentity).Select(k => new ColumnSchema { Name = k.Name, SourceName = k.Name, Type = k.Type })).ToList();
        }

        var partitionKeys = staging ? [] : keys;
        if (existing is null)
        {
            var missingPartition = iceberg ? table.Partition.FirstOrDefault(p => !columns.Any(c => string.Equals(c.Name, p.Column, StringComparison.Ordinal))) : null;
            if (missingPartition is not null)
            {
                throw new LoadException(
                    $"Table '{database}.{table.Name}' is partitioned by '{missingPartition.Column}', which has no values yet (or no such column), so the table cannot be created. " +
                    "Load items that carry the column, declare its type in ResourceHints.Columns, or fix ResourceHints.Partition.");
            }

            var sql = iceberg
                ? LoadSql.CreateIcebergTable(database, table.Name, columns, _destination.IcebergLocation(table.Name), table.Partition)
                : LoadSql.CreateHiveTable(database, table.Name, columns,
                    staging ? _destination.StagingPrefix(table.Name).ToString()
                    // A merged Hive table starts empty at generation zero; each merge writes the next generation.
                    : _destination.Generation(table.Name, table.WriteDisposition == WriteDisposition.Merge ? "0.000000" : loadId).ToString(),
                    partitionKeys);
            await ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (existing.IsIceberg != iceberg)
        {
            throw new LoadException(
                $"Table '{database}.{table.Name}' exists as {(existing.IsIceberg ? "an Iceberg" : "a Hive")} table, but the resource loads it as {(iceberg ? "Iceberg" : "Hive")}. " +
                $"Switching formats in place is not supported: set ResourceHints.TableFormat back, or drop the table (DROP TABLE {LoadSql.Ddl(database, table.Name)}) to recreate it.");
        }

        if (!iceberg && !existing.PartitionKeys.Select(k => k.Name).SequenceEqual(partitionKeys.Select(k => k.Name), StringComparer.Ordinal))
        {
            static string Describe(IEnumerable<string> names) => names.Any() ? "(" + string.Join(", ", names) + ")" : "nothing";
            throw new LoadException(
                $"Table '{database}.{table.Name}' is partitioned by {Describe(existing.PartitionKeys.Select(k => k.Name))}, but the resource asks for {Describe(partitionKeys.Select(k => k.Name))}. " +
                "Hive partitions are fixed when a table is created: set ResourceHints.Partition back, or drop the table (sluice pipeline drop --resources) to recreate it.");
        }

        var present = existing.StorageDescriptor.Columns.Concat(existing.PartitionKeys).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var missing = columns.Where(c => !present.Contains(c.Name)).ToList();
        if (missing.Count > 0)
        {
            await ExecuteAsync(LoadSql.AddColumns(database, table.Name, missing), cancellationToken).ConfigureAwait(false);
        }
    }
}
