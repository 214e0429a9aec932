using System.Text;

namespace Sluice.Local.Translation;

/// <summary>DuckDB's type spellings (as <c>typeof</c> prints them) to the names Trino's <c>typeof</c> returns.</summary>
internal static class TrinoTypeNames
{
    public static string FromDuckDb(string duckType)
    {
        var position = 0;
        return Parse(duckType, ref position);
    }

    private static string Parse(string text, ref int position)
    {
        SkipSpaces(text, ref position);
        var start = position;
        while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] == '_' || text[position] == ' ' && ContinuesName(text, position)))
        {
            position++;
        }

        var name = text[start..position].Trim().ToUpperInvariant();
        string result;
        if (position < text.Length && text[position] == '(')
        {
            position++;
            var args = new List<string>();
            while (position < text.Length && text[position] != ')')
            {
                if (name == "STRUCT")
                {
                    SkipSpaces(text, ref position);
                    var fieldName = ReadName(text, ref position);
                    args.Add(fieldName + " " + Parse(text, ref position));
                }
                else if (name == "DECIMAL")
                {
                    var numberStart = position;
                    while (position < text.Length && text[position] is not (',' or ')'))
                    {
                        position++;
                    }

                    args.Add(text[numberStart..position].Trim());
                }
                else
                {
                    args.Add(Parse(text, ref position));
                }

                SkipSpaces(text, ref position);
                if (position < text.Length && text[position] == ',')
                {
                    position++;
                }
            }

            position++;
            result = name switch
            {
                "DECIMAL" => "decimal(" + string.Join(",", args) + ")",
                "MAP" => "map(" + string.Join(", ", args) + ")",
                "STRUCT" => "row(" + string.Join(", ", args) + ")",
                _ => name.ToLowerInvariant() + "(" + string.Join(", ", args) + ")",
            };
        }
        else
        {
            result = Simple(name);
        }

        while (position + 1 < text.Length && text[position] == '[' && text[position + 1] == ']')
        {
            position += 2;
            result = "array(" + result + ")";
        }

        return result;
    }

    private static bool ContinuesName(string text, int position) =>
        text.AsSpan(position).StartsWith(" WITH", StringComparison.Ordinal) || text.AsSpan(position).StartsWith(" TIME", StringComparison.Ordinal) ||
        text.AsSpan(position).StartsWith(" ZONE", StringComparison.Ordinal);

    private static string ReadName(string text, ref int position)
    {
        if (position < text.Length && text[position] == '"')
        {
            var builder = new StringBuilder();
            position++;
            while (position < text.Length)
            {
                if (text[position] == '"')
                {
                    if (position + 1 < text.Length && text[position + 1] == '"')
                    {
                        builder.Append('"');
                        position += 2;
                        continue;
                    }

                    position++;
                    break;
                }

                builder.Append(text[position++]);
            }

            return builder.ToString();
        }

        var start = position;
        while (position < text.Length && text[position] != ' ')
        {
            position++;
        }

        return text[start..position];
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }
    }

    private static string Simple(string name) => name switch
    {
        "BOOLEAN" => "boolean",
        "TINYINT" => "tinyint",
        "SMALLINT" => "smallint",
        "INTEGER" => "integer",
        "BIGINT" or "HUGEINT" or "UBIGINT" or "UINTEGER" or "UHUGEINT" => "bigint",
        "USMALLINT" => "integer",
        "UTINYINT" => "smallint",
        "FLOAT" => "real",
        "DOUBLE" => "double",
        "VARCHAR" => "varchar",
        "BLOB" => "varbinary",
        "DATE" => "date",
        "TIME" => "time(3)",
        "TIMESTAMP" or "TIMESTAMP_MS" or "TIMESTAMP_S" => "timestamp(3)",
        "TIMESTAMP_NS" => "timestamp(9)",
        "TIMESTAMP WITH TIME ZONE" => "timestamp(3) with time zone",
        "INTERVAL" => "interval day to second",
        "JSON" => "json",
        "UUID" => "uuid",
        "NULL" or "\"NULL\"" => "unknown",
        _ => name.ToLowerInvariant(),
    };
}
