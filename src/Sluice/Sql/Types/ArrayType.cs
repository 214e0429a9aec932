namespace Sluice.Sql.Types;

/// <summary>Hive <c>array&lt;T&gt;</c>, Trino <c>array(T)</c>.</summary>
public sealed record ArrayType(SqlType ElementType) : SqlType
{
    /// <inheritdoc/>
    public override bool IsComplex => true;

    /// <inheritdoc/>
    public override string ToHiveString() => "array<" + ElementType.ToHiveString() + ">";

    /// <inheritdoc/>
    public override string ToTrinoString() => "array(" + ElementType.ToTrinoString() + ")";
}
