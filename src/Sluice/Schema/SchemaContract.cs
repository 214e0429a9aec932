namespace Sluice.Schema;

/// <summary>What happens when data does not fit the existing schema (dlt's schema contract modes).</summary>
public enum ContractMode
{
    /// <summary>The schema grows (the default).</summary>
    Evolve,

    /// <summary>The load fails with a <see cref="Errors.SchemaException"/> naming the table, column and value.</summary>
    Freeze,

    /// <summary>The whole item (with its nested rows) is skipped and counted.</summary>
    DiscardRow,

    /// <summary>The value that does not fit is left out; the rest of the item loads.</summary>
    DiscardValue,
}

/// <summary>
/// Limits schema changes per resource: <see cref="Tables"/> for new tables, <see cref="Columns"/> for new columns of
/// tables that existed before the package, <see cref="DataType"/> for values that would need a variant column.
/// A new table may always get its first columns. DiscardValue on tables acts as DiscardRow.
/// </summary>
public sealed record SchemaContract
{
    public static SchemaContract Evolve { get; } = new();

    public static SchemaContract Frozen { get; } = new() { Tables = ContractMode.Freeze, Columns = ContractMode.Freeze, DataType = ContractMode.Freeze };

    public ContractMode Tables { get; init; } = ContractMode.Evolve;

    public ContractMode Columns { get; init; } = ContractMode.Evolve;

    public ContractMode DataType { get; init; } = ContractMode.Evolve;

    public bool IsEvolve => Tables == ContractMode.Evolve && Columns == ContractMode.Evolve && DataType == ContractMode.Evolve;
}
