namespace Sluice.Schema;

/// <summary>An Iceberg partition transform (Athena's PARTITIONED BY for Iceberg tables).</summary>
public enum PartitionFunction
{
    Identity,
    Year,
    Month,
    Day,
    Hour,
    Bucket,
    Truncate,
}

/// <summary>
/// One partition field of an Iceberg table, in hint order: <c>PARTITIONED BY (`region`, day(`ts`), bucket(8, `id`))</c>.
/// <see cref="Argument"/> is the bucket count or truncate width.
/// </summary>
public sealed record PartitionHint(string Column, PartitionFunction Function = PartitionFunction.Identity, int Argument = 0)
{
    public static PartitionHint Year(string column) => new(column, PartitionFunction.Year);

    public static PartitionHint Month(string column) => new(column, PartitionFunction.Month);

    public static PartitionHint Day(string column) => new(column, PartitionFunction.Day);

    public static PartitionHint Hour(string column) => new(column, PartitionFunction.Hour);

    public static PartitionHint Bucket(int count, string column) => new(column, PartitionFunction.Bucket, count);

    public static PartitionHint Truncate(int width, string column) => new(column, PartitionFunction.Truncate, width);

    /// <summary>The DDL fragment, with the column escaped for Hive DDL.</summary>
    public string ToDdl()
    {
        var column = Sql.SqlRender.DdlIdentifier(Column);
        var argument = Argument.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Function switch
        {
            PartitionFunction.Identity => column,
            PartitionFunction.Bucket => $"bucket({argument}, {column})",
            PartitionFunction.Truncate => $"truncate({argument}, {column})",
            _ => $"{Function.ToString().ToLowerInvariant()}({column})",
        };
    }
}
