namespace Sluice.Engines;

/// <summary>
/// Athena's price: $5 per TB scanned, bytes rounded up to the next MB, 10 MB minimum per query
/// (<c>cost = 5 × max(ceil(bytes / 2^20), 10) / 2^20</c>). DDL and failed queries are free.
/// </summary>
public static class AthenaPricing
{
    public const decimal DollarsPerTerabyte = 5m;
    private const long Megabyte = 1L << 20;
    private const long MinimumMegabytes = 10;

    public static decimal CostUsd(long bytesScanned)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesScanned);
        var megabytes = Math.Max((bytesScanned + Megabyte - 1) / Megabyte, MinimumMegabytes);
        return DollarsPerTerabyte * megabytes / Megabyte;
    }
}
