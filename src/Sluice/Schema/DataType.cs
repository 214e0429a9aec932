namespace Sluice.Schema;

/// <summary>Sluice's column types; <c>docs/loading.md</c> maps each to Athena and Parquet per table format.</summary>
public enum DataType
{
    Text,
    Bigint,
    Double,
    Bool,
    Decimal,
    Timestamp,
    Date,
    Binary,
    Json,

    /// <summary>Time of day: Athena cannot read it from Parquet, so a job holding it fails permanently.</summary>
    Time,
}
