namespace Sluice.Sql.Ctas;

/// <summary>The CTAS <c>table_type</c> property.</summary>
public enum CtasTableType
{
    /// <summary><c>'HIVE'</c>, the default.</summary>
    Hive,

    /// <summary><c>'ICEBERG'</c>.</summary>
    Iceberg,
}
