namespace Sluice.Transform.Docs;

/// <summary>What <c>docs generate</c> wrote: the catalog and the site, how many relations the catalog found, and the graph's size.</summary>
public sealed record DocsSummary(string CatalogFile, string IndexFile, int Relations, int Nodes, int Edges);
