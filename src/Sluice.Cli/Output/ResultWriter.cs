using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Sluice.DuckDb;

namespace Sluice.Cli.Output;

/// <summary>Writes a query result as a table, CSV (RFC 4180, header row, NULL as an empty field) or JSON (an array of objects).</summary>
public static class ResultWriter
{
    /// <summary>Writes every row and returns how many there were.</summary>
    public static long Write(DuckDbDataReader reader, ResultFormat format, CliHost host) => format switch
    {
        ResultFormat.Csv => WriteCsv(reader, host.Output),
        ResultFormat.Json => WriteJson(reader, host.Output),
        _ => WriteTable(reader, host.Console),
    };

    private static long WriteTable(DuckDbDataReader reader, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var column = new TableColumn(Markup.Escape(reader.GetName(i)));
            if (IsNumeric(reader.GetColumnType(i)))
            {
                column.RightAligned();
            }

            table.AddColumn(column);
        }

        long rows = 0;
        var values = new object?[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
            table.AddRow(values.Select(v => v is null ? new Markup("[grey]NULL[/]") : new Markup(Markup.Escape(ValueText.Render(v)))).ToArray());
            rows++;
        }

        console.Write(table);
        return rows;
    }

    private static long WriteCsv(DuckDbDataReader reader, TextWriter output)
    {
        output.WriteLine(string.Join(',', reader.ColumnNames.Select(Quote)));
        long rows = 0;
        var values = new object?[reader.FieldCount];
        var line = new StringBuilder();
        while (reader.Read())
        {
            reader.GetValues(values);
            line.Clear();
            for (var i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                if (values[i] is not null)
                {
                    line.Append(Quote(ValueText.Render(values[i])));
                }
            }

            output.WriteLine(line.ToString());
            rows++;
        }

        return rows;
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static long WriteJson(DuckDbDataReader reader, TextWriter output)
    {
        using var buffer = new MemoryStream();
        long rows = 0;
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            var values = new object?[reader.FieldCount];
            while (reader.Read())
            {
                reader.GetValues(values);
                json.WriteStartObject();
                for (var i = 0; i < values.Length; i++)
                {
                    json.WritePropertyName(reader.GetName(i));
                    WriteJsonValue(json, values[i]);
                }

                json.WriteEndObject();
                rows++;
                if (buffer.Length > 1 << 20)
                {
                    json.Flush();
                    output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                    buffer.SetLength(0);
                }
            }

            json.WriteEndArray();
        }

        output.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.WriteLine();
        return rows;
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
            case long or int or short or sbyte or byte or ushort or uint or ulong or Int128 or UInt128 or DuckDbDecimal:
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
                var enumerator = map.GetEnumerator();
                while (enumerator.MoveNext())
                {
                    json.WritePropertyName(ValueText.Render(enumerator.Key));
                    WriteJsonValue(json, enumerator.Value);
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
                json.WriteStringValue(ValueText.Render(value));
                break;
        }
    }

    private static bool IsNumeric(DuckDbColumnType type) => type.Id is DuckDbTypeId.TinyInt or DuckDbTypeId.SmallInt or DuckDbTypeId.Integer
        or DuckDbTypeId.BigInt or DuckDbTypeId.UTinyInt or DuckDbTypeId.USmallInt or DuckDbTypeId.UInteger or DuckDbTypeId.UBigInt
        or DuckDbTypeId.HugeInt or DuckDbTypeId.UHugeInt or DuckDbTypeId.Float or DuckDbTypeId.Double or DuckDbTypeId.Decimal;
}
