namespace Sluice.Engines;

/// <summary>A result column as Athena's ColumnInfo describes it; <see cref="Type"/> is the Trino type name (<c>varchar</c>, <c>array(integer)</c>).</summary>
public sealed record ResultColumn(string Name, string Type)
{
    public int Precision { get; init; }

    public int Scale { get; init; }

    public bool Nullable { get; init; } = true;
}
