using Sluice.Storage;

namespace Sluice.Load;

/// <summary>
/// Where a pipeline's tables live: the Glue database <see cref="Dataset"/> and the data prefix
/// <c>&lt;bucket&gt;/&lt;dataset&gt;/&lt;table&gt;/</c>, which Sluice owns per table. Iceberg tables are loaded through Hive
/// staging tables in <see cref="StagingDataset"/> at <c>&lt;bucket&gt;/&lt;dataset&gt;_staging/&lt;table&gt;/</c>.
/// </summary>
public sealed partial record LoadDestination(string Dataset, S3Uri Bucket)
{
    /// <summary>Where job files go inside a table's folder.</summary>
    public FileLayout Layout { get; init; } = FileLayout.Parse(null);

    public string StagingDataset => Dataset + "_staging";

    /// <summary>The prefix Sluice owns for <paramref name="table"/> (always a folder).</summary>
    public S3Uri TablePrefix(string table) => Bucket.AsFolder().Combine(Dataset + "/" + table + "/");

    /// <summary>The staging prefix Sluice owns for an Iceberg table (always a folder).</summary>
    public S3Uri StagingPrefix(string table) => Bucket.AsFolder().Combine(StagingDataset + "/" + table + "/");

    /// <summary>A Hive table's data generation: written by one replace (or the first load), swapped in by SET LOCATION.</summary>
    public S3Uri Generation(string table, string loadId) => TablePrefix(table).Combine("g" + loadId + "/");

    /// <summary>
    /// True for an object Sluice wrote as Hive table data: under <paramref name="table"/>'s prefix, inside a generation
    /// folder <c>g&lt;load id&gt;/</c>. Nothing else under a table's prefix is ever deleted.
    /// </summary>
    public bool IsGenerationObject(string table, S3Uri item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var prefix = TablePrefix(table);
        return item.Bucket == prefix.Bucket && item.Key.StartsWith(prefix.Key, StringComparison.Ordinal) &&
               GenerationFolder().IsMatch(item.Key[prefix.Key.Length..]);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^g\d+\.\d{6}/", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex GenerationFolder();

    /// <summary>Iceberg tables take their LOCATION without a trailing slash (a trailing slash broke Athena writes).</summary>
    public string IcebergLocation(string table) => TablePrefix(table).ToString().TrimEnd('/');
}
