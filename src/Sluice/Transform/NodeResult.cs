namespace Sluice.Transform;

/// <summary>
/// What happened to one node: <see cref="Status"/> is dbt's (<c>success</c>, <c>error</c>, <c>skipped</c>; tests
/// <c>pass</c>, <c>fail</c>, <c>warn</c>), with the engine's figures for every statement the node ran.
/// </summary>
public sealed record NodeResult(TransformNode Node, string Status, string Message)
{
    public DateTime StartedAt { get; init; }

    public DateTime CompletedAt { get; init; }

    public TimeSpan Elapsed => CompletedAt - StartedAt;

    /// <summary>Rows written (the engine's update counts), or for tests the failing rows.</summary>
    public long RowsAffected { get; init; }

    public long DataScannedBytes { get; init; }

    /// <summary>The engine statements the node ran, in order.</summary>
    public IReadOnlyList<string> Statements { get; init; } = [];

    /// <summary>
    /// The catalog calls the node made (Glue-shaped UpdateTable, DeleteTable, partition and replace calls), in order.
    /// They are not engine statements: they scan nothing and Athena does not bill them.
    /// </summary>
    public IReadOnlyList<string> CatalogCalls { get; init; } = [];

    public long? Failures { get; init; }

    /// <summary>Messages worth showing (kept data locations, strategy notes, <c>log()</c> output).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool IsFailure => Status is "error" or "fail";
}
