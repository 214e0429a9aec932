namespace Sluice.Sql.Ast;

/// <summary>Iceberg partition transforms Athena supports (athena.md §2).</summary>
public enum PartitionTransformKind
{
    /// <summary>The column itself.</summary>
    Identity,

    /// <summary><c>year(c)</c>.</summary>
    Year,

    /// <summary><c>month(c)</c>.</summary>
    Month,

    /// <summary><c>day(c)</c>.</summary>
    Day,

    /// <summary><c>hour(c)</c>.</summary>
    Hour,

    /// <summary><c>bucket(n, c)</c> in DDL, <c>'bucket(c, n)'</c> in CTAS.</summary>
    Bucket,

    /// <summary><c>truncate(w, c)</c> in DDL, <c>'truncate(c, w)'</c> in CTAS.</summary>
    Truncate,
}
