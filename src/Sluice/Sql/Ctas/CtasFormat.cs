namespace Sluice.Sql.Ctas;

/// <summary>The CTAS <c>format</c> property (athena.md §2).</summary>
public enum CtasFormat
{
    /// <summary><c>PARQUET</c>, the default.</summary>
    Parquet,

    /// <summary><c>ORC</c>.</summary>
    Orc,

    /// <summary><c>AVRO</c>.</summary>
    Avro,

    /// <summary><c>JSON</c> (Hive only).</summary>
    Json,

    /// <summary><c>ION</c> (Hive only).</summary>
    Ion,

    /// <summary><c>TEXTFILE</c> (Hive only).</summary>
    TextFile,
}
