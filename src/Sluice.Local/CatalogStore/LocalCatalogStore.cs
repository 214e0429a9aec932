using System.Text.Json;
using Sluice.Catalog;
using Sluice.DuckDb;

namespace Sluice.Local.CatalogStore;

/// <summary>
/// The Glue-shaped catalog kept in <c>lakehouse.duckdb</c>, schema <c>sluice$catalog</c>. Every table change archives
/// the previous version and bumps the version id. Callers group changes with <see cref="InTransaction"/> so that a
/// catalog change and the data or view change it describes commit together.
/// </summary>
internal sealed class LocalCatalogStore(DuckDbConnection connection)
{
    public const string Schema = "awsdatacatalog.\"sluice$catalog\"";
    private const int FormatVersion = 1;

    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public void EnsureCreated()
    {
        connection.Execute($"""
            CREATE SCHEMA IF NOT EXISTS {Schema};
            CREATE TABLE IF NOT EXISTS {Schema}.meta (key VARCHAR, value VARCHAR);
            CREATE TABLE IF NOT EXISTS {Schema}.databases (name VARCHAR, body VARCHAR);
            CREATE TABLE IF NOT EXISTS {Schema}.tables (database_name VARCHAR, name VARCHAR, version_id BIGINT, body VARCHAR);
            CREATE TABLE IF NOT EXISTS {Schema}.table_versions (database_name VARCHAR, name VARCHAR, version_id BIGINT, body VARCHAR, archived_at TIMESTAMP);
            CREATE TABLE IF NOT EXISTS {Schema}.partitions (database_name VARCHAR, table_name VARCHAR, values_key VARCHAR, body VARCHAR);
            CREATE TABLE IF NOT EXISTS {Schema}.journal (query_id VARCHAR, path VARCHAR);
            """);
        var version = Scalar<string>($"SELECT value FROM {Schema}.meta WHERE key = 'format'");
        if (version is null)
        {
            Run($"INSERT INTO {Schema}.meta VALUES ('format', $1)", FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Runs <paramref name="work"/> in one DuckDB transaction: all of it commits, or none of it.</summary>
    public T InTransaction<T>(Func<T> work)
    {
        connection.Execute("BEGIN TRANSACTION");
        try
        {
            var result = work();
            connection.Execute("COMMIT");
            return result;
        }
        catch
        {
            TryRollback();
            throw;
        }
    }

    public void InTransaction(Action work) => InTransaction(() =>
    {
        work();
        return 0;
    });

    private void TryRollback()
    {
        try
        {
            connection.Execute("ROLLBACK");
        }
        catch (DuckDbException)
        {
            // No transaction left to roll back: the failure already ended it.
        }
    }

    // ---- meta ---------------------------------------------------------------------------------------------------

    public string? GetMeta(string key) => Scalar<string>($"SELECT value FROM {Schema}.meta WHERE key = $1", key);

    public void SetMeta(string key, string value)
    {
        Run($"DELETE FROM {Schema}.meta WHERE key = $1", key);
        Run($"INSERT INTO {Schema}.meta VALUES ($1, $2)", key, value);
    }

    public void DeleteMeta(string key) => Run($"DELETE FROM {Schema}.meta WHERE key = $1", key);

    // ---- databases ----------------------------------------------------------------------------------------------

    public IReadOnlyList<CatalogDatabase> GetDatabases() =>
        Bodies<CatalogDatabase>($"SELECT body FROM {Schema}.databases ORDER BY name");

    public CatalogDatabase? GetDatabase(string name) =>
        Bodies<CatalogDatabase>($"SELECT body FROM {Schema}.databases WHERE name = $1", name).FirstOrDefault();

    public void PutDatabase(CatalogDatabase database)
    {
        Run($"DELETE FROM {Schema}.databases WHERE name = $1", database.Name);
        Run($"INSERT INTO {Schema}.databases VALUES ($1, $2)", database.Name, JsonSerializer.Serialize(database, Json));
    }

    public void DeleteDatabase(string name) => Run($"DELETE FROM {Schema}.databases WHERE name = $1", name);

    // ---- tables -------------------------------------------------------------------------------------------------

    public IReadOnlyList<CatalogTable> GetTables(string database) =>
        Bodies<CatalogTable>($"SELECT body FROM {Schema}.tables WHERE database_name = $1 ORDER BY name", database);

    public CatalogTable? GetTable(string database, string name) =>
        Bodies<CatalogTable>($"SELECT body FROM {Schema}.tables WHERE database_name = $1 AND name = $2", database, name).FirstOrDefault();

    public IReadOnlyList<CatalogTable> GetTableVersions(string database, string name)
    {
        var current = GetTable(database, name);
        var archived = Bodies<CatalogTable>(
            $"SELECT body FROM {Schema}.table_versions WHERE database_name = $1 AND name = $2 ORDER BY version_id DESC", database, name);
        return current is null ? archived : [current, .. archived];
    }

    /// <summary>
    /// Creates or replaces a table. When <paramref name="expectedVersion"/> is given, the stored version must match
    /// (Glue's optimistic concurrency on UpdateTable). The previous version is archived. Returns the stored table.
    /// </summary>
    public CatalogTable PutTable(CatalogTable table, long? expectedVersion = null)
    {
        var existing = GetTable(table.DatabaseName, table.Name);
        if (expectedVersion is { } expected && existing is not null && existing.VersionId != expected)
        {
            throw new InvalidOperationException(
                $"The table {table.DatabaseName}.{table.Name} changed (version {existing.VersionId}, expected {expected}); read it again and retry.");
        }

        var now = DateTimeOffset.UtcNow;
        var stored = table with
        {
            VersionId = (existing?.VersionId ?? 0) + 1,
            CreateTime = existing?.CreateTime ?? now,
            UpdateTime = now,
        };
        if (existing is not null)
        {
            Run($"INSERT INTO {Schema}.table_versions VALUES ($1, $2, $3, $4, now())",
                existing.DatabaseName, existing.Name, existing.VersionId, JsonSerializer.Serialize(existing, Json));
            Run($"DELETE FROM {Schema}.tables WHERE database_name = $1 AND name = $2", table.DatabaseName, table.Name);
        }

        Run($"INSERT INTO {Schema}.tables VALUES ($1, $2, $3, $4)",
            stored.DatabaseName, stored.Name, stored.VersionId, JsonSerializer.Serialize(stored, Json));
        return stored;
    }

    /// <summary>Removes a table, its versions and its partitions from the catalog (never its files).</summary>
    public void DeleteTable(string database, string name)
    {
        Run($"DELETE FROM {Schema}.tables WHERE database_name = $1 AND name = $2", database, name);
        Run($"DELETE FROM {Schema}.table_versions WHERE database_name = $1 AND name = $2", database, name);
        Run($"DELETE FROM {Schema}.partitions WHERE database_name = $1 AND table_name = $2", database, name);
    }

    // ---- partitions ---------------------------------------------------------------------------------------------

    public IReadOnlyList<CatalogPartition> GetPartitions(string database, string table) =>
        Bodies<CatalogPartition>($"SELECT body FROM {Schema}.partitions WHERE database_name = $1 AND table_name = $2 ORDER BY values_key", database, table);

    public CatalogPartition? GetPartition(string database, string table, IReadOnlyList<string> values) =>
        Bodies<CatalogPartition>(
            $"SELECT body FROM {Schema}.partitions WHERE database_name = $1 AND table_name = $2 AND values_key = $3",
            database, table, ValuesKey(values)).FirstOrDefault();

    public void PutPartition(string database, string table, CatalogPartition partition)
    {
        var key = ValuesKey(partition.Values);
        Run($"DELETE FROM {Schema}.partitions WHERE database_name = $1 AND table_name = $2 AND values_key = $3", database, table, key);
        Run($"INSERT INTO {Schema}.partitions VALUES ($1, $2, $3, $4)", database, table, key, JsonSerializer.Serialize(partition, Json));
    }

    public void DeletePartition(string database, string table, IReadOnlyList<string> values) =>
        Run($"DELETE FROM {Schema}.partitions WHERE database_name = $1 AND table_name = $2 AND values_key = $3", database, table, ValuesKey(values));

    /// <summary>Removes every partition entry of a table (never files).</summary>
    public void DeletePartitions(string database, string table) =>
        Run($"DELETE FROM {Schema}.partitions WHERE database_name = $1 AND table_name = $2", database, table);

    private static string ValuesKey(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, Json);

    // ---- journal ------------------------------------------------------------------------------------------------

    /// <summary>Records, durably, the files a statement is about to publish, before they appear.</summary>
    public void JournalFiles(string queryId, IEnumerable<string> paths)
    {
        InTransaction(() =>
        {
            foreach (var path in paths)
            {
                Run($"INSERT INTO {Schema}.journal VALUES ($1, $2)", queryId, path);
            }
        });
    }

    /// <summary>Forgets a statement's journal entry; called in the transaction that commits its catalog change.</summary>
    public void ClearJournal(string queryId) => Run($"DELETE FROM {Schema}.journal WHERE query_id = $1", queryId);

    public IReadOnlyList<(string QueryId, string Path)> GetJournal()
    {
        using var reader = connection.Query($"SELECT query_id, path FROM {Schema}.journal ORDER BY query_id, path");
        var entries = new List<(string, string)>();
        while (reader.Read())
        {
            entries.Add((reader.GetString(0), reader.GetString(1)));
        }

        return entries;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private void Run(string sql, params object?[] parameters)
    {
        using var statement = connection.Prepare(sql);
        for (var i = 0; i < parameters.Length; i++)
        {
            statement.Bind(i + 1, parameters[i]);
        }

        statement.Execute();
    }

    private T? Scalar<T>(string sql, params object?[] parameters)
    {
        using var statement = connection.Prepare(sql);
        for (var i = 0; i < parameters.Length; i++)
        {
            statement.Bind(i + 1, parameters[i]);
        }

        using var reader = statement.Query();
        return reader.Read() && !reader.IsNull(0) ? reader.GetFieldValue<T>(0) : default;
    }

    private List<T> Bodies<T>(string sql, params object?[] parameters)
    {
        using var statement = connection.Prepare(sql);
        for (var i = 0; i < parameters.Length; i++)
        {
            statement.Bind(i + 1, parameters[i]);
        }

        using var reader = statement.Query();
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), Json)
                ?? throw new InvalidDataException($"The lakehouse catalog holds an empty record for '{sql}'."));
        }

        return list;
    }
}
