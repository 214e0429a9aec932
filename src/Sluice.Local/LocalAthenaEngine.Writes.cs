using System.Globalization;
using Sluice.Catalog;
using Sluice.DuckDb;
using Sluice.Engines;
using Sluice.Local.Hive;
using Sluice.Local.Storage;
using Sluice.Local.Translation;
using Sluice.Sql;
using Sluice.Sql.Ast;
using Sluice.Sql.Ctas;
using Sluice.Storage;

namespace Sluice.Local;

public sealed partial class LocalAthenaEngine
{
    private LocalStatementOutcome CreateTableAs(CreateTableAsStatement statement, StatementScope scope, CancellationToken cancellationToken)
    {
        var (database, name) = Resolve(statement.Table, scope);
        RequireDatabase(database);
        if (_store.GetTable(database, name) is not null)
        {
            return statement.IfNotExists ? LocalStatementOutcome.Ddl() : throw AlreadyExists(database, name);
        }

        var properties = statement.Properties;
        UseDatabase(scope.Database);
        var query = TrinoTranslator.Translate(statement.Query.Text);
        var columns = DescribeQuery(query, new AthenaColumnNames(statement.Query.Text));

        // Name the query's columns as Athena does, so the table's columns and its files agree (count(*) is _col0).
        query = $"SELECT * FROM ({query}) AS sluice_named({string.Join(", ", columns.Select(c => Quote(c.Name)))})";
        if (properties.TableType == CtasTableType.Iceberg)
        {
            return CreateIcebergTableAs(statement, query, database, name, columns, cancellationToken);
        }

        var partitionKeys = properties.PartitionedBy.Select(Fold).ToList();
        CheckPartitionColumnsLast(columns, partitionKeys);
        if (properties.ExternalLocation is not null && _options.EnforceQueryResultsLocation)
        {
            throw new EngineException(
                "INVALID_TABLE_PROPERTY",
                "The CREATE TABLE AS SELECT query was submitted with an 'external_location' property to an Athena Workgroup that enforces a centralized output location for all queries. Please remove the 'external_location' property and resubmit the query.");
        }

        var location = properties.ExternalLocation is { } external
            ? ParseLocation(external).AsFolder()
            : ParseLocation(_options.QueryResultsLocation).Combine("tables/" + scope.QueryId).AsFolder();
        var localLocation = _lakehouse.LocalPath(location);
        if (DataFiles.Any(localLocation) || (Directory.Exists(localLocation) && Directory.EnumerateFileSystemEntries(localLocation).Any()))
        {
            // Athena never writes into a non-empty prefix and never deletes your data (athena.md §2).
            throw new EngineException(
                "HIVE_PATH_ALREADY_EXISTS",
                $"Target directory for table '{database}.{name}' already exists: {location}. You may need to manually clean the data at location '{location}' before retrying. Athena will not delete data in your account.");
        }

        var dataColumns = columns.Where(c => !partitionKeys.Contains(c.Name, StringComparer.Ordinal)).ToList();
        var table = new CatalogTable
        {
            DatabaseName = database,
            Name = name,
            TableType = TableTypes.ExternalTable,
            Description = statement.Comment,
            StorageDescriptor = HiveStorage.ForCtas(properties.EffectiveFormat, properties.FieldDelimiter, location.ToString(), dataColumns.Select(c => new CatalogColumn(c.Name, c.HiveType)).ToList()) with
            {
                BucketColumns = properties.BucketedBy,
                NumberOfBuckets = properties.BucketCount ?? 0,
                Compressed = properties.EffectiveCompression != CompressionCodec.None,
            },
            PartitionKeys = partitionKeys.Select(k => new CatalogColumn(k, columns.First(c => c.Name == k).HiveType)).ToList(),
            Parameters = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["EXTERNAL"] = "TRUE",
                ["classification"] = properties.EffectiveFormat switch { CtasFormat.Json => "json", CtasFormat.TextFile => "csv", _ => "parquet" },
                ["has_encrypted_data"] = "false",
                [properties.EffectiveFormat == CtasFormat.Parquet ? "parquet.compression" : "write.compression"] = properties.EffectiveCompression.ToString().ToUpperInvariant(),
            },
        };

        if (!statement.WithData)
        {
            _store.InTransaction(() => RebuildHiveRelation(_store.PutTable(table)));
            return LocalStatementOutcome.Written(0);
        }

        var written = WriteHive(table, query, scope, properties.EffectiveCompression, cancellationToken, createTable: true);
        return LocalStatementOutcome.Written(written);
    }

    private LocalStatementOutcome CreateIcebergTableAs(
        CreateTableAsStatement statement, string query, string database, string name, IReadOnlyList<QueryColumn> columns, CancellationToken cancellationToken)
    {
        var properties = statement.Properties;
        if (properties.Location is null)
        {
            throw new EngineException("INVALID_TABLE_PROPERTY", "The location property must be set for Iceberg tables: WITH (table_type = 'ICEBERG', location = 's3://bucket/prefix/table', ...).");
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TableTypes.TableTypeParameter] = TableTypes.Iceberg,
            ["format"] = "parquet",
            ["write_compression"] = properties.EffectiveCompression.ToString().ToLowerInvariant(),
        };
        var table = new CatalogTable
        {
            DatabaseName = database,
            Name = name,
            TableType = TableTypes.ExternalTable,
            Description = statement.Comment,
            StorageDescriptor = StorageDescriptor.Parquet(ParseLocation(properties.Location).ToString(), columns.Select(c => new CatalogColumn(c.Name, c.HiveType)).ToList()),
            Parameters = WithPartitioning(parameters, properties.Partitioning),
        };
        long rows = 0;
        _store.InTransaction(() =>
        {
            _store.PutTable(table);
            rows = _connection.Execute(
                $"CREATE TABLE {Relation(database, name)} AS SELECT * FROM ({query}) {(statement.WithData ? string.Empty : "LIMIT 0")}",
                cancellationToken);
        });
        return LocalStatementOutcome.Written(statement.WithData ? rows : 0);
    }

    private LocalStatementOutcome Insert(InsertStatement statement, StatementScope scope, CancellationToken cancellationToken)
    {
        var (database, name) = Resolve(statement.Table, scope);
        var table = RequireTable(database, name);
        UseDatabase(scope.Database);
        if (table.IsView)
        {
            throw AthenaErrors.NotSupported($"Inserting into views is not supported: '{database}.{name}' is a view.");
        }

        if (table.IsIceberg)
        {
            var rows = _connection.Execute(TrinoTranslator.Translate(scope.Sql), cancellationToken);
            return LocalStatementOutcome.Written(rows);
        }

        if (table.StorageDescriptor.NumberOfBuckets > 0)
        {
            throw AthenaErrors.NotSupported($"Inserting into bucketed tables is not supported: '{database}.{name}' is bucketed.");
        }

        // Shape the query to the table's columns: named columns in the given order, the rest NULL (Trino's INSERT).
        var targets = table.AllColumns.ToList();
        var sourceQuery = TrinoTranslator.Translate(statement.Query.Text);
        var source = DescribeQuery(sourceQuery);
        var named = statement.Columns?.Select(Fold).ToList() ?? targets.Select(c => c.Name).ToList();
        if (named.Count != source.Count)
        {
            throw new EngineException("SYNTAX_ERROR", $"Insert query has {source.Count} column(s) but {named.Count} column(s) are expected for table '{database}.{name}'.");
        }

        foreach (var column in named.Where(n => targets.All(t => t.Name != n)))
        {
            throw new EngineException("COLUMN_NOT_FOUND", $"Insert column name does not exist in target table: {column}");
        }

        var select = targets.Select(t =>
        {
            var index = named.IndexOf(t.Name);
            var expression = index < 0 ? "NULL" : Quote(source[index].Name);
            return $"CAST({expression} AS {DuckDbTypeNames.FromHive(t.Type)}) AS {Quote(t.Name)}";
        });
        var shaped = $"SELECT {string.Join(", ", select)} FROM ({sourceQuery}) AS sluice_source({string.Join(", ", source.Select(s => Quote(s.Name)))})";
        var compression = (table.Parameters.TryGetValue("parquet.compression", out var codec) || table.Parameters.TryGetValue("write.compression", out codec)) &&
            Enum.TryParse<CompressionCodec>(codec, ignoreCase: true, out var parsed)
                ? parsed
                : CompressionCodec.Gzip;
        return LocalStatementOutcome.Written(WriteHive(table, shaped, scope, compression, cancellationToken, createTable: false));
    }

    /// <summary>
    /// Writes a query's rows as Parquet files of a Hive table: into staging first, then journaled, moved into place,
    /// and committed with the catalog change in one transaction. Returns the rows written.
    /// </summary>
    private long WriteHive(CatalogTable table, string query, StatementScope scope, CompressionCodec compression, CancellationToken cancellationToken, bool createTable)
    {
        var staging = Path.Combine(_lakehouse.StagingRoot, scope.QueryId);
        Directory.CreateDirectory(staging);
        try
        {
            var keys = table.PartitionKeys.Select(k => k.Name).ToList();
            var storage = HiveStorage.Of(table);
            var columns = table.AllColumns.Select(c =>
                // Hive tables hold milliseconds (athena.md §5).
                c.Type == "timestamp" ? $"CAST({Quote(c.Name)} AS TIMESTAMP_MS) AS {Quote(c.Name)}" : Quote(c.Name));
            var codecName = CodecName(compression);
            var options = new List<string> { storage.CopyOptions(codecName) };
            string target;
            if (keys.Count > 0)
            {
                options.Add("PARTITION_BY (" + string.Join(", ", keys.Select(Quote)) + ")");
                options.Add("FILENAME_PATTERN " + SqlRender.StringLiteral(scope.QueryId + "_{i}"));
                target = staging;
            }
            else
            {
                var extension = storage.Format switch { HiveDataFormat.Parquet => ".parquet", HiveDataFormat.Json => ".json", _ => ".csv" };
                var compressed = !storage.IsParquet && codecName == "gzip" ? ".gz" : !storage.IsParquet && codecName == "zstd" ? ".zst" : string.Empty;
                target = Path.Combine(staging, scope.QueryId + "_0" + extension + compressed);
            }

            long rows;
            if (keys.Count > 0 && storage.Format == HiveDataFormat.Json)
            {
                // DuckDB's JSON writer cannot partition: partition as Parquet in a scratch folder, then convert each part.
                var scratch = Path.Combine(_lakehouse.StagingRoot, scope.QueryId + "-scratch");
                rows = _connection.Execute(
                    $"COPY (SELECT {string.Join(", ", columns)} FROM ({query}) AS sluice_rows) TO {SqlRender.StringLiteral(scratch)} " +
                    $"(FORMAT parquet, PARTITION_BY ({string.Join(", ", keys.Select(Quote))}), FILENAME_PATTERN {SqlRender.StringLiteral(scope.QueryId + "_{i}")})",
                    cancellationToken);
                try
                {
                    foreach (var part in Directory.EnumerateFiles(scratch, "*.parquet", SearchOption.AllDirectories))
                    {
                        var folder = Path.Combine(staging, Path.GetRelativePath(scratch, Path.GetDirectoryName(part)!));
                        Directory.CreateDirectory(folder);
                        var name = Path.GetFileNameWithoutExtension(part) + ".json" + (codecName == "gzip" ? ".gz" : codecName == "zstd" ? ".zst" : string.Empty);
                        _connection.Execute(
                            $"COPY (SELECT * FROM read_parquet({SqlRender.StringLiteral(part)})) TO {SqlRender.StringLiteral(Path.Combine(folder, name))} ({storage.CopyOptions(codecName)})",
                            cancellationToken);
                    }
                }
                finally
                {
                    Directory.Delete(scratch, recursive: true);
                }
            }
            else
            {
                rows = _connection.Execute(
                    $"COPY (SELECT {string.Join(", ", columns)} FROM ({query}) AS sluice_rows) TO {SqlRender.StringLiteral(target)} ({string.Join(", ", options)})",
                    cancellationToken);
            }

            var files = Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            var tableRoot = S3Uri.Parse(table.StorageDescriptor.Location!).AsFolder();
            var partitions = new Dictionary<string, CatalogPartition>(StringComparer.Ordinal);
            var moves = new List<(string From, string To)>();
            foreach (var file in files)
            {
                var relativeFolder = Path.GetRelativePath(staging, Path.GetDirectoryName(file)!).Replace(Path.DirectorySeparatorChar, '/');
                relativeFolder = relativeFolder == "." ? string.Empty : relativeFolder;
                var folderUri = tableRoot;
                if (keys.Count > 0)
                {
                    // DuckDB names partition folders k=v; re-escape them the way Hive does.
                    var values = relativeFolder.Split('/').Select(part => Uri.UnescapeDataString(part[(part.IndexOf('=', StringComparison.Ordinal) + 1)..]))
                        .Select(v => v == "NULL" ? HivePartitionPath.DefaultPartitionName : v).ToList();
                    var folder = HivePartitionPath.Folder(keys, values);
                    folderUri = tableRoot.Combine(folder).AsFolder();
                    partitions.TryAdd(folder, new CatalogPartition(values, folderUri.ToString()) { CreateTime = DateTimeOffset.UtcNow });
                }

                moves.Add((file, Path.Combine(_lakehouse.LocalPath(folderUri), Path.GetFileName(file))));
            }

            if (partitions.Count > Capabilities.MaxOpenPartitionWriters)
            {
                var prefix = table.IsIceberg ? "ICEBERG" : "HIVE";
                throw new EngineException($"{prefix}_TOO_MANY_OPEN_PARTITIONS", "Exceeded limit of 100 open writers for partitions/buckets");
            }

            Publish(scope.QueryId, moves, () =>
            {
                var stored = createTable ? _store.PutTable(table) : table;
                var existing = keys.Count == 0 ? [] : _store.GetPartitions(table.DatabaseName, table.Name).Select(p => string.Join('\u0001', p.Values)).ToHashSet(StringComparer.Ordinal);
                var added = false;
                foreach (var partition in partitions.Values.Where(p => !existing.Contains(string.Join('\u0001', p.Values))))
                {
                    _store.PutPartition(table.DatabaseName, table.Name, partition);
                    added = true;
                }

                if (createTable || added)
                {
                    RebuildHiveRelation(stored);
                }
            });
            return rows;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>
    /// Makes staged files visible atomically: journal the targets (durable), move the files, then commit the catalog
    /// change and clear the journal in one transaction. If anything fails, the moved files are removed again; if the
    /// process dies, opening the lakehouse removes them (see <see cref="Recover"/>).
    /// </summary>
    private void Publish(string queryId, IReadOnlyList<(string From, string To)> moves, Action commitCatalog)
    {
        foreach (var (_, to) in moves)
        {
            if (File.Exists(to))
            {
                throw new EngineException("HIVE_PATH_ALREADY_EXISTS", $"The file {to} already exists; Sluice never overwrites data files.");
            }
        }

        _store.JournalFiles(queryId, moves.Select(m => m.To));
        var moved = new List<string>();
        try
        {
            foreach (var (from, to) in moves)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Move(from, to);
                moved.Add(to);
            }

            _store.InTransaction(() =>
            {
                commitCatalog();
                _store.ClearJournal(queryId);
            });
        }
        catch
        {
            foreach (var file in moved)
            {
                File.Delete(file);
            }

            _store.InTransaction(() => _store.ClearJournal(queryId));
            throw;
        }
    }

    private static void CheckPartitionColumnsLast(IReadOnlyList<QueryColumn> columns, IReadOnlyList<string> partitionKeys)
    {
        if (partitionKeys.Count == 0)
        {
            return;
        }

        var last = columns.Skip(columns.Count - partitionKeys.Count).Select(c => c.Name).ToList();
        if (columns.Count <= partitionKeys.Count || !last.SequenceEqual(partitionKeys, StringComparer.Ordinal))
        {
            throw new EngineException(
                "HIVE_COLUMN_ORDER_MISMATCH",
                $"Partition keys must be the last columns in the table and in the same order as the table properties: [{string.Join(", ", partitionKeys)}]");
        }
    }

    private static string CodecName(CompressionCodec codec) => codec switch
    {
        CompressionCodec.None => "uncompressed",
        CompressionCodec.Gzip => "gzip",
        CompressionCodec.Snappy => "snappy",
        CompressionCodec.Zstd => "zstd",
        CompressionCodec.Lz4 => "lz4_raw",
        _ => throw AthenaErrors.NotSupported($"Parquet files cannot be written with {codec} compression; use GZIP, SNAPPY, ZSTD, LZ4 or NONE."),
    };

    /// <summary>A query's output columns: folded names, DuckDB types and their Hive spellings.</summary>
    internal sealed record QueryColumn(string Name, DuckDbColumnType Type)
    {
        public string HiveType => DuckDbTypeNames.Hive(Type);
    }

    private List<QueryColumn> DescribeQuery(string query, AthenaColumnNames? names = null)
    {
        using var statement = _connection.Prepare($"SELECT * FROM ({query}) AS sluice_describe LIMIT 0");
        using var reader = statement.Query();
        var columns = new List<QueryColumn>();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = names?.Name(reader.GetName(i), i) ?? reader.GetName(i);
            columns.Add(new QueryColumn(Fold(name), reader.GetColumnType(i)));
        }

        var duplicate = columns.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new EngineException("DUPLICATE_COLUMN_NAME", string.Create(CultureInfo.InvariantCulture, $"Column name '{duplicate.Key}' specified more than once"));
        }

        return columns;
    }

    private void UseDatabase(string database)
    {
        // The connection keeps its default schema between statements; only a change costs a catalog lookup and a USE.
        if (string.Equals(_usedDatabase, database, StringComparison.Ordinal))
        {
            return;
        }

        RequireDatabase(database);
        _connection.Execute($"USE awsdatacatalog.{Quote(database)}");
        _connection.Execute(Translation.TrinoTranslator.SearchPath(database));
        _usedDatabase = database;
    }
}
