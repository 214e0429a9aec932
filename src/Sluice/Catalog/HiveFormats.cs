namespace Sluice.Catalog;

/// <summary>The Hive input/output formats and SerDes Athena records in Glue for each storage format.</summary>
public static class HiveFormats
{
    public const string ParquetInput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
    public const string ParquetOutput = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
    public const string ParquetSerDe = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    public const string TextInput = "org.apache.hadoop.mapred.TextInputFormat";
    public const string TextOutput = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";
    public const string LazySimpleSerDe = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    public const string OpenCsvSerDe = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
    public const string JsonSerDe = "org.openx.data.jsonserde.JsonSerDe";
    public const string HiveJsonSerDe = "org.apache.hive.hcatalog.data.JsonSerDe";
}
