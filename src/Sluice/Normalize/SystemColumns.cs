namespace Sluice.Normalize;

/// <summary>The linking and bookkeeping columns Sluice adds (dlt's <c>_dlt_*</c> columns).</summary>
public static class SystemColumns
{
    public const string Id = "_sluice_id";
    public const string ParentId = "_sluice_parent_id";
    public const string ListIndex = "_sluice_list_idx";
    public const string RootId = "_sluice_root_id";
    public const string LoadId = "_sluice_load_id";
    public const string ValidFrom = "_sluice_valid_from";
    public const string ValidTo = "_sluice_valid_to";
    public const string Value = "value";

    public static bool IsSystem(string name) => name.StartsWith("_sluice_", StringComparison.Ordinal);
}
