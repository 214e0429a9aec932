using System.Globalization;
using System.Text;

namespace Sluice.Sources;

/// <summary>
/// RFC 4180 CSV: a header row, fields separated by <c>,</c>, quoted with <c>"</c> (doubled inside quotes), quoted fields
/// may span lines. Values are typed the way a loader expects from CSV: empty → NULL, integers → long, decimals
/// → double, <c>true</c>/<c>false</c> → bool, anything else a string (which normalization may still read as a
/// timestamp or date).
/// </summary>
public static class CsvRecords
{
    /// <summary>The rows of <paramref name="reader"/> as dictionaries keyed by the header; fails on a row with more fields than the header.</summary>
    public static IEnumerable<Dictionary<string, object?>> Read(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        using var rows = Rows(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            yield break;
        }

        var header = rows.Current;
        var line = 1;
        while (rows.MoveNext())
        {
            line++;
            var fields = rows.Current;
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue;
            }

            if (fields.Count > header.Count)
            {
                throw new FormatException(
                    $"Row {line} of '{sourceName}' has {fields.Count} fields but the header has {header.Count}; quote fields that contain ',' or fix the row.");
            }

            var record = new Dictionary<string, object?>(header.Count, StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                record[header[i]] = i < fields.Count ? Type(fields[i]) : null;
            }

            yield return record;
        }
    }

    private static object? Type(string field)
    {
        if (field.Length == 0)
        {
            return null;
        }

        if (long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if ((char.IsAsciiDigit(field[0]) || field[0] is '-' or '+' or '.') &&
            double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (string.Equals(field, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return string.Equals(field, "false", StringComparison.OrdinalIgnoreCase) ? false : field;
    }

    private static IEnumerable<List<string>> Rows(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return fields;
                    fields = [];
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }

        if (any)
        {
            fields.Add(field.ToString());
            yield return fields;
        }
    }
}
