using Sluice.Normalize;
using Sluice.Schema;
using Sluice.Sql;
using Sluice.Sql.Ast;

namespace Sluice.Load;

/// <summary>
/// The Athena statements a load runs, built from the package's schema only, so the same package always produces the
/// same SQL (a resumed sequence reruns exactly what was interrupted). Identifiers and literals go through
/// <see cref="SqlRender"/>.
/// </summary>
public static partial class LoadSql
{
    /// <summary>The Athena DDL type of a Sluice type.</summary>
    public static string AthenaType(DataType type) => type switch
    {
        DataType.Text or DataType.Json => "string",
        DataType.Bigint => "bigint",
        DataType.Double => "double",
        DataType.Bool => "boolean",
        DataType.Decimal => "decimal(38,9)",
        DataType.Timestamp => "timestamp",
        DataType.Date => "date",
        DataType.Binary => "binary",
        _ => throw new NotSupportedException($"Sluice type {type} has no Athena column type."),
    };

    public static string Ddl(string database, string table) => SqlRender.DdlName(new QualifiedName(database, table));

    public static string Dml(string database, string table) => SqlRender.DmlName(new QualifiedName(database, table));

    private static string Columns(IEnumerable<ColumnSchema> columns) =>
        string.Join(", ", columns.Select(c => SqlRender.DdlIdentifier(c.Name) + " " + AthenaType(c.Type!.Value)));

    public static string CreateHiveTable(string database, string table, IEnumerable<ColumnSchema> columns, string location) =>
        $"CREATE EXTERNAL TABLE {Ddl(database, table)} ({Columns(columns)}) STORED AS PARQUET LOCATION {SqlRender.HiveStringLiteral(location)}";

    public static string CreateIcebergTable(string database, string table, IEnumerable<ColumnSchema> columns, string location, IReadOnlyList<PartitionHint>? partition = null) =>
        $"CREATE TABLE {Ddl(database, table)} ({Columns(columns)}) " +
        (partition is { Count: > 0 } ? $"PARTITIONED BY ({string.Join(", ", partition.Select(p => p.ToDdl()))}) " : string.Empty) +
        $"LOCATION {SqlRender.HiveStringLiteral(location)} " +
        "TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet', 'write_compression'='zstd')";

    public static string AddColumns(string database, string table, IEnumerable<ColumnSchema> columns) =>
        $"ALTER TABLE {Ddl(database, table)} ADD COLUMNS ({Columns(columns)})";

    public static string SetLocation(string database, string table, string location) =>
        $"ALTER TABLE {Ddl(database, table)} SET LOCATION {SqlRender.HiveStringLiteral(location)}";

    private static string List(IEnumerable<string> names, string? alias = null) =>
        string.Join(", ", names.Select(n => (alias is null ? string.Empty : alias + ".") + SqlRender.DmlIdentifier(n)));

    private static IReadOnlyList<string> Names(TableSchema table) => table.CompleteColumns.Select(c => c.Name).ToList();

    /// <summary>Append: one INSERT; the anti-join on <c>_sluice_id</c> makes a rerun insert nothing twice.</summary>
    public static string IcebergAppend(LoadDestination destination, TableSchema table)
    {
        var names = Names(table);
        var target = Dml(destination.Dataset, table.Name);
        return $"INSERT INTO {target} ({List(names)}) SELECT {List(names, "s")} FROM {Dml(destination.StagingDataset, table.Name)} s " +
               $"WHERE NOT EXISTS (SELECT 1 FROM {target} d WHERE d.{Id} = s.{Id})";
    }

    /// <summary>
    /// Replace: one MERGE whose source is the table's current rows flagged for deletion plus the staging rows, so the
    /// swap is a single Iceberg commit. Rerunning it gives the same table.
    /// </summary>
    public static string IcebergReplace(LoadDestination destination, TableSchema table)
    {
        var names = Names(table);
        var target = Dml(destination.Dataset, table.Name);
        var op = SqlRender.DmlIdentifier("_sluice_op");
        return $"MERGE INTO {target} d USING (" +
               $"SELECT {List(names)}, 'd' AS {op} FROM {target} UNION ALL SELECT {List(names)}, 'i' AS {op} FROM {Dml(destination.StagingDataset, table.Name)}" +
               $") s ON s.{op} = 'd' AND d.{Id} = s.{Id} " +
               "WHEN MATCHED THEN DELETE " +
               $"WHEN NOT MATCHED THEN INSERT ({List(names)}) VALUES ({List(names, "s")})";
    }

    /// <summary>Delete-insert merge of a root and its children (see docs/loading.md); idempotent when rerun in full.</summary>
    public static IReadOnlyList<string> IcebergDeleteInsert(LoadDestination destination, TableSchema root, IReadOnlyList<TableSchema> children)
    {
        var statements = new List<string>();
        var target = Dml(destination.Dataset, root.Name);
        var staging = Dml(destination.StagingDataset, root.Name);
        var match = KeyMatch(root, "d", "s");
        var matched = match is null ? null : $"SELECT d.{Id} FROM {target} d WHERE EXISTS (SELECT 1 FROM {staging} s WHERE {match})";
        if (matched is not null)
        {
            foreach (var child in children)
            {
                statements.Add($"DELETE FROM {Dml(destination.Dataset, child.Name)} WHERE {RootIdColumn} IN ({matched})");
            }

            statements.Add($"DELETE FROM {target} WHERE {Id} IN ({matched})");
        }

        var winners = Winners(root, staging);
        var names = Names(root);
        statements.Add($"INSERT INTO {target} ({List(names)}) SELECT {List(names)} FROM ({winners}) w");
        foreach (var child in children)
        {
            var childNames = Names(child);
            statements.Add(
                $"INSERT INTO {Dml(destination.Dataset, child.Name)} ({List(childNames)}) SELECT {List(childNames)} FROM {Dml(destination.StagingDataset, child.Name)} " +
                $"WHERE {RootIdColumn} IN (SELECT {Id} FROM ({winners}) w)");
        }

        return statements;
    }

    /// <summary>Upsert merge: MERGE on the primary key, children MERGE on their ids, then orphaned children go.</summary>
    public static IReadOnlyList<string> IcebergUpsert(LoadDestination destination, TableSchema root, IReadOnlyList<TableSchema> children, bool insertOnly)
    {
        var statements = new List<string>();
        var target = Dml(destination.Dataset, root.Name);
        var staging = Dml(destination.StagingDataset, root.Name);
        var names = Names(root);
        var on = KeyMatch(root, "d", "s", primaryOnly: true)!;
        var hard = HardDeleteCondition(root, "s");
        var source = Deduplicated(root, staging, root.PrimaryKey);
        var merge = $"MERGE INTO {target} d USING ({source}) s ON {on} ";
        if (insertOnly)
        {
            merge += $"WHEN NOT MATCHED{(hard is null ? string.Empty : " AND NOT (" + hard + ")")} THEN INSERT ({List(names)}) VALUES ({List(names, "s")})";
        }
        else
        {
            if (hard is not null)
            {
                merge += $"WHEN MATCHED AND ({hard}) THEN DELETE ";
            }

            merge += $"WHEN MATCHED THEN UPDATE SET {string.Join(", ", names.Select(n => SqlRender.DmlIdentifier(n) + " = s." + SqlRender.DmlIdentifier(n)))} " +
                     $"WHEN NOT MATCHED{(hard is null ? string.Empty : " AND NOT (" + hard + ")")} THEN INSERT ({List(names)}) VALUES ({List(names, "s")})";
        }

        statements.Add(merge);
        var deletedRoots = hard is null ? null : $"SELECT {Id} FROM {staging} s WHERE {hard}";
        foreach (var child in children)
        {
            var childTarget = Dml(destination.Dataset, child.Name);
            var childStaging = Dml(destination.StagingDataset, child.Name);
            var childNames = Names(child);
            var childSource = Deduplicated(child, childStaging, [SystemColumns.Id]);
            if (deletedRoots is not null)
            {
                childSource = $"SELECT * FROM ({childSource}) c WHERE {RootIdColumn} NOT IN ({deletedRoots})";
            }

            var childMerge = $"MERGE INTO {childTarget} d USING ({childSource}) s ON d.{Id} = s.{Id} ";
            if (!insertOnly)
            {
                childMerge += $"WHEN MATCHED THEN UPDATE SET {string.Join(", ", childNames.Select(n => SqlRender.DmlIdentifier(n) + " = s." + SqlRender.DmlIdentifier(n)))} ";
            }

            childMerge += $"WHEN NOT MATCHED THEN INSERT ({List(childNames)}) VALUES ({List(childNames, "s")})";
            statements.Add(childMerge);
            if (!insertOnly)
            {
                statements.Add($"DELETE FROM {childTarget} WHERE {RootIdColumn} IN (SELECT {Id} FROM {staging}) AND {Id} NOT IN (SELECT {Id} FROM {childStaging})");
                if (deletedRoots is not null)
                {
                    statements.Add($"DELETE FROM {childTarget} WHERE {RootIdColumn} IN ({deletedRoots})");
                }
            }
        }

        return statements;
    }

    /// <summary>
    /// SCD2: retire active versions whose row hash is missing from staging (only keys present in staging when a merge
    /// key is set), insert staging versions that are not active yet, valid from <paramref name="boundary"/>; children
    /// are insert-only by id. Rerunning the sequence changes nothing more.
    /// </summary>
    public static IReadOnlyList<string> IcebergScd2(LoadDestination destination, TableSchema root, IReadOnlyList<TableSchema> children, DateTimeOffset boundary)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(children);
        var target = Dml(destination.Dataset, root.Name);
        var staging = Dml(destination.StagingDataset, root.Name);
        var from = SqlRender.DmlIdentifier(SystemColumns.ValidFrom);
        var to = SqlRender.DmlIdentifier(SystemColumns.ValidTo);
        var at = TimestampLiteral(boundary);
        var scope = root.MergeKey.Count == 0
            ? string.Empty
            : " AND " + string.Join(" AND ", root.MergeKey.Select(k => $"{SqlRender.DmlIdentifier(k)} IN (SELECT {SqlRender.DmlIdentifier(k)} FROM {staging})"));
        var statements = new List<string>
        {
            $"UPDATE {target} SET {to} = {at} WHERE {to} IS NULL AND {Id} NOT IN (SELECT {Id} FROM {staging}){scope}",
        };
        var names = Names(root);
        var values = names.Select(n => n == SystemColumns.ValidFrom ? at + " AS " + from : n == SystemColumns.ValidTo ? "CAST(NULL AS timestamp) AS " + to : SqlRender.DmlIdentifier(n));
        statements.Add(
            $"INSERT INTO {target} ({List(names)}) SELECT {string.Join(", ", values)} FROM ({Deduplicated(root, staging, [SystemColumns.Id])}) s " +
            $"WHERE {Id} NOT IN (SELECT {Id} FROM {target} WHERE {to} IS NULL)");
        foreach (var child in children)
        {
            var childNames = Names(child);
            var childTarget = Dml(destination.Dataset, child.Name);
            statements.Add(
                $"INSERT INTO {childTarget} ({List(childNames)}) SELECT {List(childNames)} FROM ({Deduplicated(child, Dml(destination.StagingDataset, child.Name), [SystemColumns.Id])}) s " +
                $"WHERE {Id} NOT IN (SELECT {Id} FROM {childTarget})");
        }

        return statements;
    }

    private static string Id => SqlRender.DmlIdentifier(SystemColumns.Id);

    private static string RootIdColumn => SqlRender.DmlIdentifier(SystemColumns.RootId);

    /// <summary><c>d.k = s.k AND ...</c> for the primary key, OR-ed with the same for the merge key; null without keys.</summary>
    private static string? KeyMatch(TableSchema table, string d, string s, bool primaryOnly = false)
    {
        string? Equal(IReadOnlyList<string> keys) => keys.Count == 0
            ? null
            : "(" + string.Join(" AND ", keys.Select(k => $"{d}.{SqlRender.DmlIdentifier(k)} = {s}.{SqlRender.DmlIdentifier(k)}")) + ")";

        var parts = new[] { Equal(table.PrimaryKey), primaryOnly ? null : Equal(table.MergeKey) }.OfType<string>().ToList();
        return parts.Count == 0 ? null : string.Join(" OR ", parts);
    }

    /// <summary>The condition that marks a staging row as a hard delete: TRUE for a bool column, NOT NULL otherwise.</summary>
    private static string? HardDeleteCondition(TableSchema table, string alias)
    {
        if (table.HardDelete is not { } name || table.Column(name) is not { IsComplete: true } column)
        {
            return null;
        }

        var reference = alias + "." + SqlRender.DmlIdentifier(name);
        return column.Type == DataType.Bool ? $"coalesce({reference}, false)" : $"{reference} IS NOT NULL";
    }

    /// <summary>
    /// One row per key of <paramref name="source"/>: the <c>DedupSort</c> winner, ties broken by <c>_sluice_id</c> so
    /// every statement that asks picks the same row.
    /// </summary>
    private static string Deduplicated(TableSchema table, string source, IReadOnlyList<string> keys, IReadOnlyList<string>? extra = null)
    {
        if (keys.Count == 0)
        {
            return $"SELECT * FROM {source}";
        }

        var order = new List<string>();
        if (table.DedupSort is { } sort && table.Column(sort) is { IsComplete: true })
        {
            order.Add(SqlRender.DmlIdentifier(sort) + (table.DedupSortDescending ? " DESC" : " ASC"));
        }

        order.Add(Id);
        var names = Names(table).Concat(extra ?? []).ToList();
        var rn = SqlRender.DmlIdentifier("_sluice_rn");
        return $"SELECT {List(names)} FROM (SELECT {List(names)}, row_number() OVER (PARTITION BY {List(keys)} ORDER BY {string.Join(", ", order)}) AS {rn} FROM {source}) x WHERE {rn} = 1";
    }

    /// <summary>The staging root rows that survive: deduplicated by primary key, hard deletes left out.</summary>
    private static string Winners(TableSchema root, string staging, IReadOnlyList<string>? extra = null)
    {
        var deduplicated = Deduplicated(root, staging, root.PrimaryKey, extra);
        var hard = HardDeleteCondition(root, "s");
        return hard is null ? deduplicated : $"SELECT * FROM ({deduplicated}) s WHERE NOT ({hard})";
    }

    /// <summary>The commit marker: inserts the package's <c>_sluice_loads</c> row once, however often it runs.</summary>
    public static string InsertLoad(string dataset, string loadId, string schemaName, string versionHash, DateTimeOffset insertedAt)
    {
        var table = Dml(dataset, SystemTables.Loads);
        return $"INSERT INTO {table} (\"load_id\", \"schema_name\", \"status\", \"inserted_at\", \"schema_version_hash\") " +
               $"SELECT {SqlRender.StringLiteral(loadId)}, {SqlRender.StringLiteral(schemaName)}, 0, {TimestampLiteral(insertedAt)}, {SqlRender.StringLiteral(versionHash)} " +
               $"WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE \"load_id\" = {SqlRender.StringLiteral(loadId)})";
    }

    /// <summary>Records a schema version once.</summary>
    public static string InsertVersion(string dataset, PipelineSchema schema, DateTimeOffset insertedAt)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var table = Dml(dataset, SystemTables.Version);
        return $"INSERT INTO {table} (\"version\", \"engine_version\", \"inserted_at\", \"schema_name\", \"version_hash\", \"schema\") " +
               $"SELECT {SqlRender.IntegerLiteral(schema.Version)}, {SqlRender.IntegerLiteral(SystemTables.EngineVersion)}, {TimestampLiteral(insertedAt)}, " +
               $"{SqlRender.StringLiteral(schema.Name)}, {SqlRender.StringLiteral(schema.VersionHash)}, {SqlRender.StringLiteral(StoredSchema.Encode(schema))} " +
               $"WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE \"version_hash\" = {SqlRender.StringLiteral(schema.VersionHash)})";
    }

    /// <summary>Records the package's pipeline state once (before the commit marker, so it counts only with its load).</summary>
    public static string InsertState(string dataset, string pipelineName, Extract.PipelineState state, string loadId, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(state);
        var table = Dml(dataset, SystemTables.State);
        return $"INSERT INTO {table} (\"version\", \"engine_version\", \"pipeline_name\", \"state\", \"created_at\", \"version_hash\", \"_sluice_load_id\", \"_sluice_id\") " +
               $"SELECT {SqlRender.IntegerLiteral(state.Version)}, {SqlRender.IntegerLiteral(SystemTables.EngineVersion)}, {SqlRender.StringLiteral(pipelineName)}, " +
               $"{SqlRender.StringLiteral(state.ToCompressed())}, {TimestampLiteral(createdAt)}, {SqlRender.StringLiteral(state.Hash())}, " +
               $"{SqlRender.StringLiteral(loadId)}, {SqlRender.StringLiteral(RowIds.FromKey([pipelineName, loadId]))} " +
               $"WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE \"_sluice_load_id\" = {SqlRender.StringLiteral(loadId)} AND \"pipeline_name\" = {SqlRender.StringLiteral(pipelineName)})";
    }

    /// <summary>The newest state of <paramref name="pipelineName"/> whose load completed.</summary>
    public static string LatestState(string dataset, string pipelineName) =>
        $"SELECT s.\"state\", s.\"_sluice_load_id\" FROM {Dml(dataset, SystemTables.State)} s " +
        $"WHERE s.\"pipeline_name\" = {SqlRender.StringLiteral(pipelineName)} AND EXISTS (SELECT 1 FROM {Dml(dataset, SystemTables.Loads)} l " +
        "WHERE l.\"load_id\" = s.\"_sluice_load_id\" AND l.\"status\" = 0) ORDER BY s.\"_sluice_load_id\" DESC LIMIT 1";

    /// <summary>The newest stored schema named <paramref name="schemaName"/>.</summary>
    public static string LatestSchema(string dataset, string schemaName) =>
        $"SELECT \"schema\" FROM {Dml(dataset, SystemTables.Version)} WHERE \"schema_name\" = {SqlRender.StringLiteral(schemaName)} ORDER BY \"version\" DESC LIMIT 1";

    public static string VersionRecorded(string dataset, string versionHash) =>
        $"SELECT count(*) FROM {Dml(dataset, SystemTables.Version)} WHERE \"version_hash\" = {SqlRender.StringLiteral(versionHash)}";

    private static string TimestampLiteral(DateTimeOffset value) =>
        "TIMESTAMP " + SqlRender.StringLiteral(value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture));
}
