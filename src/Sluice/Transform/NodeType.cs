namespace Sluice.Transform;

/// <summary>dbt's resource types that Sluice builds.</summary>
public enum NodeType
{
    Model,
    Seed,
    Test,
    Snapshot,
}
