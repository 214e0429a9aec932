using Sluice.Catalog;
using Sluice.Engines;
using Sluice.Local.Hive;
using Sluice.Local.Storage;
using Sluice.Sql.Ast;
using Sluice.Storage;

namespace Sluice.Local;

public sealed partial class LocalAthenaEngine
{
    private LocalStatementOutcome CreateExternalTable(CreateExternalTableStatement statement, StatementScope scope)
    {
        var (database, name) = Resolve(statement.Table, scope);
        RequireDatabase(database);
        if (_store.GetTable(database, name) is not null)
        {
            return statement.IfNotExists ? LocalStatementOutcome.Ddl() : throw AlreadyExists(database, name);
        }

        if (statement.Location is null)
        {
            throw new EngineException("SYNTAX_ERROR", $"CREATE EXTERNAL TABLE {statement.Table} needs a LOCATION 's3://bucket/prefix/'.");
        }

        var location = ParseLocation(statement.Location).AsFolder().ToString();
        var columns = statement.Columns.Select(ToCatalogColumn).ToList();
        var descriptor = HiveStorage.ForDdl(statement, location, columns);
        var parameters = statement.TableProperties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        parameters["EXTERNAL"] = "TRUE";
        parameters.TryAdd("classification", HiveStorage.Of(new CatalogTable { DatabaseName = database, Name = name, StorageDescriptor = descriptor }).Format switch
        {
            HiveDataFormat.Parquet => "parquet",
            HiveDataFormat.Json => "json",
            _ => "csv",
        });
        var table = new CatalogTable
        {
            DatabaseName = database,
            Name = name,
            TableType = TableTypes.ExternalTable,
            Description = statement.Comment,
            StorageDescriptor = descriptor with
            {
                BucketColumns = statement.Bucketing?.Columns ?? [],
                NumberOfBuckets = statement.Bucketing?.BucketCount ?? 0,
            },
            PartitionKeys = statement.PartitionColumns.Select(ToCatalogColumn).ToList(),
            Parameters = parameters,
        };
        _store.InTransaction(() => RebuildHiveRelation(_store.PutTable(table)));
        return LocalStatementOutcome.Ddl();
    }

    private LocalStatementOutcome CreateIcebergTable(CreateIcebergTableStatement statement, StatementScope scope)
    {
        var (database, name) = Resolve(statement.Table, scope);
        RequireDatabase(database);
        if (_store.GetTable(database, name) is not null)
        {
            return statement.IfNotExists ? LocalStatementOutcome.Ddl() : throw AlreadyExists(database, name);
        }

        var parameters = statement.TableProperties.ToDictionary(p => p.Key.ToLowerInvariant(), p => p.Value, StringComparer.Ordinal);
        parameters[TableTypes.TableTypeParameter] = TableTypes.Iceberg;
        var columns = statement.Columns.Select(ToCatalogColumn).ToList();
        var table = new CatalogTable
        {
            DatabaseName = database,
            Name = name,
            TableType = TableTypes.ExternalTable,
            Description = statement.Comment,
            StorageDescriptor = StorageDescriptor.Parquet(ParseLocation(statement.Location).ToString(), columns),
            Parameters = WithPartitioning(parameters, statement.Partitioning),
        };
        var ddl = string.Join(", ", statement.Columns.Select(c => $"{Quote(c.Name)} {DuckDbTypeNames.From(c.Type)}"));
        _store.InTransaction(() =>
        {
            _store.PutTable(table);
            _connection.Execute($"CREATE TABLE {Relation(database, name)} ({ddl})");
        });
        return LocalStatementOutcome.Ddl();
    }

    private LocalStatementOutcome DropTable(DropTableStatement statement, StatementScope scope)
    {
        var (database, name) = Resolve(statement.Table, scope);
        RequireDatabase(database);
        var table = _store.GetTable(database, name);
        if (table is null)
        {
            return statement.IfExists ? LocalStatementOutcome.Ddl() : throw AthenaErrors.TableNotFound(database, name);
        }

        if (table.IsView)
        {
            throw new EngineException("NOT_SUPPORTED", $"'{database}.{name}' is a view; drop it with DROP VIEW.");
        }

        _store.InTransaction(() =>
        {
            // Hive: the catalog entry only, the files stay (as on Athena). Iceberg: the data goes too.
            _store.DeleteTable(database, name);
            _connection.Execute(table.IsIceberg ? $"DROP TABLE {Relation(database, name)}" : $"DROP VIEW {Relation(database, name)}");
        });
        return LocalStatementOutcome.Ddl();
    }

    private LocalStatementOutcome RepairTable(MsckRepairTableStatement statement, StatementScope scope)
    {
        var (database, name) = Resolve(statement.Table, scope);
        var table = RequireTable(database, name);
        if (!table.IsHive || table.PartitionKeys.Count == 0)
        {
            return LocalStatementOutcome.Ddl();
        }

        // MSCK REPAIR only adds k=v/ folders that hold data; it never removes partitions (athena.md §2).
        var root = _lakehouse.LocalPath(table.StorageDescriptor.Location!);
        var keys = table.PartitionKeys.Select(k => k.Name).ToList();
        var known = _store.GetPartitions(database, name).Select(p => string.Join('\u0001', p.Values)).ToHashSet(StringComparer.Ordinal);
        var added = new List<CatalogPartition>();
        foreach (var folder in PartitionFolders(root, keys.Count))
        {
            var relative = Path.GetRelativePath(root, folder).Replace(Path.DirectorySeparatorChar, '/');
            var values = HivePartitionPath.TryParse(relative, keys);
            if (values is not null && known.Add(string.Join('\u0001', values)) && DataFiles.Any(folder))
            {
                added.Add(new CatalogPartition(values, S3Uri.Parse(table.StorageDescriptor.Location!).Combine(relative).AsFolder().ToString())
                {
                    CreateTime = DateTimeOffset.UtcNow,
                });
            }
        }

        if (added.Count > 0)
        {
            _store.InTransaction(() =>
            {
                foreach (var partition in added)
                {
                    _store.PutPartition(database, name, partition);
                }

                RebuildHiveRelation(table);
            });
        }

        return LocalStatementOutcome.Lines("result", added.Select(p => "Partitions not in metastore:\t" + name + ":" +
            HivePartitionPath.Folder(keys, p.Values)));
    }

    private static IEnumerable<string> PartitionFolders(string root, int depth)
    {
        IEnumerable<string> level = Directory.Exists(root) ? [root] : [];
        for (var i = 0; i < depth; i++)
        {
            level = level.SelectMany(Directory.EnumerateDirectories).Where(d => !DataFiles.IsHidden(Path.GetFileName(d))).ToList();
        }

        return level;
    }

    internal static CatalogColumn ToCatalogColumn(ColumnDefinition column) =>
        new(column.Name.ToLowerInvariant(), column.Type.ToHiveString(), column.Comment);

    private static Dictionary<string, string> WithPartitioning(Dictionary<string, string> parameters, IReadOnlyList<PartitionTransform> partitioning)
    {
        if (partitioning.Count > 0)
        {
            // Glue keeps Iceberg partition specs in Iceberg metadata; locally the spec rides along as a parameter.
            parameters["sluice.partitioning"] = string.Join(",", partitioning.Select(p => p.ToCtasString()));
        }

        return parameters;
    }

    private static S3Uri ParseLocation(string location)
    {
        if (!S3Uri.TryParse(location, out var uri, out var error))
        {
            throw new EngineException("INVALID_TABLE_PROPERTY", error);
        }

        return uri;
    }

    private static EngineException AlreadyExists(string database, string name) =>
        new("TABLE_ALREADY_EXISTS", $"Table 'awsdatacatalog.{database}.{name}' already exists");
}
