namespace Sluice.Engines;

/// <summary>What an engine can do; shared code branches on these, never on the engine's type.</summary>
public sealed record EngineCapabilities
{
    /// <summary>Runs on this machine (no network, no cost).</summary>
    public bool IsLocal { get; init; }

    public bool SupportsIceberg { get; init; }

    /// <summary>Iceberg <c>MERGE INTO</c>, <c>UPDATE</c> and <c>DELETE</c>.</summary>
    public bool SupportsIcebergDml { get; init; }

    /// <summary>The largest query string, in UTF-8 bytes (Athena: 262,144).</summary>
    public int MaxQueryBytes { get; init; } = 262_144;

    /// <summary>
    /// The workgroup's output location when the workgroup enforces it (Athena's "override client-side settings"), else
    /// null. Athena then rejects a CTAS with <c>external_location</c> and puts Hive tables under
    /// <c>&lt;location&gt;tables/&lt;query-id&gt;/</c>.
    /// </summary>
    public string? EnforcedOutputLocation { get; init; }

    /// <summary>How many partitions one CTAS or INSERT may write (Athena: 100).</summary>
    public int MaxOpenPartitionWriters { get; init; } = 100;
}
