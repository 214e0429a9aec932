namespace Sluice.Schema;

/// <summary>The merge algorithm for <see cref="WriteDisposition.Merge"/> (see docs/loading.md).</summary>
public enum MergeStrategy
{
    DeleteInsert,
    Upsert,
    InsertOnly,
    Scd2,
}
