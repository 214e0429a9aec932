using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Sluice.Engines;

namespace Sluice.Cli.Output;

/// <summary>
/// Writes a result as a table, CSV (RFC 4180, header row, NULL as an empty field) or JSON (an array of objects). Values
/// are rendered as Athena's GetQueryResults shows them.
/// </summary>
public static class ResultWriter
{
    public static void Write(QueryResult result, ResultFormat format, CliHost host)
    {
        switch (format)
        {
            case ResultFormat.Csv:
                WriteCsv(result, host.Output);
                break;
            case ResultFormat.Json:
                WriteJson(result, host.Output);
                break;
            default:
                WriteTable(result, host.Console);
                break;
        }
    }

    private static void WriteTable(QueryResult result, IAnsiConsole console)
    {
        if (result.Columns.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in result.Columns)
        {
            var header = new TableColumn(Markup.Escape(column.Name));
            if (IsNumeric(column.Type))
            {
                header.RightAligned();
            }

            table.AddColumn(header);
        }

        for (var i = 0; i < result.Rows.Count; i++)
        {
            table.AddRow(result.RenderRow(i).Select(v => v is null ? new Markup("[grey]NULL[/]") : new Markup(Markup.Escape(v))).ToArray());
        }

        console.Write(table);
    }

    private static void WriteCsv(QueryResult result, TextWriter output)
    {
        if (result.Columns.Count == 0)
        {
            return;
        }

        output.WriteLine(string.Join(',', result.Columns.Select(c => Quote(c.Name))));
        for (var i = 0; i < result.Rows.Count; i++)
        {
            output.WriteLine(string.Join(',', result.RenderRow(i).Select(v => v is null ? string.Empty : Quote(v))));
        }
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static void WriteJson(QueryResult result, TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in result.Rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < row.Length; i++)
                {
                    json.WritePropertyName(result.Columns[i].Name);
                    WriteJsonValue(json, row[i]);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteJsonValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                json.WriteNumberValue(f);
                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            case long or int or short or sbyte or byte or ushort or uint or ulong or Int128 or UInt128:
                json.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case IDictionary<string, object?> row:
                json.WriteStartObject();
                foreach (var (key, item) in row)
                {
                    json.WritePropertyName(key);
                    WriteJsonValue(json, item);
                }

                json.WriteEndObject();
                break;
            case IDictionary map:
                json.WriteStartObject();
                var entries = map.GetEnumerator();
                while (entries.MoveNext())
                {
                    json.WritePropertyName(AthenaValueText.Render(entries.Key) ?? "null");
                    WriteJsonValue(json, entries.Value);
                }

                json.WriteEndObject();
                break;
            case IEnumerable list and not string and not byte[]:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteJsonValue(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(AthenaValueText.Render(value));
                break;
        }
    }

    private static bool IsNumeric(string type) =>
        type is "tinyint" or "smallint" or "integer" or "bigint" or "real" or "double" || type.StartsWith("decimal", StringComparison.Ordinal);

    /// <summary>The statistics line: rows, data scanned, time and the estimated Athena cost.</summary>
    public static string StatisticsLine(QueryResult result)
    {
        var s = result.Statistics;
        var rows = result.UpdateCount is { } written ? $"{written} row{(written == 1 ? string.Empty : "s")} written" : $"{s.Rows} row{(s.Rows == 1 ? string.Empty : "s")}";
        return string.Create(CultureInfo.InvariantCulture,
            $"{rows}, {Bytes(s.DataScannedBytes)} scanned, {s.Elapsed.TotalSeconds:0.000} s, estimated cost ${s.EstimatedCostUsd:0.00000000} ({result.QueryExecutionId})");
    }

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1 << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB"),
        < 1 << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1073741824.0:0.00} GB"),
    };
}
