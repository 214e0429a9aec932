namespace Sluice.Sql.Types;

/// <summary>A parameterless primitive type.</summary>
public sealed record PrimitiveType(PrimitiveTypeKind Kind) : SqlType
{
    /// <inheritdoc/>
    public override string ToHiveString() => Kind switch
    {
        PrimitiveTypeKind.Boolean => "boolean",
        PrimitiveTypeKind.TinyInt => "tinyint",
        PrimitiveTypeKind.SmallInt => "smallint",
        PrimitiveTypeKind.Integer => "int",
        PrimitiveTypeKind.BigInt => "bigint",
        PrimitiveTypeKind.Real => "float",
        PrimitiveTypeKind.Double => "double",
        PrimitiveTypeKind.Date => "date",
        PrimitiveTypeKind.Binary => "binary",
        _ => throw new InvalidOperationException($"Unknown primitive {Kind}."),
    };

    /// <inheritdoc/>
    public override string ToTrinoString() => Kind switch
    {
        PrimitiveTypeKind.Integer => "integer",
        PrimitiveTypeKind.Real => "real",
        PrimitiveTypeKind.Binary => "varbinary",
        _ => ToHiveString(),
    };
}
