namespace Sluice.Bench;

/// <summary>One measured operation; <see cref="Baseline"/> names the native operation it is compared with.</summary>
public sealed record Measurement(string Name, TimeSpan Median, TimeSpan Min, string? Baseline = null);
