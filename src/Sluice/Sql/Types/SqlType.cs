namespace Sluice.Sql.Types;

/// <summary>
/// An Athena column or expression type. Hive DDL spells it one way (<c>int</c>, <c>string</c>,
/// <c>struct&lt;a:int&gt;</c>), Trino another (<c>integer</c>, <c>varchar</c>, <c>row(a integer)</c>); both parse into
/// the same model (athena.md §5).
/// </summary>
/// <remarks>
/// <see cref="ToHiveString"/> is the canonical Glue spelling: lower case, no spaces (<c>struct&lt;a:int,b:array&lt;string&gt;&gt;</c>,
/// <c>decimal(10,2)</c>), which is what Glue stores in <c>StorageDescriptor.Columns[].Type</c>.
/// <see cref="ToTrinoString"/> is the spelling Athena shows for query results and views
/// (<c>row(a integer, b array(varchar))</c>). Records compare by value, including struct field lists.
/// </remarks>
public abstract partial record SqlType
{
    private protected SqlType()
    {
    }

    /// <summary>The Glue/Hive spelling. Throws <see cref="SqlException"/> (<c>NOT_SUPPORTED</c>) for types Hive cannot
    /// store: <c>timestamp with time zone</c>, rows with unnamed fields.</summary>
    public abstract string ToHiveString();

    /// <summary>The Trino spelling.</summary>
    public abstract string ToTrinoString();

    /// <summary>True for array, map and struct.</summary>
    public virtual bool IsComplex => false;

    /// <inheritdoc/>
    public sealed override string ToString() => ToTrinoString();
}
