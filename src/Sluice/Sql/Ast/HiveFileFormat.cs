namespace Sluice.Sql.Ast;

/// <summary>The <c>STORED AS</c> names Athena accepts.</summary>
public enum HiveFileFormat
{
    /// <summary><c>PARQUET</c>.</summary>
    Parquet,

    /// <summary><c>ORC</c>.</summary>
    Orc,

    /// <summary><c>AVRO</c>.</summary>
    Avro,

    /// <summary><c>TEXTFILE</c>.</summary>
    TextFile,

    /// <summary><c>JSONFILE</c>.</summary>
    JsonFile,

    /// <summary><c>ION</c>.</summary>
    Ion,

    /// <summary><c>SEQUENCEFILE</c>.</summary>
    SequenceFile,

    /// <summary><c>RCFILE</c>.</summary>
    RcFile,
}
