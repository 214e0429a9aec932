namespace Sluice.Pipelines;

/// <summary>What <see cref="Pipeline.DropAsync"/> removed.</summary>
/// <param name="Tables">Tables dropped from the dataset (and its staging dataset), qualified.</param>
/// <param name="DeletedObjects">Data objects deleted, all under locations Sluice created for those tables.</param>
/// <param name="Statements">The SQL run, in order.</param>
/// <param name="ResetResources">Resources whose state was reset (a partial drop); empty for a full drop.</param>
/// <param name="WorkingFolderWiped">True when the local working folder's packages, schema and state were deleted.</param>
public sealed record DropInfo(
    IReadOnlyList<string> Tables, int DeletedObjects, IReadOnlyList<string> Statements, IReadOnlyList<string> ResetResources, bool WorkingFolderWiped);

/// <summary>What a drop would remove: the tables of the pipeline (or of the selected resources) as the schema knows them.</summary>
/// <param name="Dataset">The dataset the tables live in.</param>
/// <param name="Tables">The pipeline's tables the drop covers (root tables and their child tables).</param>
/// <param name="SystemTables">True when the drop also covers the pipeline's rows in (or the whole of) the <c>_sluice_*</c> tables.</param>
public sealed record DropPlan(string Dataset, IReadOnlyList<string> Tables, bool SystemTables);
