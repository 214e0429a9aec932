using Sluice.Catalog;
using Sluice.Engines;
using Sluice.Local.Hive;
using Sluice.Sql.Ast;
using Sluice.Storage;

namespace Sluice.Local;

public sealed partial class LocalAthenaEngine
{
    private LocalStatementOutcome AlterTable(AlterTableStatement statement, StatementScope scope)
    {
        var (database, name) = Resolve(statement.Table, scope);
        var table = RequireTable(database, name);
        if (table.IsView)
        {
            throw AthenaErrors.NotSupported($"'{database}.{name}' is a view; ALTER TABLE applies to tables.");
        }

        return table.IsIceberg ? AlterIceberg(table, statement.Action) : AlterHive(table, statement.Action);
    }

    private LocalStatementOutcome AlterHive(CatalogTable table, AlterTableAction action)
    {
        var keys = table.PartitionKeys.Select(k => k.Name).ToList();
        switch (action)
        {
            case AddColumnsAction add:
            {
                var columns = table.StorageDescriptor.Columns.ToList();
                foreach (var column in add.Columns.Select(ToCatalogColumn))
                {
                    if (table.AllColumns.Any(c => c.Name == column.Name))
                    {
                        throw new EngineException("COLUMN_ALREADY_EXISTS", $"Column '{column.Name}' already exists");
                    }

                    columns.Add(column);
                }

                RequireUnionByName(table);
                Commit(table with { StorageDescriptor = table.StorageDescriptor with { Columns = columns } });
                break;
            }

            case ReplaceColumnsAction replace:
                RequireUnionByName(table);
                Commit(table with { StorageDescriptor = table.StorageDescriptor with { Columns = replace.Columns.Select(ToCatalogColumn).ToList() } });
                break;
            case AddPartitionsAction add:
                _store.InTransaction(() =>
                {
                    foreach (var spec in add.Partitions)
                    {
                        var values = PartitionValues(table, spec);
                        if (_store.GetPartition(table.DatabaseName, table.Name, values) is not null)
                        {
                            if (add.IfNotExists)
                            {
                                continue;
                            }

                            throw new EngineException("ALREADY_EXISTS", $"Partition already exists: {HivePartitionPath.Folder(keys, values)}");
                        }

                        var location = spec.Location is { } given
                            ? ParseLocation(given).AsFolder()
                            : S3Uri.Parse(table.StorageDescriptor.Location!).Combine(HivePartitionPath.Folder(keys, values)).AsFolder();
                        _store.PutPartition(table.DatabaseName, table.Name, new CatalogPartition(values, location.ToString()) { CreateTime = DateTimeOffset.UtcNow });
                    }

                    RebuildHiveRelation(table);
                });
                break;
            case DropPartitionsAction drop:
                _store.InTransaction(() =>
                {
                    foreach (var spec in drop.Partitions)
                    {
                        var values = PartitionValues(table, spec);
                        if (_store.GetPartition(table.DatabaseName, table.Name, values) is null && !drop.IfExists)
                        {
                            throw new EngineException("PARTITION_NOT_FOUND", $"No partition matches {HivePartitionPath.Folder(keys, values)}");
                        }

                        // The catalog entry only: the files stay, as on Athena.
                        _store.DeletePartition(table.DatabaseName, table.Name, values);
                    }

                    RebuildHiveRelation(table);
                });
                break;
            case SetLocationAction { Partition: null } set:
                Commit(table with { StorageDescriptor = table.StorageDescriptor with { Location = ParseLocation(set.Location).AsFolder().ToString() } });
                break;
            case SetLocationAction set:
            {
                var values = PartitionValues(table, set.Partition!);
                var partition = _store.GetPartition(table.DatabaseName, table.Name, values)
                    ?? throw new EngineException("PARTITION_NOT_FOUND", $"No partition matches {HivePartitionPath.Folder(keys, values)}");
                _store.InTransaction(() =>
                {
                    _store.PutPartition(table.DatabaseName, table.Name, partition with { Location = ParseLocation(set.Location).AsFolder().ToString() });
                    RebuildHiveRelation(table);
                });
                break;
            }

            case SetTablePropertiesAction set:
                Commit(table with { Parameters = Merge(table.Parameters, set.Properties) }, rebuild: false);
                break;
            case UnsetTablePropertiesAction unset:
                Commit(table with { Parameters = table.Parameters.Where(p => !unset.Keys.Contains(p.Key, StringComparer.Ordinal)).ToDictionary(StringComparer.Ordinal) }, rebuild: false);
                break;
            default:
                throw AthenaErrors.NotSupported($"ALTER TABLE {action.GetType().Name.Replace("Action", string.Empty, StringComparison.Ordinal)} is not supported for Hive tables.");
        }

        return LocalStatementOutcome.Ddl();
    }

    private LocalStatementOutcome AlterIceberg(CatalogTable table, AlterTableAction action)
    {
        var relation = Relation(table.DatabaseName, table.Name);
        switch (action)
        {
            case AddColumnsAction add:
                _store.InTransaction(() =>
                {
                    var columns = table.StorageDescriptor.Columns.ToList();
                    foreach (var column in add.Columns)
                    {
                        columns.Add(ToCatalogColumn(column));
                        _connection.Execute($"ALTER TABLE {relation} ADD COLUMN {Quote(column.Name.ToLowerInvariant())} {DuckDbTypeNames.From(column.Type)}");
                    }

                    _store.PutTable(table with { StorageDescriptor = table.StorageDescriptor with { Columns = columns } });
                });
                break;
            case DropColumnAction drop:
                _store.InTransaction(() =>
                {
                    _connection.Execute($"ALTER TABLE {relation} DROP COLUMN {Quote(drop.Column.ToLowerInvariant())}");
                    _store.PutTable(table with
                    {
                        StorageDescriptor = table.StorageDescriptor with { Columns = table.StorageDescriptor.Columns.Where(c => c.Name != drop.Column.ToLowerInvariant()).ToList() },
                    });
                });
                break;
            case ChangeColumnAction change:
                _store.InTransaction(() =>
                {
                    var old = change.OldName.ToLowerInvariant();
                    var renamed = ToCatalogColumn(change.NewColumn);
                    if (old != renamed.Name)
                    {
                        _connection.Execute($"ALTER TABLE {relation} RENAME COLUMN {Quote(old)} TO {Quote(renamed.Name)}");
                    }

                    _connection.Execute($"ALTER TABLE {relation} ALTER COLUMN {Quote(renamed.Name)} TYPE {DuckDbTypeNames.From(change.NewColumn.Type)}");
                    _store.PutTable(table with
                    {
                        StorageDescriptor = table.StorageDescriptor with { Columns = table.StorageDescriptor.Columns.Select(c => c.Name == old ? renamed : c).ToList() },
                    });
                });
                break;
            case RenameTableAction rename:
            {
                var database = Fold(rename.NewName.Database ?? table.DatabaseName);
                var name = Fold(rename.NewName.Name);
                if (_store.GetTable(database, name) is not null)
                {
                    throw AlreadyExists(database, name);
                }

                _store.InTransaction(() =>
                {
                    _connection.Execute($"ALTER TABLE {relation} RENAME TO {Quote(name)}");
                    _store.DeleteTable(table.DatabaseName, table.Name);
                    _store.PutTable(table with { DatabaseName = database, Name = name, VersionId = 0 });
                });
                break;
            }

            case SetTablePropertiesAction set:
                _store.InTransaction(() => _store.PutTable(table with { Parameters = Merge(table.Parameters, set.Properties) }));
                break;
            case UnsetTablePropertiesAction unset:
                _store.InTransaction(() => _store.PutTable(table with
                {
                    Parameters = table.Parameters.Where(p => !unset.Keys.Contains(p.Key, StringComparer.Ordinal)).ToDictionary(StringComparer.Ordinal),
                }));
                break;
            default:
                throw AthenaErrors.NotSupported($"ALTER TABLE {action.GetType().Name.Replace("Action", string.Empty, StringComparison.Ordinal)} is not supported for Iceberg tables.");
        }

        return LocalStatementOutcome.Ddl();
    }

    private void Commit(CatalogTable table, bool rebuild = true) =>
        _store.InTransaction(() =>
        {
            var stored = _store.PutTable(table);
            if (rebuild)
            {
                RebuildHiveRelation(stored);
            }
        });

    private static List<string> PartitionValues(CatalogTable table, PartitionSpec spec)
    {
        var values = new List<string>();
        foreach (var key in table.PartitionKeys)
        {
            var value = spec.Values.FirstOrDefault(v => string.Equals(v.Column, key.Name, StringComparison.OrdinalIgnoreCase))
                ?? throw new EngineException("INVALID_PARTITION", $"The partition spec names no value for partition key '{key.Name}' of {table.DatabaseName}.{table.Name}.");
            values.Add(value.Value);
        }

        if (spec.Values.Count != table.PartitionKeys.Count)
        {
            throw new EngineException("INVALID_PARTITION", $"The partition spec has {spec.Values.Count} value(s); {table.DatabaseName}.{table.Name} has {table.PartitionKeys.Count} partition key(s).");
        }

        return values;
    }

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> current, IReadOnlyList<SqlProperty> changes)
    {
        var merged = current.ToDictionary(StringComparer.Ordinal);
        foreach (var property in changes)
        {
            merged[property.Key] = property.Value;
        }

        return merged;
    }
}
