namespace Sluice.Load;

/// <summary>The unit timestamps are stored in: Athena reads Hive timestamps at milliseconds, Iceberg at microseconds.</summary>
public enum TimestampPrecision
{
    Milliseconds,
    Microseconds,
}
