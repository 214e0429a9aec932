namespace Sluice.Sql.Types;

/// <summary>The parameterless primitive types.</summary>
public enum PrimitiveTypeKind
{
    /// <summary><c>boolean</c>.</summary>
    Boolean,

    /// <summary><c>tinyint</c>.</summary>
    TinyInt,

    /// <summary><c>smallint</c>.</summary>
    SmallInt,

    /// <summary>Hive <c>int</c>, Trino <c>integer</c>.</summary>
    Integer,

    /// <summary><c>bigint</c>.</summary>
    BigInt,

    /// <summary>Hive <c>float</c>, Trino <c>real</c>.</summary>
    Real,

    /// <summary><c>double</c>.</summary>
    Double,

    /// <summary><c>date</c>.</summary>
    Date,

    /// <summary>Hive <c>binary</c>, Trino <c>varbinary</c>.</summary>
    Binary,
}
