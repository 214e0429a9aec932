using System.Collections;
using System.Globalization;
using System.Text;

namespace Sluice.Templating;

/// <summary>
/// Python semantics for template values: truthiness, <c>str()</c>/<c>repr()</c>, equality and ordering.
/// Values are null (None), bool, long, double, string, <c>object?[]</c> (tuple), <c>IList&lt;object?&gt;</c> (list),
/// <c>IDictionary&lt;string, object?&gt;</c> (dict, insertion-ordered), <see cref="Undefined"/>, callables and host objects.
/// Other .NET integer and floating types from the host are treated as long and double.
/// </summary>
internal static partial class Values
{
    public static OrderedDictionary<string, object?> NewDict() => new(StringComparer.Ordinal);

    public static IDictionary<string, object?>? AsMapping(object? v) => v as IDictionary<string, object?>;

    /// <summary>Integers (bool included, as in Python) as long.</summary>
    public static bool TryInteger(object? v, out long value)
    {
        switch (v)
        {
            case long l: value = l; return true;
            case int i: value = i; return true;
            case bool b: value = b ? 1 : 0; return true;
            case short s: value = s; return true;
            case byte b8: value = b8; return true;
            case sbyte sb: value = sb; return true;
            case ushort us: value = us; return true;
            case uint ui: value = ui; return true;
            case ulong ul when ul <= long.MaxValue: value = (long)ul; return true;
            default: value = 0; return false;
        }
    }

    public static bool TryFloat(object? v, out double value)
    {
        switch (v)
        {
            case double d: value = d; return true;
            case float f: value = f; return true;
            case decimal m: value = (double)m; return true;
            default: value = 0; return false;
        }
    }

    public static bool IsNumber(object? v) => TryInteger(v, out _) || TryFloat(v, out _);

    public static bool TryNumber(object? v, out double value)
    {
        if (TryInteger(v, out var l))
        {
            value = l;
            return true;
        }

        return TryFloat(v, out value);
    }

    public static string TypeName(object? v) => v switch
    {
        null => "NoneType",
        bool => "bool",
        string => "str",
        Undefined => "Undefined",
        object?[] => "tuple",
        RangeValue => "range",
        IDictionary<string, object?> => "dict",
        IList<object?> => "list",
        JinjaNamespace => "Namespace",
        IJinjaCallable => "function",
        _ when TryInteger(v, out _) => "int",
        _ when TryFloat(v, out _) => "float",
        _ => v.GetType().Name,
    };

    public static bool Truthy(object? v)
    {
        switch (v)
        {
            case null: return false;
            case bool b: return b;
            case string s: return s.Length > 0;
            case long l: return l != 0;
            case double d: return d != 0;
            case Undefined u: return u.IsStrict ? throw u.Fail() : false;
            case ICollection c: return c.Count > 0;
            case ICollection<object?> list: return list.Count > 0;
            case ICollection<KeyValuePair<string, object?>> d: return d.Count > 0;
            default:
                if (TryInteger(v, out var i))
                {
                    return i != 0;
                }

                if (TryFloat(v, out var f))
                {
                    return f != 0;
                }

                return true;
        }
    }

    /// <summary>Python's <c>str()</c>.</summary>
    public static string Str(object? v) => v switch
    {
        string s => s,
        null => "None",
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => FormatFloat(d),
        Undefined u => u.IsStrict ? throw u.Fail() : string.Empty,
        RangeValue range => range.ToString(),
        object?[] or IDictionary<string, object?> or IList<object?> => Repr(v),
        _ when TryInteger(v, out var i) => i.ToString(CultureInfo.InvariantCulture),
        float f => FormatFloat(f),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime dt => FormatDateTime(dt),
        DateTimeOffset dto => FormatDateTime(dto.DateTime) + dto.ToString("zzz", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? string.Empty,
    };

    // Python's str(datetime): ISO 8601 with a space, microseconds only when there are any.
    private static string FormatDateTime(DateTime dt) =>
        dt.ToString(dt.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>Python's <c>repr()</c>: strings quoted, containers with their elements' repr.</summary>
    public static string Repr(object? v)
    {
        var sb = new StringBuilder();
        AppendRepr(sb, v, 0);
        return sb.ToString();
    }

    private static void AppendRepr(StringBuilder sb, object? v, int depth)
    {
        if (depth > 100)
        {
            sb.Append("...");
            return;
        }

        switch (v)
        {
            case string s:
                AppendStringRepr(sb, s);
                break;
            case RangeValue range:
                sb.Append(range);
                break;
            case GroupTuple group:
                AppendRepr(sb, new[] { group.Grouper, group.List }, depth);
                break;
            case object?[] tuple:
                sb.Append('(');
                for (var i = 0; i < tuple.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    AppendRepr(sb, tuple[i], depth + 1);
                }

                sb.Append(tuple.Length == 1 ? ",)" : ")");
                break;
            case IDictionary<string, object?> dict:
                sb.Append('{');
                var first = true;
                foreach (var (key, value) in dict)
                {
                    if (!first)
                    {
                        sb.Append(", ");
                    }

                    first = false;
                    AppendStringRepr(sb, key);
                    sb.Append(": ");
                    AppendRepr(sb, value, depth + 1);
                }

                sb.Append('}');
                break;
            case IList<object?> list:
                sb.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    AppendRepr(sb, list[i], depth + 1);
                }

                sb.Append(']');
                break;
            case Undefined:
                sb.Append("Undefined");
                break;
            default:
                sb.Append(Str(v));
                break;
        }
    }

    private static void AppendStringRepr(StringBuilder sb, string s)
    {
        // Python prefers single quotes and switches to double quotes only when that avoids escaping.
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        sb.Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote)
                    {
                        sb.Append('\\').Append(c);
                    }
                    else if (c < 0x20 || c == 0x7f)
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append(quote);
    }

    /// <summary>Python's float repr: shortest round-trip digits, fixed notation for exponents -4..15, else <c>1e+16</c>.</summary>
    public static string FormatFloat(double d)
    {
        if (double.IsNaN(d))
        {
            return "nan";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "inf" : "-inf";
        }

        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        var r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        var dot = r.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? r : r[..dot];
        var digits = dot < 0 ? r : r[..dot] + r[(dot + 1)..];
        var point = intPart.Length + exponent;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }

        digits = digits[lead..];
        point -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var sign = d < 0 ? "-" : string.Empty;
        var exp10 = point - 1;
        if (exp10 < -4 || exp10 >= 16)
        {
            var mantissa = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            var expText = Math.Abs(exp10).ToString("00", CultureInfo.InvariantCulture);
            return sign + mantissa + "e" + (exp10 < 0 ? "-" : "+") + expText;
        }

        if (point <= 0)
        {
            return sign + "0." + new string('0', -point) + digits;
        }

        if (point >= digits.Length)
        {
            return sign + digits + new string('0', point - digits.Length) + ".0";
        }

        return sign + digits[..point] + "." + digits[point..];
    }

    /// <summary>Iterates like Python: strings by character, dicts by key, undefined as empty.</summary>
    public static IEnumerable<object?> Iterate(object? v)
    {
        switch (v)
        {
            case IList<object?> list:
                return list;
            case IDictionary<string, object?> dict:
                return dict.Keys;
            case string s:
                return s.Select(c => (object?)c.ToString());
            case Undefined u:
                return u.IsStrict ? throw u.Fail() : [];
            case IEnumerable<object?> e:
                return e;
            case IEnumerable e when v is not IJinjaObject:
                return e.Cast<object?>();
            default:
                throw new TemplateException($"'{TypeName(v)}' object is not iterable.");
        }
    }

    public static List<object?> ToList(object? v) => [.. Iterate(v)];

    public static IList<object?> AsList(object? v) => v as IList<object?> ?? ToList(v);

    public static long Length(object? v) => v switch
    {
        string s => s.Length,
        ICollection c => c.Count,
        ICollection<object?> list => list.Count,
        ICollection<KeyValuePair<string, object?>> d => d.Count,
        Undefined u => u.IsStrict ? throw u.Fail() : 0,
        IEnumerable<object?> e when v is not IJinjaObject => e.Count(),
        _ => throw new TemplateException($"object of type '{TypeName(v)}' has no len()."),
    };

    public static new bool Equals(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        switch (a)
        {
            case null:
                return b is null;
            case string sa:
                return b is string sb && string.Equals(sa, sb, StringComparison.Ordinal);
            case Undefined:
                return b is Undefined;
        }

        if (TryInteger(a, out var la) && TryInteger(b, out var lb))
        {
            return la == lb;
        }

        if (TryNumber(a, out var da) && TryNumber(b, out var db))
        {
            return da == db;
        }

        if (a is IDictionary<string, object?> ma)
        {
            if (b is not IDictionary<string, object?> mb || ma.Count != mb.Count)
            {
                return false;
            }

            foreach (var (key, value) in ma)
            {
                if (!mb.TryGetValue(key, out var other) || !Equals(value, other))
                {
                    return false;
                }
            }

            return true;
        }

        if (a is IList<object?> xa && b is IList<object?> xb && (a is object?[]) == (b is object?[]))
        {
            if (xa.Count != xb.Count)
            {
                return false;
            }

            for (var i = 0; i < xa.Count; i++)
            {
                if (!Equals(xa[i], xb[i]))
                {
                    return false;
                }
            }

            return true;
        }

        return a.Equals(b);
    }

    /// <summary>Python ordering: numbers with numbers, strings by code point, sequences element by element.</summary>
    public static int Compare(object? a, object? b, string op = "<")
    {
        if (a is Undefined ua)
        {
            throw ua.Fail();
        }

        if (b is Undefined ub)
        {
            throw ub.Fail();
        }

        if (TryInteger(a, out var la) && TryInteger(b, out var lb))
        {
            return la.CompareTo(lb);
        }

        if (TryNumber(a, out var da) && TryNumber(b, out var db))
        {
            return da.CompareTo(db);
        }

        if (a is string sa && b is string sb)
        {
            return Math.Sign(string.CompareOrdinal(sa, sb));
        }

        if (a is IList<object?> xa && b is IList<object?> xb && (a is object?[]) == (b is object?[]))
        {
            for (var i = 0; i < Math.Min(xa.Count, xb.Count); i++)
            {
                if (!Equals(xa[i], xb[i]))
                {
                    return Compare(xa[i], xb[i], op);
                }
            }

            return xa.Count.CompareTo(xb.Count);
        }

        throw new TemplateException($"'{op}' not supported between instances of '{TypeName(a)}' and '{TypeName(b)}'.");
    }

    public static bool Contains(object? container, object? item)
    {
        switch (container)
        {
            case string s:
                return item is string sub ? s.Contains(sub, StringComparison.Ordinal)
                    : throw new TemplateException($"'in <string>' requires string as left operand, not {TypeName(item)}.");
            case IDictionary<string, object?> d:
                return item is string key && d.ContainsKey(key);
            case Undefined u:
                // Jinja's Undefined iterates as empty, so membership is false (strict mode fails).
                return u.IsStrict ? throw u.Fail() : false;
            default:
                foreach (var x in Iterate(container))
                {
                    if (Equals(x, item))
                    {
                        return true;
                    }
                }

                return false;
        }
    }
}
