namespace Sluice.Schema;

/// <summary>
/// One column of a table schema. <see cref="Type"/> is null while only NULLs were seen: such a column is
/// <em>incomplete</em> and is not created in the destination.
/// </summary>
public sealed class ColumnSchema
{
    /// <summary>The normalised name as it appears in Athena.</summary>
    public required string Name { get; init; }

    /// <summary>The source path the name came from (<c>user.firstName</c>), kept to explain name collisions.</summary>
    public required string SourceName { get; init; }

    public DataType? Type { get; set; }

    public bool Nullable { get; set; } = true;

    public bool PrimaryKey { get; set; }

    public bool MergeKey { get; set; }

    /// <summary>For a variant column (<c>price__v_text</c>), the column whose type the value did not fit.</summary>
    public string? VariantOf { get; init; }

    public bool IsComplete => Type is not null;

    public ColumnSchema Clone() => new()
    {
        Name = Name, SourceName = SourceName, Type = Type, Nullable = Nullable, PrimaryKey = PrimaryKey, MergeKey = MergeKey, VariantOf = VariantOf,
    };
}
