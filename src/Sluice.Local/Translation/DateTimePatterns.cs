using System.Text;

namespace Sluice.Local.Translation;

/// <summary>
/// Date/time format patterns to DuckDB's strftime/strptime: Joda-Time (<c>format_datetime</c>, <c>parse_datetime</c>)
/// and MySQL (<c>date_format</c>, <c>date_parse</c>), as Trino documents them.
/// </summary>
internal static class DateTimePatterns
{
    /// <summary>A Joda-Time pattern (letters repeat for width; text in single quotes is literal).</summary>
    public static string FromJoda(string pattern)
    {
        var builder = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                var close = pattern.IndexOf('\'', i + 1);
                if (close == i + 1)
                {
                    builder.Append('\'');
                    i += 2;
                    continue;
                }

                var literal = close < 0 ? pattern[(i + 1)..] : pattern[(i + 1)..close];
                builder.Append(literal.Replace("%", "%%", StringComparison.Ordinal));
                i = close < 0 ? pattern.Length : close + 1;
                continue;
            }

            if (!char.IsAsciiLetter(c))
            {
                builder.Append(c == '%' ? "%%" : c.ToString());
                i++;
                continue;
            }

            var run = 1;
            while (i + run < pattern.Length && pattern[i + run] == c)
            {
                run++;
            }

            builder.Append(c switch
            {
                'y' or 'Y' or 'x' => run == 2 ? "%y" : "%Y",
                'M' => run switch { 1 => "%-m", 2 => "%m", 3 => "%b", _ => "%B" },
                'd' => run == 1 ? "%-d" : "%d",
                'H' => run == 1 ? "%-H" : "%H",
                'k' => run == 1 ? "%-H" : "%H",
                'h' or 'K' => run == 1 ? "%-I" : "%I",
                'm' => run == 1 ? "%-M" : "%M",
                's' => run == 1 ? "%-S" : "%S",
                'S' => run switch { <= 3 => "%g", _ => "%f" },
                'a' => "%p",
                'E' => run <= 3 ? "%a" : "%A",
                'D' => run == 1 ? "%-j" : "%j",
                'Z' => "%z",
                'z' => "%Z",
                'w' => "%V",
                'e' => "%u",
                _ => new string(c, run),
            });
            i += run;
        }

        return builder.ToString();
    }

    /// <summary>A MySQL pattern (<c>%Y-%m-%d %H:%i:%s</c>).</summary>
    public static string FromMySql(string pattern)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c != '%' || i + 1 >= pattern.Length)
            {
                builder.Append(c);
                continue;
            }

            var f = pattern[++i];
            builder.Append(f switch
            {
                'a' => "%a",
                'b' => "%b",
                'c' => "%-m",
                'd' => "%d",
                'e' => "%-d",
                'f' => "%f",
                'H' => "%H",
                'h' or 'I' => "%I",
                'i' => "%M",
                'j' => "%j",
                'k' => "%-H",
                'l' => "%-I",
                'M' => "%B",
                'm' => "%m",
                'p' => "%p",
                'r' => "%I:%M:%S %p",
                'S' or 's' => "%S",
                'T' => "%H:%M:%S",
                'v' => "%V",
                'W' => "%A",
                'x' => "%G",
                'Y' => "%Y",
                'y' => "%y",
                '%' => "%%",
                _ => "%" + f,
            });
        }

        return builder.ToString();
    }
}
