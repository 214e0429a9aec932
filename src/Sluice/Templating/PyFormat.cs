using System.Globalization;
using System.Text;

namespace Sluice.Templating;

/// <summary>Python's <c>"%s" % args</c> and <c>"{}".format(...)</c> for the conversions templates use.</summary>
internal static class PyFormat
{
    public static string Percent(string format, object? args)
    {
        var positional = args switch
        {
            object?[] tuple => tuple,
            _ => [args],
        };
        var mapping = args as IDictionary<string, object?>;
        var next = 0;
        var sb = new StringBuilder();
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i++];
            if (c != '%')
            {
                sb.Append(c);
                continue;
            }

            if (i >= format.Length)
            {
                throw new TemplateException("incomplete format.");
            }

            object? value;
            string? key = null;
            if (format[i] == '(')
            {
                var close = format.IndexOf(')', i);
                if (close < 0)
                {
                    throw new TemplateException("incomplete format key.");
                }

                key = format[(i + 1)..close];
                i = close + 1;
            }

            var flags = string.Empty;
            while (i < format.Length && format[i] is '-' or '0' or ' ' or '+' or '#')
            {
                flags += format[i++];
            }

            var width = ReadInt(format, ref i);
            int? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadInt(format, ref i) ?? 0;
            }

            if (i >= format.Length)
            {
                throw new TemplateException("incomplete format.");
            }

            var type = format[i++];
            if (type == '%')
            {
                sb.Append('%');
                continue;
            }

            if (key is not null)
            {
                if (mapping is null)
                {
                    throw new TemplateException("format requires a mapping.");
                }

                value = mapping.TryGetValue(key, out var v) ? v : throw new TemplateException($"format key '{key}' is missing.");
            }
            else
            {
                if (next >= positional.Length)
                {
                    throw new TemplateException("not enough arguments for format string.");
                }

                value = positional[next++];
            }

            var align = flags.Contains('-', StringComparison.Ordinal) ? '<' : '>';
            var fill = flags.Contains('0', StringComparison.Ordinal) && align == '>' && type is not ('s' or 'r') ? '0' : ' ';
            var sign = flags.Contains('+', StringComparison.Ordinal) ? "+" : flags.Contains(' ', StringComparison.Ordinal) ? " " : string.Empty;
            var converted = Convert(value, type, precision, sign);
            if (flags.Contains('#', StringComparison.Ordinal) && type is 'x' or 'X' or 'o')
            {
                // The alternate form prefixes 0x / 0X / 0o after the sign.
                var signLength = converted.Length > 0 && converted[0] is '-' or '+' or ' ' ? 1 : 0;
                converted = converted[..signLength] + "0" + (type == 'o' ? 'o' : type) + converted[signLength..];
            }

            sb.Append(Pad(converted, width ?? 0, align, fill));
        }

        // Python treats any non-tuple object with items (list, dict) as a mapping argument and then ignores unused values.
        var mappingLike = mapping is not null || (args is IList<object?> && args is not object?[]);
        if (!mappingLike && next < positional.Length)
        {
            throw new TemplateException("not all arguments converted during string formatting.");
        }

        return sb.ToString();
    }

    private static int? ReadInt(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i > start ? int.Parse(s.AsSpan(start, i - start), CultureInfo.InvariantCulture) : null;
    }

    private static string Pad(string text, int width, char align, char fill)
    {
        if (text.Length >= width)
        {
            return text;
        }

        var padding = width - text.Length;
        // Zero padding and '=' alignment go between the sign and the digits.
        if ((fill == '0' || align == '=') && text.Length > 0 && text[0] is '-' or '+' or ' ')
        {
            return text[0] + new string(fill, padding) + text[1..];
        }

        return align switch
        {
            '<' => text + new string(fill, padding),
            '^' => new string(fill, padding / 2) + text + new string(fill, padding - (padding / 2)),
            _ => new string(fill, padding) + text,
        };
    }

    private static string Convert(object? value, char type, int? precision, string sign)
    {
        switch (type)
        {
            case 's':
                var s = Values.Str(value);
                return precision is { } p && p < s.Length ? s[..p] : s;
            case 'r':
                return Values.Repr(value);
            case 'd' or 'i' or 'u':
                if (Values.TryInteger(value, out var l))
                {
                    return (l >= 0 ? sign : string.Empty) + l.ToString(CultureInfo.InvariantCulture);
                }

                if (Values.TryFloat(value, out var truncated))
                {
                    var t = (long)Math.Truncate(truncated);
                    return (t >= 0 ? sign : string.Empty) + t.ToString(CultureInfo.InvariantCulture);
                }

                throw new TemplateException($"%{type} format: a number is required, not {Values.TypeName(value)}.");
            case 'f' or 'F' or 'e' or 'E' or 'g' or 'G' or 'x' or 'X' or 'o' or 'b':
                return FormatNumber(value, type, precision, sign);
            default:
                throw new TemplateException($"unsupported format character '{type}'.");
        }
    }

    private static string FormatNumber(object? value, char type, int? precision, string sign)
    {
        if (type is 'x' or 'X' or 'o' or 'b')
        {
            if (!Values.TryInteger(value, out var l))
            {
                throw new TemplateException($"%{type} format: an integer is required, not {Values.TypeName(value)}.");
            }

            var digits = type switch
            {
                'o' => System.Convert.ToString(Math.Abs(l), 8),
                'b' => System.Convert.ToString(Math.Abs(l), 2),
                _ => Math.Abs(l).ToString(type == 'x' ? "x" : "X", CultureInfo.InvariantCulture),
            };
            return (l < 0 ? "-" : sign) + digits;
        }

        if (!Values.TryNumber(value, out var d))
        {
            throw new TemplateException($"must be real number, not {Values.TypeName(value)}.");
        }

        var p = precision ?? 6;
        var text = type switch
        {
            'f' or 'F' => Math.Abs(d).ToString("F" + p.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            'e' or 'E' => ExpFormat(Math.Abs(d), p, type),
            _ => GeneralFormat(Math.Abs(d), p, type == 'G'),
        };
        return (d < 0 || double.IsNegative(d) && d == 0 ? "-" : sign) + text;
    }

    // Python's %g: scientific when the exponent is below -4 or at least the precision, trailing zeros removed.
    private static string GeneralFormat(double d, int precision, bool upper)
    {
        if (double.IsInfinity(d) || double.IsNaN(d))
        {
            var special = double.IsNaN(d) ? "nan" : "inf";
            return upper ? special.ToUpperInvariant() : special;
        }

        var p = Math.Max(precision, 1);
        var scientific = ExpFormat(d, p - 1, upper ? 'E' : 'e');
        var e = scientific.IndexOfAny(['e', 'E']);
        var exponent = int.Parse(scientific.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent < -4 || exponent >= p)
        {
            var mantissa = scientific[..e];
            if (mantissa.Contains('.', StringComparison.Ordinal))
            {
                mantissa = mantissa.TrimEnd('0').TrimEnd('.');
            }

            return mantissa + scientific[e..];
        }

        var fixedText = d.ToString("F" + (p - 1 - exponent).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return fixedText.Contains('.', StringComparison.Ordinal) ? fixedText.TrimEnd('0').TrimEnd('.') : fixedText;
    }

    private static string ExpFormat(double d, int precision, char type)
    {
        var text = d.ToString((type == 'e' ? "e" : "E") + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        // .NET writes three exponent digits ("1.5e+003"), Python at least two ("1.5e+03").
        var e = text.IndexOfAny(['e', 'E']);
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return text[..(e + 1)] + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>Python's <c>str.format</c>: <c>{}</c>, <c>{0}</c>, <c>{name}</c>, <c>{name.attr}</c>, <c>{!r}</c> and specs like <c>{:>10}</c>, <c>{:.2f}</c>, <c>{:,}</c>.</summary>
    public static string Format(string format, JinjaArguments args, Func<object?, string, object?> getAttribute)
    {
        var sb = new StringBuilder();
        var auto = 0;
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c == '}' && i + 1 < format.Length && format[i + 1] == '}')
            {
                sb.Append('}');
                i += 2;
                continue;
            }

            if (c != '{')
            {
                sb.Append(c);
                i++;
                continue;
            }

            if (i + 1 < format.Length && format[i + 1] == '{')
            {
                sb.Append('{');
                i += 2;
                continue;
            }

            var close = format.IndexOf('}', i);
            if (close < 0)
            {
                throw new TemplateException("Single '{' encountered in format string.");
            }

            var field = format[(i + 1)..close];
            i = close + 1;
            string? spec = null;
            char? conversion = null;
            var colon = field.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                spec = field[(colon + 1)..];
                field = field[..colon];
            }

            var bang = field.IndexOf('!', StringComparison.Ordinal);
            if (bang >= 0)
            {
                conversion = field.Length > bang + 1 ? field[bang + 1] : 's';
                field = field[..bang];
            }

            var parts = field.Split('.');
            object? value;
            if (parts[0].Length == 0)
            {
                value = args.Positional.Count > auto ? args.Positional[auto++] : throw new TemplateException("Replacement index out of range for positional args tuple.");
            }
            else if (int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                value = index < args.Positional.Count ? args.Positional[index] : throw new TemplateException($"Replacement index {index} out of range for positional args tuple.");
            }
            else
            {
                value = args.Keyword.TryGetValue(parts[0], out var named) ? named : throw new TemplateException($"format() is missing the keyword argument '{parts[0]}'.");
            }

            foreach (var attribute in parts.Skip(1))
            {
                value = getAttribute(value, attribute);
            }

            if (conversion == 'r')
            {
                value = Values.Repr(value);
            }
            else if (conversion is not null)
            {
                value = Values.Str(value);
            }

            sb.Append(ApplySpec(value, spec ?? string.Empty));
        }

        return sb.ToString();
    }

    private static string ApplySpec(object? value, string spec)
    {
        if (spec.Length == 0)
        {
            return Values.Str(value);
        }

        var i = 0;
        var fill = ' ';
        char? align = null;
        if (spec.Length >= 2 && spec[1] is '<' or '>' or '^' or '=')
        {
            fill = spec[0];
            align = spec[1];
            i = 2;
        }
        else if (spec[0] is '<' or '>' or '^' or '=')
        {
            align = spec[0];
            i = 1;
        }

        var sign = string.Empty;
        if (i < spec.Length && spec[i] is '+' or ' ' or '-')
        {
            sign = spec[i] == '-' ? string.Empty : spec[i].ToString();
            i++;
        }

        if (i < spec.Length && spec[i] == '0' && align is null)
        {
            fill = '0';
            align = '=';
            i++;
        }

        var width = ReadInt(spec, ref i) ?? 0;
        var grouping = i < spec.Length && spec[i] == ',';
        if (grouping)
        {
            i++;
        }

        int? precision = null;
        if (i < spec.Length && spec[i] == '.')
        {
            i++;
            precision = ReadInt(spec, ref i);
        }

        var type = i < spec.Length ? spec[i] : '\0';
        string text;
        var numeric = Values.IsNumber(value) && value is not bool;
        switch (type)
        {
            case '\0' when !numeric:
            case 's':
                text = Values.Str(value);
                if (precision is { } p && p < text.Length)
                {
                    text = text[..p];
                }

                break;
            case '\0' when precision is null && !grouping:
                text = (Values.TryNumber(value, out var n) && n >= 0 ? sign : string.Empty) + Values.Str(value);
                break;
            case '%':
                Values.TryNumber(value, out var pct);
                text = FormatNumber(pct * 100, 'f', precision, sign) + "%";
                break;
            case 'd' or '\0' when Values.TryInteger(value, out var integer):
                text = (integer >= 0 ? sign : "-") + Math.Abs(integer).ToString(grouping ? "#,0" : "0", CultureInfo.InvariantCulture);
                break;
            default:
                var t = type is '\0' ? 'g' : type;
                text = FormatNumber(value, t, precision, sign);
                if (grouping && t is 'f' or 'F')
                {
                    Values.TryNumber(value, out var g);
                    text = (g < 0 ? "-" : sign) + Math.Abs(g).ToString("#,0." + new string('0', precision ?? 6), CultureInfo.InvariantCulture);
                }

                break;
        }

        return Pad(text, width, align ?? (numeric ? '>' : '<'), fill);
    }
}
