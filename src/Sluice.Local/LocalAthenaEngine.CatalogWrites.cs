using Sluice.Catalog;
using Sluice.Engines;
using Sluice.Local.Hive;
using Sluice.Local.Storage;
using Sluice.Storage;

namespace Sluice.Local;

/// <summary>
/// Glue-shaped catalog writes on the local lakehouse. Each call runs in one DuckDB transaction with the catalog schema
/// <c>sluice$catalog</c> and the relations that serve the tables (Hive views over files, Iceberg DuckDB tables), so a
/// failure or a crash leaves the previous state, and every earlier table version stays in the history.
/// </summary>
public sealed partial class LocalAthenaEngine
{
    /// <inheritdoc cref="IAthenaEngine.CatalogWriter"/>
    public ICatalogWriter? CatalogWriter => _catalogWriter ??= new LocalCatalogWriter(this);

    /// <inheritdoc cref="IAthenaEngine.Objects"/>
    public IObjectStore? Objects => _objects ??= new FolderObjectStore(_lakehouse.Root);

    /// <summary>
    /// Runs inside every catalog-write transaction just before it commits, with the operation's name; a throw rolls the
    /// whole call back. For tests of atomicity.
    /// </summary>
    internal Action<string>? BeforeCatalogCommit { get; set; }

    private ICatalogWriter? _catalogWriter;
    private IObjectStore? _objects;

    internal async Task<T> WriteCatalogAsync<T>(string operation, Func<T> write, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _store.InTransaction(() =>
            {
                var result = write();
                BeforeCatalogCommit?.Invoke(operation);
                return result;
            });
        }
        catch (Sluice.DuckDb.DuckDbException e)
        {
            throw AthenaErrors.FromDuckDb(e, QueryContext.Default, "catalog:" + operation);
        }
        finally
        {
            _gate.Release();
        }
    }

    internal CatalogTable CreateTableEntry(CatalogTable table)
    {
        var (database, name) = (Fold(table.DatabaseName), Fold(table.Name));
        RequireDatabase(database);
        if (_store.GetTable(database, name) is not null)
        {
            throw AlreadyExists(database, name);
        }

        table = table with { DatabaseName = database, Name = name, VersionId = 0 };
        if (table.IsView)
        {
            throw AthenaErrors.NotSupported("Views are created with CREATE VIEW, not through the catalog.");
        }

        CheckLocation(table);
        var stored = _store.PutTable(table);
        if (stored.IsIceberg)
        {
            var columns = string.Join(", ", stored.StorageDescriptor.Columns.Select(c => $"{Quote(c.Name)} {DuckDbTypeNames.FromHive(c.Type)}"));
            _connection.Execute($"CREATE TABLE {Relation(database, name)} ({columns})");
        }
        else
        {
            RebuildHiveRelation(stored);
        }

        return stored;
    }

    internal CatalogTable UpdateTableEntry(CatalogTable table, long expectedVersionId)
    {
        var (database, name) = (Fold(table.DatabaseName), Fold(table.Name));
        RequireDatabase(database);
        var existing = _store.GetTable(database, name);
        if (existing is null || existing.VersionId != expectedVersionId)
        {
            throw new CatalogConflictException(database, name, existing?.VersionId ?? 0, expectedVersionId);
        }

        table = table with { DatabaseName = database, Name = name };
        if (table.IsView != existing.IsView || table.IsIceberg != existing.IsIceberg)
        {
            throw AthenaErrors.NotSupported(
                $"UpdateTable cannot turn {database}.{name} into another kind of table (view, Hive, Iceberg); build the new table under a staging name and replace it.");
        }

        if (!existing.IsHive && !SameColumns(existing.AllColumns, table.AllColumns))
        {
            throw AthenaErrors.NotSupported(
                $"UpdateTable changes only the parameters and description of the {(existing.IsView ? "view" : "Iceberg table")} {database}.{name}; change its columns with SQL.");
        }

        CheckLocation(table);
        var stored = _store.PutTable(table, expectedVersionId);
        if (stored.IsHive)
        {
            if (!SameColumns(existing.AllColumns, stored.AllColumns))
            {
                // Files written before hold the old columns.
                RequireUnionByName(stored);
            }

            RebuildHiveRelation(stored);
        }

        return stored;
    }

    internal int DeleteTableEntry(string database, string name)
    {
        (database, name) = (Fold(database), Fold(name));
        var existing = _store.GetTable(database, name);
        if (existing is null)
        {
            return 0;
        }

        DropRelation(existing);
        _store.DeleteTable(database, name);
        _store.DeleteMeta(UnionByNameKey(existing));
        return 1;
    }

    internal int PutPartitionEntries(string database, string name, IReadOnlyList<CatalogPartition> partitions)
    {
        (database, name) = (Fold(database), Fold(name));
        var table = RequirePartitionedHive(database, name);
        foreach (var partition in partitions)
        {
            CheckPartition(table, partition.Values);
            var location = ParseLocation(partition.Location).AsFolder().ToString();
            var existing = _store.GetPartition(database, name, partition.Values);
            _store.PutPartition(database, name, partition with { Location = location, CreateTime = existing?.CreateTime ?? DateTimeOffset.UtcNow });
        }

        RebuildHiveRelation(table);
        return partitions.Count;
    }

    internal int DeletePartitionEntries(string database, string name, IReadOnlyList<IReadOnlyList<string>> values)
    {
        (database, name) = (Fold(database), Fold(name));
        var table = RequirePartitionedHive(database, name);
        foreach (var partition in values)
        {
            CheckPartition(table, partition);
            _store.DeletePartition(database, name, partition);
        }

        RebuildHiveRelation(table);
        return values.Count;
    }

    internal CatalogTable ReplaceTableEntry(TableReplacement replacement)
    {
        var (database, name, stagingName) = (Fold(replacement.Database), Fold(replacement.Name), Fold(replacement.StagingName));
        RequireDatabase(database);
        if (string.Equals(name, stagingName, StringComparison.Ordinal))
        {
            throw new ArgumentException($"ReplaceTable needs two tables; both are {database}.{name}.", nameof(replacement));
        }

        var staging = _store.GetTable(database, stagingName) ?? throw AthenaErrors.TableNotFound(database, stagingName);

        var target = _store.GetTable(database, name);
        if (replacement.ExpectedVersionId is { } expected && (target?.VersionId ?? 0) != expected)
        {
            throw new CatalogConflictException(database, name, target?.VersionId ?? 0, expected);
        }

        var partitions = staging.PartitionKeys.Count > 0 ? _store.GetPartitions(database, stagingName) : [];
        var stagingUnion = _store.GetMeta(UnionByNameKey(staging));

        // The relations: the target's goes, the staging one takes its name (Iceberg) or is rebuilt under it (Hive).
        if (target is not null)
        {
            DropRelation(target);
            _store.DeletePartitions(database, name);
            _store.DeleteMeta(UnionByNameKey(target));
        }

        if (staging.IsView)
        {
            // Glue's UpdateTable may turn a table into a VIRTUAL_VIEW; locally the DuckDB view takes the name.
            _connection.Execute($"ALTER VIEW {Relation(database, stagingName)} RENAME TO {Quote(name)}");
        }
        else if (staging.IsIceberg)
        {
            _connection.Execute($"ALTER TABLE {Relation(database, stagingName)} RENAME TO {Quote(name)}");
        }
        else
        {
            _connection.Execute($"DROP VIEW IF EXISTS {Relation(database, stagingName)}");
        }

        _store.DeleteTable(database, stagingName);
        _store.DeleteMeta(UnionByNameKey(staging));
        var parameters = staging.Parameters.ToDictionary(StringComparer.Ordinal);
        foreach (var (key, value) in replacement.Parameters)
        {
            parameters[key] = value;
        }

        // PutTable archives the target's current version and continues its version numbers.
        var comments = replacement.ColumnComments.ToDictionary(StringComparer.OrdinalIgnoreCase);
        CatalogColumn Comment(CatalogColumn column) => comments.TryGetValue(column.Name, out var comment)
            ? column with { Comment = comment.Length == 0 ? null : comment }
            : column;
        var stored = _store.PutTable(staging with
        {
            Name = name,
            Description = staging.Description ?? replacement.Description,
            Parameters = parameters,
            StorageDescriptor = staging.StorageDescriptor with { Columns = staging.StorageDescriptor.Columns.Select(Comment).ToList() },
            PartitionKeys = staging.PartitionKeys.Select(Comment).ToList(),
        });
        foreach (var partition in partitions)
        {
            _store.PutPartition(database, name, partition);
        }

        if (stagingUnion is not null)
        {
            _store.SetMeta(UnionByNameKey(stored), stagingUnion);
        }

        if (stored.IsHive)
        {
            RebuildHiveRelation(stored);
        }

        return stored;
    }

    /// <summary>Drops the DuckDB relation that serves a catalog table (Hive and views: a view; Iceberg: the table and its data).</summary>
    private void DropRelation(CatalogTable table) =>
        _connection.Execute(table.IsIceberg
            ? $"DROP TABLE IF EXISTS {Relation(table.DatabaseName, table.Name)}"
            : $"DROP VIEW IF EXISTS {Relation(table.DatabaseName, table.Name)}");

    private CatalogTable RequirePartitionedHive(string database, string name)
    {
        var table = RequireTable(database, name);
        if (!table.IsHive || table.PartitionKeys.Count == 0)
        {
            throw AthenaErrors.NotSupported($"{database}.{name} is not a partitioned Hive table; only those have catalog partitions.");
        }

        return table;
    }

    private static void CheckPartition(CatalogTable table, IReadOnlyList<string> values)
    {
        if (values.Count != table.PartitionKeys.Count)
        {
            throw new EngineException("INVALID_PARTITION",
                $"A partition of {table.DatabaseName}.{table.Name} has {values.Count} value(s); the table has {table.PartitionKeys.Count} partition key(s).");
        }
    }

    private static void CheckLocation(CatalogTable table)
    {
        if (table.IsView)
        {
            return;
        }

        if (table.StorageDescriptor.Location is not { } location)
        {
            throw new EngineException("INVALID_TABLE_PROPERTY", $"The table {table.DatabaseName}.{table.Name} needs a storage location (s3://bucket/prefix/).");
        }

        ParseLocation(location);
    }

    private static bool SameColumns(IEnumerable<CatalogColumn> a, IEnumerable<CatalogColumn> b) =>
        a.Select(c => (c.Name, c.Type.ToLowerInvariant())).SequenceEqual(b.Select(c => (c.Name, c.Type.ToLowerInvariant())));

    /// <summary>The local engine's <see cref="ICatalogWriter"/>: each call one transaction, serialised with statements.</summary>
    private sealed class LocalCatalogWriter(LocalAthenaEngine engine) : ICatalogWriter
    {
        public Task<CatalogTable> CreateTableAsync(CatalogTable table, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(table);
            return engine.WriteCatalogAsync("CreateTable", () => engine.CreateTableEntry(table), cancellationToken);
        }

        public Task<CatalogTable> UpdateTableAsync(CatalogTable table, long expectedVersionId, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(table);
            return engine.WriteCatalogAsync("UpdateTable", () => engine.UpdateTableEntry(table, expectedVersionId), cancellationToken);
        }

        public Task DeleteTableAsync(string database, string name, CancellationToken cancellationToken = default) =>
            engine.WriteCatalogAsync("DeleteTable", () => engine.DeleteTableEntry(database, name), cancellationToken);

        public Task PutPartitionsAsync(string database, string table, IReadOnlyList<CatalogPartition> partitions, CancellationToken cancellationToken = default) =>
            engine.WriteCatalogAsync("PutPartitions", () => engine.PutPartitionEntries(database, table, partitions), cancellationToken);

        public Task DeletePartitionsAsync(string database, string table, IReadOnlyList<IReadOnlyList<string>> partitionValues, CancellationToken cancellationToken = default) =>
            engine.WriteCatalogAsync("DeletePartitions", () => engine.DeletePartitionEntries(database, table, partitionValues), cancellationToken);

        public Task<CatalogTable> UpdateTableAndPartitionsAsync(
            CatalogTable table, long expectedVersionId, IReadOnlyList<CatalogPartition> putPartitions, IReadOnlyList<IReadOnlyList<string>> deletePartitions,
            CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(table);
            ArgumentNullException.ThrowIfNull(putPartitions);
            ArgumentNullException.ThrowIfNull(deletePartitions);
            return engine.WriteCatalogAsync("UpdateTableAndPartitions", () =>
            {
                var stored = engine.UpdateTableEntry(table, expectedVersionId);
                if (putPartitions.Count > 0)
                {
                    engine.PutPartitionEntries(stored.DatabaseName, stored.Name, putPartitions);
                }

                if (deletePartitions.Count > 0)
                {
                    engine.DeletePartitionEntries(stored.DatabaseName, stored.Name, deletePartitions);
                }

                return stored;
            }, cancellationToken);
        }

        public Task<CatalogTable> ReplaceTableAsync(TableReplacement replacement, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(replacement);
            return engine.WriteCatalogAsync("ReplaceTable", () => engine.ReplaceTableEntry(replacement), cancellationToken);
        }
    }
}
