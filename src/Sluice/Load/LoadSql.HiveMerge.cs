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
}
