using Sluice.Schema;
using Sluice.Sql;

namespace Sluice.Load;

public static partial class LoadSql
{
    /// <summary>True when a table's files go to a staging table first: every Iceberg table, and Hive tables that merge.</summary>
    public static bool NeedsStaging(TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.TableFormat == TableFormat.Iceberg || table.WriteDisposition == WriteDisposition.Merge;
    }

    /// <summary>The helper table a Hive merge writes one table's new generation through (in the staging database).</summary>
    public static string RewriteHelper(string table) => Naming.SnakeCaseNaming.Shorten(table + "__sluice_rewrite");

    /// <summary>Drops a Hive helper table; Hive DROP TABLE leaves its files, which are the new generation.</summary>
    public static string DropHelper(LoadDestination destination, string table)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return "DROP TABLE IF EXISTS " + Ddl(destination.StagingDataset, RewriteHelper(table));
    }

    /// <summary>
    /// CTAS that writes the merged state of one table of a Hive chain into <paramref name="location"/>: the current rows
    /// that the merge keeps plus the staging rows that win. Reads only the current LOCATION and staging, so it can
    /// run again until the LOCATION switch.
    /// </summary>
    public static string HiveMergeRewrite(LoadDestination destination, TableSchema root, TableSchema table, string location)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(table);
        var names = Names(table);
        var current = Dml(destination.Dataset, table.Name);
        var staging = Dml(destination.StagingDataset, table.Name);
        var rootCurrent = Dml(destination.Dataset, root.Name);
        var rootStaging = Dml(destination.StagingDataset, root.Name);
        var winners = Winners(root, rootStaging);
        var isRoot = ReferenceEquals(table, root);
        string kept;
        string added;
        switch (root.MergeStrategy)
        {
            case MergeStrategy.InsertOnly:
            {
                var on = KeyMatch(root, "d", "w", primaryOnly: true)!;
                var inserted = $"SELECT w.{Id} FROM ({winners}) w WHERE NOT EXISTS (SELECT 1 FROM {rootCurrent} d WHERE {on})";
                kept = $"SELECT {List(names)} FROM {current}";
                added = isRoot
                    ? $"SELECT {List(names)} FROM ({winners}) w WHERE {Id} IN ({inserted})"
                    : $"SELECT {List(names)} FROM {staging} WHERE {RootIdColumn} IN ({inserted})";
                break;
            }

            default:
            {
                // Delete-insert and upsert keep the current rows whose key is not in staging (with their children) and add
                // the winners; upsert ids are key hashes, so its children follow the same rule.
                var match = KeyMatch(root, "d", "s", primaryOnly: root.MergeStrategy == MergeStrategy.Upsert);
                var replaced = match is null ? null : $"SELECT d.{Id} FROM {rootCurrent} d WHERE EXISTS (SELECT 1 FROM {rootStaging} s WHERE {match})";
                kept = replaced is null
                    ? $"SELECT {List(names)} FROM {current}"
                    : $"SELECT {List(names)} FROM {current} WHERE {(isRoot ? Id : RootIdColumn)} NOT IN ({replaced})";
                added = isRoot
                    ? $"SELECT {List(names)} FROM ({winners}) w"
                    : $"SELECT {List(names)} FROM {staging} WHERE {RootIdColumn} IN (SELECT {Id} FROM ({winners}) w)";
                break;
            }
        }

        return $"CREATE TABLE {Dml(destination.StagingDataset, RewriteHelper(table.Name))} " +
               $"WITH (external_location = {SqlRender.StringLiteral(location)}, format = 'PARQUET', write_compression = 'ZSTD') AS " +
               $"{kept} UNION ALL {added}";
    }

    /// <summary>
    /// The partitions a merge of a partitioned Hive root touches: those of current rows that staging replaces or deletes,
    /// plus those of the winning staging rows. Only these are rewritten; values come back as varchar.
    /// </summary>
    public static string HiveAffectedPartitions(LoadDestination destination, TableSchema root, IReadOnlyList<HivePartitionKey> keys, bool asText)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(keys);
        var current = Dml(destination.Dataset, root.Name);
        var staging = Dml(destination.StagingDataset, root.Name);
        var derived = keys.Where(k => !k.IsIdentity).Select(k => k.Name).ToList();
        var keyNames = keys.Select(k => k.Name).ToList();
        var match = KeyMatch(root, "d", "s", primaryOnly: root.MergeStrategy == MergeStrategy.Upsert);
        var parts = new List<string>();
        if (match is not null)
        {
            parts.Add($"SELECT {List(keyNames, "d")} FROM {current} d WHERE EXISTS (SELECT 1 FROM {staging} s WHERE {match})");
        }

        parts.Add($"SELECT {List(keyNames, "w")} FROM ({Winners(root, staging, derived)}) w");
        var select = asText ? string.Join(", ", keyNames.Select(k => $"CAST({SqlRender.DmlIdentifier(k)} AS varchar)")) : List(keyNames);
        return $"SELECT DISTINCT {select} FROM ({string.Join(" UNION ALL ", parts)}) a";
    }

    /// <summary>
    /// CTAS that writes the merged state of only the affected partitions of a partitioned Hive root into
    /// <paramref name="location"/> (Hive <c>k=v/</c> folders): the current rows of those partitions that the merge keeps,
    /// plus the winning staging rows. Reads only the current partitions and staging, so it can run again until the switch.
    /// </summary>
    public static string HivePartitionedMergeRewrite(LoadDestination destination, TableSchema root, IReadOnlyList<HivePartitionKey> keys, string location)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(keys);
        var identity = keys.Where(k => k.IsIdentity).Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        var derived = keys.Where(k => !k.IsIdentity).Select(k => k.Name).ToList();
        var keyNames = keys.Select(k => k.Name).ToList();
        var columns = Names(root).Where(n => !identity.Contains(n)).Concat(keyNames).ToList();
        var current = Dml(destination.Dataset, root.Name);
        var staging = Dml(destination.StagingDataset, root.Name);
        var winners = Winners(root, staging, derived);
        var inAffected = "EXISTS (SELECT 1 FROM (" + HiveAffectedPartitions(destination, root, keys, asText: false) + ") p WHERE " +
                         string.Join(" AND ", keyNames.Select(k => $"(p.{SqlRender.DmlIdentifier(k)} = d.{SqlRender.DmlIdentifier(k)} OR (p.{SqlRender.DmlIdentifier(k)} IS NULL AND d.{SqlRender.DmlIdentifier(k)} IS NULL))")) + ")";
        string kept;
        string added;
        if (root.MergeStrategy == MergeStrategy.InsertOnly)
        {
            var on = KeyMatch(root, "d", "w", primaryOnly: true)!;
            kept = $"SELECT {List(columns, "d")} FROM {current} d WHERE {inAffected}";
            added = $"SELECT {List(columns, "w")} FROM ({winners}) w WHERE NOT EXISTS (SELECT 1 FROM {current} d WHERE {on})";
        }
        else
        {
            var match = KeyMatch(root, "d", "s", primaryOnly: root.MergeStrategy == MergeStrategy.Upsert);
            var replaced = match is null ? string.Empty : $" AND NOT EXISTS (SELECT 1 FROM {staging} s WHERE {match})";
            kept = $"SELECT {List(columns, "d")} FROM {current} d WHERE {inAffected}{replaced}";
            added = $"SELECT {List(columns, "w")} FROM ({winners}) w";
        }

        return $"CREATE TABLE {Dml(destination.StagingDataset, RewriteHelper(root.Name))} " +
               $"WITH (external_location = {SqlRender.StringLiteral(location)}, format = 'PARQUET', write_compression = 'ZSTD', " +
               $"partitioned_by = ARRAY[{string.Join(", ", keyNames.Select(SqlRender.StringLiteral))}]) AS " +
               $"{kept} UNION ALL {added}";
    }
}
