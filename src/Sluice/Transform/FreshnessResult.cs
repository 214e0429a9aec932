namespace Sluice.Transform;

/// <summary>
/// The freshness of one source table: <see cref="Status"/> is dbt's (<c>pass</c>, <c>warn</c>, <c>error</c> when older than
/// <c>error_after</c>, <c>runtime error</c> when the query failed), with the newest load time and its age.
/// </summary>
public sealed record FreshnessResult(SourceTable Source, string Status)
{
    /// <summary>The newest <c>loaded_at_field</c> value in UTC; <see cref="DateTime.MinValue"/> for an empty table (as dbt: infinitely old).</summary>
    public DateTime? MaxLoadedAt { get; init; }

    /// <summary>The engine's <c>current_timestamp</c> when the query ran, in UTC.</summary>
    public DateTime? SnapshottedAt { get; init; }

    public double? AgeSeconds { get; init; }

    /// <summary>The failure for <c>runtime error</c>, else null.</summary>
    public string? Error { get; init; }

    public string? Sql { get; init; }

    public DateTime StartedAt { get; init; }

    public DateTime CompletedAt { get; init; }

    public TimeSpan Elapsed => CompletedAt - StartedAt;

    public long DataScannedBytes { get; init; }

    public bool IsFailure => Status is "error" or "runtime error";
}
