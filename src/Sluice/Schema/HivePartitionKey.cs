using Sluice.Errors;

namespace Sluice.Schema;

/// <summary>
/// One partition key of a Hive table, derived from a <see cref="PartitionHint"/>: identity keeps the column (it moves from
/// the data files to the <c>k=v/</c> folder), the transforms add a derived column named as Iceberg names its partition
/// fields: <c>&lt;col&gt;_year</c> (bigint, the calendar year), <c>&lt;col&gt;_month</c> (string <c>yyyy-MM</c>),
/// <c>&lt;col&gt;_day</c> (date), <c>&lt;col&gt;_hour</c> (string <c>yyyy-MM-dd-HH</c>), <c>&lt;col&gt;_bucket</c> (bigint,
/// Iceberg's bucket hash, see <see cref="PartitionTransforms.Bucket"/>) and <c>&lt;col&gt;_trunc</c> (the source type).
/// See docs/loading.md.
/// </summary>
public sealed record HivePartitionKey(string Name, DataType Type, PartitionHint Hint, DataType SourceType)
{
    /// <summary>True when the key is the source column itself (identity), so the column leaves the data files.</summary>
    public bool IsIdentity => Hint.Function == PartitionFunction.Identity;

    /// <summary>The derived column's name for <paramref name="hint"/>.</summary>
    public static string NameOf(PartitionHint hint)
    {
        ArgumentNullException.ThrowIfNull(hint);
        var suffix = hint.Function switch
        {
            PartitionFunction.Identity => string.Empty,
            PartitionFunction.Year => "_year",
            PartitionFunction.Month => "_month",
            PartitionFunction.Day => "_day",
            PartitionFunction.Hour => "_hour",
            PartitionFunction.Bucket => "_bucket",
            PartitionFunction.Truncate => "_trunc",
            _ => throw new ArgumentOutOfRangeException(nameof(hint), hint.Function, null),
        };
        return Naming.SnakeCaseNaming.Shorten(hint.Column + suffix);
    }

    /// <summary>
    /// The partition keys of a Hive root table, in hint order; empty when it has none. Fails with what to change when a
    /// hint cannot partition a Hive table (unknown or untyped column, a transform the column's type does not take, a
    /// derived name that clashes with a column, or a key used twice).
    /// </summary>
    public static IReadOnlyList<HivePartitionKey> Resolve(TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.TableFormat != TableFormat.Hive || table.Partition.Count == 0)
        {
            return [];
        }

        var keys = new List<HivePartitionKey>();
        foreach (var hint in table.Partition)
        {
            var column = table.Column(hint.Column);
            if (column is not { Type: { } type })
            {
                throw new LoadException(
                    $"Table '{table.Name}' is partitioned by {hint.ToDdl()}, but column '{hint.Column}' {(column is null ? "does not exist" : "has no values yet")}, so the partition key has no type. " +
                    "Load items that carry the column, declare its type in ResourceHints.Columns, or fix ResourceHints.Partition.");
            }

            var allowed = hint.Function switch
            {
                PartitionFunction.Identity => type is DataType.Text or DataType.Bigint or DataType.Bool or DataType.Date,
                PartitionFunction.Year or PartitionFunction.Month or PartitionFunction.Day => type is DataType.Timestamp or DataType.Date,
                PartitionFunction.Hour => type is DataType.Timestamp,
                PartitionFunction.Bucket => type is DataType.Bigint or DataType.Text or DataType.Date or DataType.Timestamp or DataType.Binary,
                PartitionFunction.Truncate => type is DataType.Bigint or DataType.Text,
                _ => false,
            };
            if (!allowed)
            {
                throw new LoadException(
                    $"Table '{table.Name}' is partitioned by {hint.ToDdl()}, but column '{hint.Column}' is {type.ToString().ToLowerInvariant()}, which a Hive partition {hint.Function.ToString().ToLowerInvariant()} cannot take " +
                    "(identity: text, bigint, bool, date; year/month/day: timestamp, date; hour: timestamp; bucket: bigint, text, date, timestamp, binary; truncate: bigint, text). " +
                    "Pick another transform (a timestamp partitions by day or hour), or declare the column's type in ResourceHints.Columns.");
            }

            if (hint.Function is PartitionFunction.Bucket or PartitionFunction.Truncate && hint.Argument <= 0)
            {
                throw new LoadException($"Table '{table.Name}' is partitioned by {hint.ToDdl()}; the {hint.Function.ToString().ToLowerInvariant()} argument must be at least 1.");
            }

            var name = NameOf(hint);
            if (hint.Function != PartitionFunction.Identity && table.Column(name) is not null)
            {
                throw new LoadException(
                    $"Table '{table.Name}' is partitioned by {hint.ToDdl()}, whose Hive partition column '{name}' clashes with a data column of that name. Rename the data column or partition by another transform.");
            }

            if (keys.Any(k => string.Equals(k.Name, name, StringComparison.Ordinal)))
            {
                throw new LoadException($"Table '{table.Name}' names the partition column '{name}' twice in ResourceHints.Partition; list each partition once.");
            }

            var keyType = hint.Function switch
            {
                PartitionFunction.Identity or PartitionFunction.Truncate => type,
                PartitionFunction.Year or PartitionFunction.Bucket => DataType.Bigint,
                PartitionFunction.Day => DataType.Date,
                _ => DataType.Text,
            };
            keys.Add(new HivePartitionKey(name, keyType, hint, type));
        }

        return keys;
    }
}
