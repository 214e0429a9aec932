namespace Sluice.Catalog;

/// <summary>A Glue storage descriptor: where a table's (or partition's) files are and how they are encoded.</summary>
public sealed record StorageDescriptor
{
    public IReadOnlyList<CatalogColumn> Columns { get; init; } = [];

    /// <summary>The S3 location, <c>s3://bucket/prefix/</c>.</summary>
    public string? Location { get; init; }

    public string? InputFormat { get; init; }

    public string? OutputFormat { get; init; }

    public SerDeInfo? SerdeInfo { get; init; }

    public IReadOnlyList<string> BucketColumns { get; init; } = [];

    public int NumberOfBuckets { get; init; }

    public bool Compressed { get; init; }

    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Parquet as Athena writes it into Glue.</summary>
    public static StorageDescriptor Parquet(string location, IReadOnlyList<CatalogColumn> columns) => new()
    {
        Location = location,
        Columns = columns,
        InputFormat = HiveFormats.ParquetInput,
        OutputFormat = HiveFormats.ParquetOutput,
        SerdeInfo = new SerDeInfo(HiveFormats.ParquetSerDe),
    };
}
