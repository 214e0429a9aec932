using System.Globalization;
using System.Text;
using Sluice.Engines;
using Sluice.Sql;
using Sluice.Sql.Lexing;

namespace Sluice.Local.Translation;

internal sealed partial class TrinoRewriter
{
    private static string TypedLiteral(string word, SqlToken literal)
    {
        var text = literal.Text;
        switch (word.ToUpperInvariant())
        {
            case "DECIMAL":
                {
                    // DECIMAL '1.50' is decimal(3,2): precision and scale come from the digits written.
                    var digits = literal.Value.Trim().TrimStart('+', '-');
                    var dot = digits.IndexOf('.', StringComparison.Ordinal);
                    var scale = dot < 0 ? 0 : digits.Length - dot - 1;
                    var precision = Math.Max(1, digits.Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('0').Length);
                    precision = Math.Max(precision, scale);
                    return string.Create(CultureInfo.InvariantCulture, $"CAST({text} AS DECIMAL({Math.Max(precision, 1)},{scale}))");
                }

            case "TIMESTAMP":
                // A zone in the literal makes it timestamp with time zone.
                return HasZone(literal.Value) ? $"CAST({text} AS TIMESTAMPTZ)" : $"CAST({text} AS TIMESTAMP)";
            case "JSON":
                return $"json({text})";
            case "REAL":
                return $"CAST({text} AS FLOAT)";
            case "VARBINARY":
                return $"encode({text})";
            case "CHAR":
            case "VARCHAR":
                return text;
            default:
                return $"CAST({text} AS {word.ToUpperInvariant()})";
        }
    }

    /// <summary>A Trino interval range literal as DuckDB interval text, or null when the form is not recognised.</summary>
    private static string? IntervalRange(string value, string from, string to)
    {
        var v = value.Trim();
        var negative = v.StartsWith('-');
        v = v.TrimStart('-', '+');
        var sign = negative ? "-" : string.Empty;
        if (from.Equals("YEAR", StringComparison.OrdinalIgnoreCase) && to.Equals("MONTH", StringComparison.OrdinalIgnoreCase))
        {
            var parts = v.Split('-');
            return parts.Length == 2 ? $"{sign}{parts[0]} years {sign}{parts[1]} months" : null;
        }

        if (from.Equals("DAY", StringComparison.OrdinalIgnoreCase) && to.ToUpperInvariant() is "SECOND" or "MINUTE" or "HOUR")
        {
            var space = v.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                return null;
            }

            var time = v[(space + 1)..];
            time = to.ToUpperInvariant() switch { "HOUR" => time + ":00:00", "MINUTE" => time + ":00", _ => time };
            return $"{sign}{v[..space]} days {sign}{time}";
        }

        return null;
    }

    private static string UnicodeLiteral(string value)
    {
        var builder = new StringBuilder();
        for (var k = 0; k < value.Length; k++)
        {
            if (value[k] != '\\' || k + 1 >= value.Length)
            {
                builder.Append(value[k]);
                continue;
            }

            if (value[k + 1] == '\\')
            {
                builder.Append('\\');
                k++;
                continue;
            }

            var six = value[k + 1] == '+';
            var start = k + (six ? 2 : 1);
            var length = six ? 6 : 4;
            if (start + length > value.Length ||
                !int.TryParse(value.AsSpan(start, length), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
            {
                throw new EngineException("SYNTAX_ERROR", $"Invalid Unicode escape in U&'{value}'");
            }

            builder.Append(char.ConvertFromUtf32(code));
            k = start + length - 1;
        }

        return builder.ToString();
    }

    private static bool HasZone(string value)
    {
        var v = value.Trim();
        if (v.Length < 11)
        {
            return false;
        }

        var tail = v[10..];
        return tail.Any(char.IsLetter) && !tail.All(c => char.IsDigit(c) || c is ' ' or ':' or '.' or 'T') ||
               System.Text.RegularExpressions.Regex.IsMatch(tail, @"[+-]\d{2}:?\d{2}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
