using Sluice.Catalog;
using Sluice.Engines;
using Sluice.Sql;
using Sluice.Sql.Ast;
using Sluice.Sql.Ctas;
using Sluice.Sql.Types;

namespace Sluice.Local.Hive;

/// <summary>
/// The file encoding of a Hive table and how DuckDB reads and writes it: Parquet, delimited text (LazySimpleSerDe),
/// CSV (OpenCSVSerde) or JSON lines. Derived from the Glue storage descriptor, so it survives in the catalog.
/// </summary>
internal sealed record HiveStorage(HiveDataFormat Format, string Delimiter, char Quote, char Escape, string? NullString, int HeaderLines)
{
    /// <summary>Hive's default field delimiter for text tables: Ctrl-A.</summary>
    public const string DefaultDelimiter = "\u0001";

    // An impossible NULL marker: OpenCSVSerde has no NULL, an empty field is an empty string.
    private const string NoNull = "\u0001\u0002sluice-no-null\u0002\u0001";

    public static HiveStorage Parquet { get; } = new(HiveDataFormat.Parquet, DefaultDelimiter, '"', '\\', null, 0);

    public bool IsParquet => Format == HiveDataFormat.Parquet;

    /// <summary>The file extension of the table's empty template file.</summary>
    public string TemplateExtension => Format switch
    {
        HiveDataFormat.Parquet => ".parquet",
        HiveDataFormat.Json => ".json",
        _ => ".csv",
    };

    public static HiveStorage Of(CatalogTable table)
    {
        var descriptor = table.StorageDescriptor;
        var serde = descriptor.SerdeInfo?.SerializationLibrary;
        var parameters = descriptor.SerdeInfo?.Parameters ?? new Dictionary<string, string>();
        var header = table.Parameters.TryGetValue("skip.header.line.count", out var skip) && int.TryParse(skip, System.Globalization.CultureInfo.InvariantCulture, out var lines) ? lines : 0;
        if (string.Equals(serde, HiveFormats.OpenCsvSerDe, StringComparison.Ordinal))
        {
            // OpenCSV reads both a doubled quote and its escape character (default '\\') inside quotes; DuckDB takes one
            // escape, so the doubled quote of RFC 4180 wins unless SERDEPROPERTIES name an escapeChar.
            var quote = Char(Parameter(parameters, "quoteChar"), '"');
            return new HiveStorage(HiveDataFormat.OpenCsv, Parameter(parameters, "separatorChar") ?? ",", quote,
                Char(Parameter(parameters, "escapeChar"), quote), NoNull, header);
        }

        if (string.Equals(serde, HiveFormats.JsonSerDe, StringComparison.Ordinal) || string.Equals(serde, HiveFormats.HiveJsonSerDe, StringComparison.Ordinal))
        {
            return new HiveStorage(HiveDataFormat.Json, DefaultDelimiter, '"', '\\', null, 0);
        }

        if (string.Equals(serde, HiveFormats.LazySimpleSerDe, StringComparison.Ordinal) || string.Equals(descriptor.InputFormat, HiveFormats.TextInput, StringComparison.Ordinal))
        {
            var delimiter = Parameter(parameters, "field.delim") ?? Parameter(parameters, "serialization.format") ?? DefaultDelimiter;
            return new HiveStorage(HiveDataFormat.DelimitedText, delimiter, '\0', Char(Parameter(parameters, "escape.delim"), '\0'),
                Parameter(parameters, "serialization.null.format") ?? "\\N", header);
        }

        return Parquet;
    }

    /// <summary>The storage descriptor for a CREATE EXTERNAL TABLE, or NOT_SUPPORTED for encodings the engine cannot read.</summary>
    public static StorageDescriptor ForDdl(CreateExternalTableStatement statement, string location, IReadOnlyList<CatalogColumn> columns)
    {
        var format = statement.Storage?.Format;
        var inputFormat = statement.Storage?.InputFormat;
        switch (statement.RowFormat)
        {
            case null when format is null or HiveFileFormat.Parquet || string.Equals(inputFormat, HiveFormats.ParquetInput, StringComparison.Ordinal):
            case SerDeRowFormat { SerDeClass: HiveFormats.ParquetSerDe }:
                return StorageDescriptor.Parquet(location, columns);
            case null when format == HiveFileFormat.JsonFile:
                return Text(location, columns, HiveFormats.HiveJsonSerDe, []);
            case null when format == HiveFileFormat.TextFile:
                return Text(location, columns, HiveFormats.LazySimpleSerDe, [new SqlProperty("field.delim", DefaultDelimiter), new SqlProperty("serialization.format", DefaultDelimiter)]);
            case DelimitedRowFormat delimited when format is null or HiveFileFormat.TextFile:
                RejectComplex(statement);
                var delimiter = delimited.FieldsTerminatedBy ?? DefaultDelimiter;
                var properties = new List<SqlProperty> { new("field.delim", delimiter), new("serialization.format", delimiter) };
                if (delimited.EscapedBy is { } escape)
                {
                    properties.Add(new SqlProperty("escape.delim", escape));
                }

                if (delimited.NullDefinedAs is { } nullString)
                {
                    properties.Add(new SqlProperty("serialization.null.format", nullString));
                }

                return Text(location, columns, HiveFormats.LazySimpleSerDe, properties);
            case SerDeRowFormat serde when format is null or HiveFileFormat.TextFile &&
                serde.SerDeClass is HiveFormats.OpenCsvSerDe or HiveFormats.LazySimpleSerDe or HiveFormats.JsonSerDe or HiveFormats.HiveJsonSerDe:
                if (serde.SerDeClass is HiveFormats.OpenCsvSerDe or HiveFormats.LazySimpleSerDe)
                {
                    RejectComplex(statement);
                }

                return Text(location, columns, serde.SerDeClass, serde.Properties);
            default:
                throw new EngineException("NOT_SUPPORTED",
                    $"The local engine reads Hive tables stored as Parquet, delimited text (TEXTFILE, LazySimpleSerDe), CSV (OpenCSVSerde) or JSON; '{statement.Table}' asks for {Describe(statement)}.");
        }
    }

    /// <summary>The storage descriptor a CTAS writes for <paramref name="format"/>.</summary>
    public static StorageDescriptor ForCtas(CtasFormat format, string? fieldDelimiter, string location, IReadOnlyList<CatalogColumn> columns) => format switch
    {
        CtasFormat.Parquet => StorageDescriptor.Parquet(location, columns),
        CtasFormat.TextFile => Text(location, columns, HiveFormats.LazySimpleSerDe,
            [new SqlProperty("field.delim", fieldDelimiter ?? DefaultDelimiter), new SqlProperty("serialization.format", fieldDelimiter ?? DefaultDelimiter)]),
        CtasFormat.Json => Text(location, columns, HiveFormats.HiveJsonSerDe, []),
        _ => throw new EngineException("NOT_SUPPORTED", $"The local engine writes Hive tables as PARQUET, TEXTFILE or JSON; format {format.ToString().ToUpperInvariant()} is not supported."),
    };

    /// <summary>
    /// The DuckDB table function that reads <paramref name="files"/> (a VARCHAR[] expression) with the catalog's columns,
    /// plus <paramref name="extraOptions"/> (Hive partitioning).
    /// </summary>
    public string Reader(string files, IReadOnlyList<CatalogColumn> columns, string extraOptions, bool unionByName)
    {
        var options = extraOptions.Length == 0 ? string.Empty : ", " + extraOptions;
        return Format switch
        {
            // Without union_by_name DuckDB takes the schema of the first file (the template, with every catalog column)
            // and maps the others by name, widening types; only a file that lacks a column needs union_by_name, which
            // reads every footer at bind time.
            HiveDataFormat.Parquet => $"read_parquet({files}, union_by_name = {(unionByName ? "true" : "false")}{options})",
            HiveDataFormat.Json => $"read_json({files}, format = 'newline_delimited', columns = {ColumnTypes(columns, raw: false)}{options})",
            _ => $"read_csv({files}, delim = {SqlRender.StringLiteral(Delimiter)}, quote = {CharLiteral(Quote)}, escape = {CharLiteral(Escape)}, " +
                $"header = false, skip = {HeaderLines}, auto_detect = false, null_padding = true, nullstr = {SqlRender.StringLiteral(NullString ?? NoNull)}, " +
                $"columns = {ColumnTypes(columns, raw: true)}{options})",
        };
    }

    /// <summary>The expression that turns a read column into the catalog's type.</summary>
    public string Convert(CatalogColumn column)
    {
        var name = SqlRender.DmlIdentifier(column.Name);
        var type = DuckDbTypeNames.FromHive(column.Type);
        return Format switch
        {
            HiveDataFormat.Json => name,
            _ when type == "VARCHAR" => name,
            // LazySimpleSerDe reads a value it cannot parse as NULL; the CSV SerDe fails on it.
            HiveDataFormat.DelimitedText => $"TRY_CAST({name} AS {type})",
            _ => $"CAST({name} AS {type})",
        };
    }

    /// <summary>The COPY options that write this encoding (Athena writes text and JSON GZIP-compressed by default).</summary>
    public string CopyOptions(string codec) => Format switch
    {
        HiveDataFormat.Parquet => $"FORMAT parquet, COMPRESSION {codec}",
        HiveDataFormat.Json => $"FORMAT json, COMPRESSION {(codec == "uncompressed" ? "none" : codec)}",
        _ => $"FORMAT csv, DELIMITER {SqlRender.StringLiteral(Delimiter)}, HEADER false, QUOTE '', ESCAPE '', NULLSTR {SqlRender.StringLiteral(NullString ?? "\\N")}, COMPRESSION {(codec == "uncompressed" ? "none" : codec)}",
    };

    private static StorageDescriptor Text(string location, IReadOnlyList<CatalogColumn> columns, string serde, IReadOnlyList<SqlProperty> properties) => new()
    {
        Location = location,
        Columns = columns,
        InputFormat = HiveFormats.TextInput,
        OutputFormat = HiveFormats.TextOutput,
        SerdeInfo = new SerDeInfo(serde) { Parameters = properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) },
    };

    private static void RejectComplex(CreateExternalTableStatement statement)
    {
        if (statement.Columns.Any(c => c.Type.IsComplex))
        {
            throw new EngineException("NOT_SUPPORTED", $"The local engine reads text tables with primitive columns only; '{statement.Table}' has array, map or struct columns. Store them as Parquet or JSON.");
        }
    }

    private static string ColumnTypes(IReadOnlyList<CatalogColumn> columns, bool raw) =>
        "{" + string.Join(", ", columns.Select(c => SqlRender.StringLiteral(c.Name) + ": " + SqlRender.StringLiteral(raw ? "VARCHAR" : DuckDbTypeNames.FromHive(c.Type)))) + "}";

    private static string CharLiteral(char c) => c == '\0' ? "''" : SqlRender.StringLiteral(c.ToString());

    private static string? Parameter(IReadOnlyDictionary<string, string> parameters, string key) =>
        parameters.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    private static char Char(string? value, char fallback) => string.IsNullOrEmpty(value) ? fallback : value[0];

    private static string Describe(CreateExternalTableStatement statement) => statement.RowFormat switch
    {
        SerDeRowFormat serde => $"ROW FORMAT SERDE '{serde.SerDeClass}'",
        _ => $"STORED AS {statement.Storage?.Format?.ToString().ToUpperInvariant() ?? statement.Storage?.InputFormat ?? "an unknown format"}",
    };
}
