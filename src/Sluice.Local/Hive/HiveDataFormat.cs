namespace Sluice.Local.Hive;

/// <summary>How a Hive table's files are encoded, derived from its SerDe and input format.</summary>
internal enum HiveDataFormat
{
    Parquet,

    /// <summary>LazySimpleSerDe text: fields split by a delimiter, no quoting, <c>\N</c> for NULL, bad values read as NULL.</summary>
    DelimitedText,

    /// <summary>OpenCSVSerde: quoted CSV; an empty field is an empty string, not NULL.</summary>
    OpenCsv,

    /// <summary>One JSON object per line (OpenX or Hive JSON SerDe); keys matched by column name.</summary>
    Json,
}
