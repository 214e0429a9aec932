namespace Sluice.Engines;

/// <summary>What a statement cost: rows, bytes scanned, time and the estimated Athena charge.</summary>
public sealed record QueryStatistics(long Rows, long DataScannedBytes, TimeSpan Elapsed, StatementType StatementType)
{
    /// <summary>What Athena would charge for <see cref="DataScannedBytes"/>; DDL and UTILITY are free.</summary>
    public decimal EstimatedCostUsd => StatementType == StatementType.Dml ? AthenaPricing.CostUsd(DataScannedBytes) : 0m;
}
