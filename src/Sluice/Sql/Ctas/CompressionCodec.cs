namespace Sluice.Sql.Ctas;

/// <summary>Compression names accepted by <c>write_compression</c>, <c>parquet_compression</c>, <c>orc_compression</c>.</summary>
public enum CompressionCodec
{
    /// <summary><c>NONE</c>.</summary>
    None,

    /// <summary><c>GZIP</c>.</summary>
    Gzip,

    /// <summary><c>SNAPPY</c>.</summary>
    Snappy,

    /// <summary><c>ZSTD</c> (takes <c>compression_level</c>).</summary>
    Zstd,

    /// <summary><c>LZ4</c>.</summary>
    Lz4,

    /// <summary><c>ZLIB</c>.</summary>
    Zlib,

    /// <summary><c>DEFLATE</c>.</summary>
    Deflate,

    /// <summary><c>BZIP2</c>.</summary>
    Bzip2,
}
