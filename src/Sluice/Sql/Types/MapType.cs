namespace Sluice.Sql.Types;

/// <summary>Hive <c>map&lt;K,V&gt;</c>, Trino <c>map(K, V)</c>.</summary>
public sealed record MapType(SqlType KeyType, SqlType ValueType) : SqlType
{
    /// <inheritdoc/>
    public override bool IsComplex => true;

    /// <inheritdoc/>
    public override string ToHiveString() => "map<" + KeyType.ToHiveString() + "," + ValueType.ToHiveString() + ">";

    /// <inheritdoc/>
    public override string ToTrinoString() => "map(" + KeyType.ToTrinoString() + ", " + ValueType.ToTrinoString() + ")";
}
