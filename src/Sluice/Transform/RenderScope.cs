using Sluice.Catalog;
using Sluice.Engines;

namespace Sluice.Transform;

/// <summary>What one render of one node may do: whether it executes (run_query, statements, introspection), and what it recorded.</summary>
internal sealed class RenderScope
{
    public RenderScope(TransformNode node, bool execute)
    {
        Node = node;
        Execute = execute;
    }

    public TransformNode Node { get; }

    public bool Execute { get; }

    public bool IsIncremental { get; init; }

    public bool FullRefresh { get; init; }

    /// <summary>Runs one statement (execute phase only); counted in the node's statistics.</summary>
    public Func<string, QueryResult>? RunSql { get; init; }

    /// <summary>Looks a table up in the catalog (execute phase only).</summary>
    public Func<string, string, CatalogTable?>? GetTable { get; init; }

    public Action<string>? Log { get; init; }

    public List<string> Refs { get; } = [];

    public List<string> SourceIds { get; } = [];

    /// <summary>Ephemeral models referenced, in first-use order: their SQL is inlined as CTEs.</summary>
    public List<TransformNode> Ephemerals { get; } = [];

    public Dictionary<string, object?> Results { get; } = new(StringComparer.Ordinal);

    public DbtConfigObject? Config { get; set; }
}
