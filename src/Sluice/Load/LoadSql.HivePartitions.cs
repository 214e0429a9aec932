using System.Text;
using Sluice.Schema;
using Sluice.Sql;

namespace Sluice.Load;

/// <summary>A registered (or to be registered) Hive partition: its values in key order (null = NULL) and its folder.</summary>
public sealed record HivePartition(IReadOnlyList<string?> Values, string Location)
{
    /// <summary>The values as one comparable string.</summary>
    public string Id => string.Join('\u0001', Values.Select(LoadSql.PartitionValue));
}

public static partial class LoadSql
{
    /// <summary>Hive's value for a NULL (or empty) partition value; Athena reads it back as NULL.</summary>
    public const string DefaultPartitionName = "__HIVE_DEFAULT_PARTITION__";

    /// <summary>Partitions per ADD/DROP PARTITION statement (Glue's BatchCreatePartition takes 100).</summary>
    public const int PartitionsPerStatement = 100;

    // Hive's FileUtils.escapePathName escapes these (and control characters) as %XX in partition folder names.
    private const string EscapedInFolders = "\"#%'*/:=?\\\u007f{[]^";

    /// <summary>The value Hive stores for <paramref name="value"/>: NULL and the empty string become the default partition.</summary>
    public static string PartitionValue(string? value) => string.IsNullOrEmpty(value) ? DefaultPartitionName : value;

    /// <summary>The Hive folder <c>k1=v1/k2=v2/</c> of a partition, escaped the way Hive and Athena write it.</summary>
    public static string PartitionFolder(IReadOnlyList<HivePartitionKey> keys, IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(values);
        var folder = new StringBuilder();
        for (var i = 0; i < keys.Count; i++)
        {
            folder.Append(EscapeFolder(keys[i].Name)).Append('=').Append(EscapeFolder(PartitionValue(values[i]))).Append('/');
        }

        return folder.ToString();
    }

    private static string EscapeFolder(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c < ' ' || EscapedInFolders.Contains(c, StringComparison.Ordinal))
            {
                text.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary><c>CREATE EXTERNAL TABLE ... PARTITIONED BY (...)</c>: identity keys leave the data columns.</summary>
    public static string CreateHiveTable(string database, string table, IEnumerable<ColumnSchema> columns, string location, IReadOnlyList<HivePartitionKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return CreateHiveTable(database, table, columns, location);
        }

        var identity = keys.Where(k => k.IsIdentity).Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        return $"CREATE EXTERNAL TABLE {Ddl(database, table)} ({Columns(columns.Where(c => !identity.Contains(c.Name)))}) " +
               $"PARTITIONED BY ({string.Join(", ", keys.Select(k => SqlRender.DdlIdentifier(k.Name) + " " + AthenaType(k.Type)))}) " +
               $"STORED AS PARQUET LOCATION {SqlRender.HiveStringLiteral(location)}";
    }

    private static string PartitionSpec(IReadOnlyList<HivePartitionKey> keys, IReadOnlyList<string?> values) =>
        "PARTITION (" + string.Join(", ", keys.Select((k, i) => SqlRender.DdlIdentifier(k.Name) + " = " + SqlRender.HiveStringLiteral(PartitionValue(values[i])))) + ")";

    /// <summary>One <c>ALTER TABLE ADD IF NOT EXISTS PARTITION ... LOCATION ...</c> per <see cref="PartitionsPerStatement"/> partitions.</summary>
    public static IReadOnlyList<string> AddPartitions(string database, string table, IReadOnlyList<HivePartitionKey> keys, IEnumerable<HivePartition> partitions) =>
        partitions.Chunk(PartitionsPerStatement)
            .Select(chunk => $"ALTER TABLE {Ddl(database, table)} ADD IF NOT EXISTS " +
                             string.Join(" ", chunk.Select(p => PartitionSpec(keys, p.Values) + " LOCATION " + SqlRender.HiveStringLiteral(p.Location))))
            .ToList();

    /// <summary>One <c>ALTER TABLE DROP IF EXISTS PARTITION ...</c> per <see cref="PartitionsPerStatement"/> partitions (the files stay).</summary>
    public static IReadOnlyList<string> DropPartitions(string database, string table, IReadOnlyList<HivePartitionKey> keys, IEnumerable<HivePartition> partitions) =>
        partitions.Chunk(PartitionsPerStatement)
            .Select(chunk => $"ALTER TABLE {Ddl(database, table)} DROP IF EXISTS " + string.Join(", ", chunk.Select(p => PartitionSpec(keys, p.Values))))
            .ToList();

    /// <summary>Points one partition at another folder: a single catalog update, so readers see the old or the new files.</summary>
    public static string SetPartitionLocation(string database, string table, IReadOnlyList<HivePartitionKey> keys, HivePartition partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return $"ALTER TABLE {Ddl(database, table)} {PartitionSpec(keys, partition.Values)} SET LOCATION {SqlRender.HiveStringLiteral(partition.Location)}";
    }

    /// <summary>
    /// The statements that make <paramref name="target"/> the table's partitions, given the registered
    /// <paramref name="current"/> ones: add the new partitions (batched), re-point the kept ones whose folder changed (one
    /// statement each), then drop those in <paramref name="dropped"/>. Adding before dropping means a reader never sees
    /// the table empty. Every statement is idempotent, so the sequence can run again after a crash.
    /// </summary>
    public static IReadOnlyList<string> SwitchPartitions(
        string database, string table, IReadOnlyList<HivePartitionKey> keys, IReadOnlyCollection<HivePartition> target, IReadOnlyCollection<HivePartition> current, IEnumerable<HivePartition> dropped)
    {
        var registered = current.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var statements = new List<string>();
        statements.AddRange(AddPartitions(database, table, keys, target.Where(p => !registered.ContainsKey(p.Id))));
        statements.AddRange(target.Where(p => registered.TryGetValue(p.Id, out var old) && !SameFolder(old.Location, p.Location))
            .Select(p => SetPartitionLocation(database, table, keys, p)));
        statements.AddRange(DropPartitions(database, table, keys, dropped.Where(p => registered.ContainsKey(p.Id))));
        return statements;
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Storage.S3Uri.Parse(a).AsFolder().ToString(), Storage.S3Uri.Parse(b).AsFolder().ToString(), StringComparison.Ordinal);
}
