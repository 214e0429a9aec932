using System.Globalization;
using System.Text;

namespace Sluice.Templating;

/// <summary>
/// JSON for the <c>tojson</c> filter, matching Jinja's output: keys sorted, <c>", "</c> and <c>": "</c> separators,
/// non-ASCII escaped, and <c>&lt; &gt; &amp; '</c> escaped as \u sequences so the result is safe inside HTML.
/// </summary>
internal static class Json
{
    public static string Serialize(object? value, object? indent)
    {
        var sb = new StringBuilder();
        string? indentation = indent switch
        {
            null => null,
            string s => s,
            _ when Values.TryInteger(indent, out var n) => new string(' ', (int)n),
            _ => throw new TemplateException($"indent must be an integer or string, not {Values.TypeName(indent)}."),
        };
        Write(sb, value, indentation, 0);
        return sb.ToString();
    }

    private static void NewLine(StringBuilder sb, string? indentation, int level)
    {
        if (indentation is not null)
        {
            sb.Append('\n');
            for (var i = 0; i < level; i++)
            {
                sb.Append(indentation);
            }
        }
    }

    private static void Write(StringBuilder sb, object? value, string? indentation, int level)
    {
        // A list that contains itself would recurse forever; Python's json reports the cycle.
        if (level > 200)
        {
            throw new TemplateException("Circular reference detected (or the value is nested more than 200 levels).");
        }

        var separator = indentation is null ? ", " : ",";
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case string s:
                WriteString(sb, s);
                break;
            case IDictionary<string, object?> map:
                if (map.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }

                sb.Append('{');
                var first = true;
                foreach (var (key, item) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(separator);
                    }

                    first = false;
                    NewLine(sb, indentation, level + 1);
                    WriteString(sb, key);
                    sb.Append(": ");
                    Write(sb, item, indentation, level + 1);
                }

                NewLine(sb, indentation, level);
                sb.Append('}');
                break;
            case IList<object?> list:
                if (list.Count == 0)
                {
                    sb.Append("[]");
                    break;
                }

                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(separator);
                    }

                    NewLine(sb, indentation, level + 1);
                    Write(sb, list[i], indentation, level + 1);
                }

                NewLine(sb, indentation, level);
                sb.Append(']');
                break;
            default:
                if (Values.TryInteger(value, out var l))
                {
                    sb.Append(l.ToString(CultureInfo.InvariantCulture));
                }
                else if (Values.TryFloat(value, out var d))
                {
                    sb.Append(double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : Values.FormatFloat(d));
                }
                else
                {
                    throw value is Undefined u && u.IsStrict ? u.Fail() : new TemplateException($"Object of type {Values.TypeName(value)} is not JSON serializable.");
                }

                break;
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e || c is '<' or '>' or '&' or '\'')
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
