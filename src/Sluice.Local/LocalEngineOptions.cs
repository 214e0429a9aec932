namespace Sluice.Local;

/// <summary>Settings of the local engine.</summary>
public sealed record LocalEngineOptions
{
    /// <summary>DuckDB worker threads; null lets DuckDB use every core.</summary>
    public int? Threads { get; init; }

    /// <summary>DuckDB's memory limit, e.g. <c>4GB</c>; null keeps DuckDB's default (80% of RAM).</summary>
    public string? MemoryLimit { get; init; }

    /// <summary>
    /// Where CTAS without <c>external_location</c> puts a Hive table, as Athena does under the workgroup's result
    /// location: <c>&lt;QueryResultsLocation&gt;tables/&lt;query-id&gt;/</c>.
    /// </summary>
    public string QueryResultsLocation { get; init; } = "s3://sluice-query-results/";

    /// <summary>
    /// Behave like a workgroup that enforces <see cref="QueryResultsLocation"/>: a CTAS with <c>external_location</c> is
    /// rejected with Athena's message, and <see cref="Sluice.Engines.EngineCapabilities.EnforcedOutputLocation"/> says so.
    /// </summary>
    public bool EnforceQueryResultsLocation { get; init; }
}
