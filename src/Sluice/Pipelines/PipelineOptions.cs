using Sluice.Storage;

namespace Sluice.Pipelines;

/// <summary>What a pipeline is called, where it loads and where it keeps its packages.</summary>
public sealed record PipelineOptions
{
    /// <summary>Names the schema and the default working folder; snake case is applied for the schema name.</summary>
    public required string Name { get; init; }

    /// <summary>The Glue database the tables go to (normalised to snake case).</summary>
    public required string Dataset { get; init; }

    /// <summary>The bucket (and optional prefix) table data lives under.</summary>
    public required S3Uri Bucket { get; init; }

    /// <summary>The pipeline's working folder; default <c>.sluice/pipelines/&lt;name&gt;</c>.</summary>
    public string? WorkingFolder { get; init; }

    /// <summary>dlt's filesystem layout (validated, see <see cref="Load.FileLayout"/>); null uses the default.</summary>
    public string? Layout { get; init; }

    public int MaxRowsPerFile { get; init; } = 250_000;

    public long MaxBytesPerFile { get; init; } = 64L << 20;
}
