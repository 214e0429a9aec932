using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Sluice.Catalog;
using Sluice.DuckDb;
using Sluice.Engines;
using Sluice.Local.CatalogStore;
using Sluice.Local.Hive;
using Sluice.Local.Storage;
using Sluice.Sql;
using Sluice.Sql.Ast;

namespace Sluice.Local;

/// <summary>
/// Athena on a folder: S3 objects under <c>&lt;root&gt;/s3</c>, the Glue catalog and Iceberg data in
/// <c>&lt;root&gt;/lakehouse.duckdb</c>, SQL on DuckDB. One process at a time may open a lakehouse; statements run one
/// at a time. Every statement is atomic: a failed one leaves no visible file and no catalog change, and a crash at any
/// point leaves the previous state (see docs/local-engine.md).
/// </summary>
public sealed partial class LocalAthenaEngine : IAthenaEngine
{
    private readonly LakehouseFolder _lakehouse;
    private readonly DuckDbDatabase _database;
    private readonly DuckDbConnection _connection;
    private readonly LocalCatalogStore _store;
    private readonly LocalEngineOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _usedDatabase;
    // The files the running statement's Hive relations listed, with their sizes: its "data scanned". A relation may be
    // bound more than once per statement, so files are counted once each.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _scannedFiles = new(StringComparer.Ordinal);

    private LocalAthenaEngine(LakehouseFolder lakehouse, DuckDbDatabase database, DuckDbConnection connection, LocalEngineOptions options)
    {
        _lakehouse = lakehouse;
        _database = database;
        _connection = connection;
        _options = options;
        Capabilities = new()
        {
            IsLocal = true, SupportsIceberg = true, SupportsIcebergDml = true,
            EnforcedOutputLocation = options.EnforceQueryResultsLocation ? options.QueryResultsLocation : null,
        };
        _store = new LocalCatalogStore(connection);
        Catalog = new LocalCatalog(this);
    }

    public EngineCapabilities Capabilities { get; }

    public ICatalog Catalog { get; }

    /// <summary>The lakehouse root folder.</summary>
    public string Root => _lakehouse.Root;

    /// <summary>
    /// Opens (creating if needed) the lakehouse at <paramref name="root"/>. Fails with <c>LAKEHOUSE_IN_USE</c> when
    /// another process has it open. Rolls back whatever a crashed statement left half-published.
    /// </summary>
    public static LocalAthenaEngine Open(string root, LocalEngineOptions? options = null)
    {
        options ??= new LocalEngineOptions();
        var lakehouse = new LakehouseFolder(root);
        Directory.CreateDirectory(lakehouse.Root);
        Directory.CreateDirectory(lakehouse.ObjectsRoot);
        var settings = new Dictionary<string, string>();
        if (options.Threads is { } threads)
        {
            settings["threads"] = threads.ToString(CultureInfo.InvariantCulture);
        }

        if (options.MemoryLimit is { } memory)
        {
            settings["memory_limit"] = memory;
        }

        var database = DuckDbDatabase.Open(null, settings);
        DuckDbConnection? connection = null;
        try
        {
            connection = database.Connect();
            Translation.TrinoTranslator.ConfigureSession(connection);
            var engine = new LocalAthenaEngine(lakehouse, database, connection, options);
            engine.RegisterFunctions();
            engine.Attach();
            engine.Initialize();
            return engine;
        }
        catch
        {
            connection?.Dispose();
            database.Dispose();
            throw;
        }
    }

    /// <summary>Runs one Athena statement. See <see cref="IAthenaEngine.ExecuteAsync"/>.</summary>
    public async Task<QueryResult> ExecuteAsync(string sql, QueryContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Execute(sql, context ?? QueryContext.Default, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs one statement on the calling thread.</summary>
    public QueryResult Execute(string sql, QueryContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sql);
        context ??= QueryContext.Default;
        var queryId = Guid.NewGuid().ToString();
        var watch = Stopwatch.StartNew();
        _scannedFiles.Clear();
        try
        {
            var statement = SqlStatementParser.Parse(sql);
            var database = Fold(context.Database);
            LocalStatementOutcome? outcome = null;
            string? mismatch = null;
            try
            {
                outcome = Dispatch(statement, new StatementScope(queryId, database, sql), cancellationToken);
            }
            catch (DuckDbException e) when (e.Message.Contains("schema mismatch", StringComparison.Ordinal))
            {
                mismatch = e.Message;
                if (!AdaptToSchemaMismatch(mismatch))
                {
                    throw;
                }
            }

            if (outcome is null)
            {
                // A file lacks a catalog column (it predates ALTER TABLE ADD COLUMNS, or another writer made it):
                // the table now reads with union_by_name, and the statement runs again from the start.
                _scannedFiles.Clear();
                outcome = Dispatch(statement, new StatementScope(queryId, database, sql), cancellationToken);
            }

            watch.Stop();
            var rows = outcome.UpdateCount ?? outcome.Rows.Count;
            var bytes = outcome.Type == StatementType.Dml ? _scannedFiles.Values.Sum() : 0;
            return new QueryResult(queryId, outcome.Columns, outcome.Rows, new QueryStatistics(rows, bytes, watch.Elapsed, outcome.Type))
            {
                UpdateCount = outcome.UpdateCount,
            };
        }
        catch (SqlException e)
        {
            throw new EngineException(e.ErrorName, e.Message, e) { QueryExecutionId = queryId };
        }
        catch (DuckDbException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw AthenaErrors.FromDuckDb(e, context, queryId, sql);
        }
        catch (EngineException e) when (e.QueryExecutionId is null)
        {
            throw new EngineException(e.ErrorName, e.Message, e.InnerException) { QueryExecutionId = queryId, ErrorCategory = e.ErrorCategory, Retryable = e.Retryable };
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _database.Dispose();
        _gate.Dispose();
    }

    /// <summary>Bumped whenever <see cref="HiveRelation"/> builds views differently, so that opening rebuilds them.</summary>
    private const string RelationsVersion = "4";

    internal sealed record StatementScope(string QueryId, string Database, string Sql);

    private LocalStatementOutcome Dispatch(SqlStatement statement, StatementScope scope, CancellationToken cancellationToken) => statement switch
    {
        CreateDatabaseStatement s => CreateDatabase(s),
        DropDatabaseStatement s => DropDatabase(s),
        ShowDatabasesStatement s => ShowDatabases(s),
        CreateExternalTableStatement s => CreateExternalTable(s, scope),
        CreateIcebergTableStatement s => CreateIcebergTable(s, scope),
        CreateTableAsStatement s => CreateTableAs(s, scope, cancellationToken),
        InsertStatement s => Insert(s, scope, cancellationToken),
        CreateViewStatement s => CreateView(s, scope),
        DropViewStatement s => DropView(s, scope),
        DropTableStatement s => DropTable(s, scope),
        AlterTableStatement s => AlterTable(s, scope),
        MsckRepairTableStatement s => RepairTable(s, scope),
        ShowTablesStatement s => ShowTables(s, scope),
        ShowViewsStatement s => ShowViews(s, scope),
        ShowColumnsStatement s => ShowColumns(s, scope),
        ShowPartitionsStatement s => ShowPartitions(s, scope),
        ShowTblPropertiesStatement s => ShowTableProperties(s, scope),
        ShowCreateTableStatement s => ShowCreateTable(s.Table, scope),
        ShowCreateViewStatement s => ShowCreateTable(s.View, scope),
        DescribeStatement s => Describe(s, scope),
        UpdateStatement s => ModifyIceberg(s.Table, "UPDATE", scope, cancellationToken),
        DeleteStatement s => ModifyIceberg(s.Table, "DELETE", scope, cancellationToken),
        MergeStatement s => ModifyIceberg(s.Target, "MERGE", scope, cancellationToken),
        OptimizeStatement s => Optimize(s.Table, scope),
        VacuumStatement s => Vacuum(s.Table, scope),
        QueryStatement s => Query(s.Text.Text, scope, cancellationToken),
        _ => throw new EngineException("NOT_SUPPORTED", $"The local engine does not run {statement.GetType().Name} statements yet."),
    };

    internal static string Fold(string name) => name.ToLowerInvariant();

    private void RegisterFunctions()
    {
        // sluice_files(template, folder): the Parquet files a Hive relation reads, listed at every bind (see HiveRelation).
        _connection.RegisterScalarFunction(new DuckDbScalarFunction(
            HiveRelation.FilesFunction,
            [DuckDbColumnType.Varchar, DuckDbColumnType.Varchar],
            DuckDbColumnType.ListOf(DuckDbColumnType.Varchar),
            args =>
            {
                var files = new List<string> { args.GetString(0) };
                if (!args.IsNull(1))
                {
                    foreach (var file in DataFiles.List(args.GetString(1)))
                    {
                        files.Add(file);
                        _scannedFiles.TryAdd(file, new FileInfo(file).Length);
                    }
                }

                return files;
            })
        {
            HandlesNulls = true,
            IsVolatile = true,
        });

        // sluice_partition_files(template, root, folders): the files of the registered partition folders under root.
        _connection.RegisterScalarFunction(new DuckDbScalarFunction(
            HiveRelation.PartitionFilesFunction,
            [DuckDbColumnType.Varchar, DuckDbColumnType.Varchar, DuckDbColumnType.ListOf(DuckDbColumnType.Varchar)],
            DuckDbColumnType.ListOf(DuckDbColumnType.Varchar),
            args =>
            {
                var files = new List<string> { args.GetString(0) };
                var root = args.GetString(1);
                foreach (var folder in (List<object?>)args.GetValue(2)!)
                {
                    foreach (var file in DataFiles.List(Path.Combine(root, ((string)folder!).Replace('/', Path.DirectorySeparatorChar))))
                    {
                        files.Add(file);
                        _scannedFiles.TryAdd(file, new FileInfo(file).Length);
                    }
                }

                return files;
            })
        {
            IsVolatile = true,
        });
    }

    private void Attach()
    {
        try
        {
            _connection.Execute($"ATTACH {SqlRender.StringLiteral(_lakehouse.CatalogFile)} AS awsdatacatalog");
        }
        catch (DuckDbException e) when (e.Message.Contains("Conflicting lock", StringComparison.Ordinal) || e.Message.Contains("Could not set lock", StringComparison.Ordinal))
        {
            var pid = Regex.Match(e.Message, @"PID (\d+)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            throw new EngineException(
                "LAKEHOUSE_IN_USE",
                $"The lakehouse at '{_lakehouse.Root}' is in use by process {(pid.Success ? pid.Groups[1].Value : "(unknown)")}. " +
                "Only one process may open a lakehouse at a time: wait for that process to finish, or use another --lakehouse folder.",
                e);
        }
    }

    private void Initialize()
    {
        _store.InTransaction(() =>
        {
            _store.EnsureCreated();
            if (_store.GetDatabase("default") is null)
            {
                _store.PutDatabase(new CatalogDatabase("default") { Description = "Default Hive database", CreateTime = DateTimeOffset.UtcNow });
                _connection.Execute("CREATE SCHEMA IF NOT EXISTS awsdatacatalog.\"default\"");
            }
        });
        Recover();
        var recordedRoot = _store.GetMeta("root");
        var recordedRelations = _store.GetMeta("relations");
        if (!string.Equals(recordedRoot, _lakehouse.Root, StringComparison.Ordinal) ||
            !string.Equals(recordedRelations, RelationsVersion, StringComparison.Ordinal))
        {
            // The folder moved (views hold absolute paths), or views are built differently now: rebuild them.
            _store.InTransaction(() =>
            {
                foreach (var database in _store.GetDatabases())
                {
                    foreach (var table in _store.GetTables(database.Name).Where(t => t.IsHive))
                    {
                        RebuildHiveRelation(table);
                    }
                }

                _store.SetMeta("root", _lakehouse.Root);
                _store.SetMeta("relations", RelationsVersion);
            });
        }
    }

    /// <summary>Deletes the files of statements that were publishing when a crash stopped them.</summary>
    private void Recover()
    {
        var journal = _store.GetJournal();
        foreach (var (_, path) in journal)
        {
            // Only paths under the objects root that this lakehouse wrote are in the journal.
            if (path.StartsWith(_lakehouse.ObjectsRoot, StringComparison.Ordinal) && File.Exists(path))
            {
                File.Delete(path);
            }
        }

        foreach (var queryId in journal.Select(j => j.QueryId).Distinct(StringComparer.Ordinal))
        {
            _store.InTransaction(() => _store.ClearJournal(queryId));
        }

        if (Directory.Exists(_lakehouse.StagingRoot))
        {
            Directory.Delete(_lakehouse.StagingRoot, recursive: true);
        }
    }
}
