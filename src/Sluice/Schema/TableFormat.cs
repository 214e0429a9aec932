namespace Sluice.Schema;

/// <summary>Hive: external Parquet files under a LOCATION. Iceberg: a transactional table written only through SQL.</summary>
public enum TableFormat
{
    Hive,
    Iceberg,
}
