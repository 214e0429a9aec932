using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sluice.Templating;

/// <summary>Jinja2's built-in filters that dbt projects use, with Jinja2's parameter names and defaults.</summary>
internal static partial class BuiltinFilters
{
    public static Dictionary<string, JinjaFilter> Create(JinjaEnvironment env)
    {
        var filters = new Dictionary<string, JinjaFilter>(StringComparer.Ordinal);

        void Add(string name, string[] parameters, JinjaFilter filter)
        {
            filters[name] = (value, args) =>
            {
                args.Expect(name, parameters);
                return filter(value, args);
            };
        }

        Add("abs", [], (v, _) => Values.TryInteger(v, out var l) ? (object?)Math.Abs(l) : Values.TryFloat(v, out var d) ? Math.Abs(d) : throw BadOperand("abs", v));
        Add("attr", ["name"], (v, a) => AttributeOnly(env, v, Values.Str(a.Get(0, "name"))));
        Add("batch", ["linecount", "fill_with"], (v, a) => Batch(v, ToInt(a.Get(0, "linecount")), a.Get(1, "fill_with") is not null, a.Get(1, "fill_with")));
        Add("capitalize", [], (v, _) => Methods.Capitalize(Values.Str(v)));
        Add("center", ["width"], (v, a) => Center(Values.Str(v), ToInt(a.Get(0, "width", 80L))));
        JinjaFilter defaultFilter = (v, a) =>
            v is Undefined || (Values.Truthy(a.Get(1, "boolean", false)) && !Values.Truthy(v)) ? a.Get(0, "default_value", string.Empty) : v;
        Add("default", ["default_value", "boolean"], defaultFilter);
        Add("d", ["default_value", "boolean"], defaultFilter);
        Add("dictsort", ["case_sensitive", "by", "reverse"], (v, a) => DictSort(v, a));
        JinjaFilter escape = (v, _) => Escape(Values.Str(v));
        Add("escape", [], escape);
        Add("e", [], escape);
        Add("forceescape", [], escape);
        Add("first", [], (v, _) => Values.Iterate(v).Take(1).ToList() is [var x] ? x : env.MakeUndefined("No first item, sequence was empty."));
        Add("last", [], (v, _) => Values.AsList(v) is { Count: > 0 } l ? l[^1] : env.MakeUndefined("No last item, sequence was empty."));
        Add("float", ["default"], (v, a) => ToFloat(v, a.Get(0, "default", 0.0)));
        Add("int", ["default", "base"], (v, a) => ToInteger(v, a.Get(0, "default", 0L), ToInt(a.Get(1, "base", 10L))));
        filters["format"] = (v, a) => a.Keyword.Count > 0 && a.Positional.Count > 0
            ? throw new TemplateException("can't handle positional and keyword arguments at the same time.")
            : PyFormat.Percent(Values.Str(v), a.Keyword.Count > 0 ? new OrderedDictionary<string, object?>(a.Keyword, StringComparer.Ordinal) : a.Positional.ToArray());
        Add("groupby", ["attribute", "default", "case_sensitive"], (v, a) => GroupBy(env, v, a));
        Add("indent", ["width", "first", "blank"], (v, a) => Indent(Values.Str(v), a.Get(0, "width", 4L), Values.Truthy(a.Get(1, "first", false)), Values.Truthy(a.Get(2, "blank", false))));
        Add("items", [], (v, _) => v is Undefined ? new List<object?>() : Values.AsMapping(v) is { } m
            ? m.Select(kv => (object?)new object?[] { kv.Key, kv.Value }).ToList()
            : throw new TemplateException($"Can only get item pairs from a mapping, not {Values.TypeName(v)}."));
        Add("join", ["d", "attribute"], (v, a) => Join(env, v, Values.Str(a.Get(0, "d", string.Empty)), a.Get(1, "attribute")));
        JinjaFilter length = (v, _) => Values.Length(v);
        Add("length", [], length);
        Add("count", [], length);
        Add("list", [], (v, _) => Values.ToList(v));
        Add("lower", [], (v, _) => Values.Str(v).ToLowerInvariant());
        Add("upper", [], (v, _) => Values.Str(v).ToUpperInvariant());
        filters["map"] = (v, a) => Map(env, v, a);
        Add("max", ["case_sensitive", "attribute"], (v, a) => MinMax(env, v, a, max: true));
        Add("min", ["case_sensitive", "attribute"], (v, a) => MinMax(env, v, a, max: false));
        filters["select"] = (v, a) => Select(env, v, a, byAttribute: false, keep: true);
        filters["reject"] = (v, a) => Select(env, v, a, byAttribute: false, keep: false);
        filters["selectattr"] = (v, a) => Select(env, v, a, byAttribute: true, keep: true);
        filters["rejectattr"] = (v, a) => Select(env, v, a, byAttribute: true, keep: false);
        Add("replace", ["old", "new", "count"], (v, a) => Methods.Replace(Values.Str(v), Values.Str(a.Get(0, "old")), Values.Str(a.Get(1, "new")), a.Get(2, "count")));
        Add("reverse", [], (v, _) => v is string s ? new string(s.Reverse().ToArray()) : Values.ToList(v).AsEnumerable().Reverse().ToList());
        Add("round", ["precision", "method"], (v, a) => Round(v, ToInt(a.Get(0, "precision", 0L)), Values.Str(a.Get(1, "method", "common"))));
        Add("safe", [], (v, _) => v is string ? v : Values.Str(v));
        Add("slice", ["slices", "fill_with"], (v, a) => Slice(v, ToInt(a.Get(0, "slices")), a.Get(1, "fill_with")));
        Add("sort", ["reverse", "case_sensitive", "attribute"], (v, a) => Sort(env, v, a));
        Add("string", [], (v, _) => Values.Str(v));
        Add("sum", ["attribute", "start"], (v, a) => Sum(env, v, a));
        Add("title", [], (v, _) => Title(Values.Str(v)));
        Add("tojson", ["indent"], (v, a) => Json.Serialize(v, a.Get(0, "indent")));
        Add("trim", ["chars"], (v, a) => Methods.Strip(Values.Str(v), a.Get(0, "chars"), true, true));
        Add("truncate", ["length", "killwords", "end", "leeway"], (v, a) => Truncate(Values.Str(v), a));
        Add("unique", ["case_sensitive", "attribute"], (v, a) => Unique(env, v, a));
        Add("wordcount", [], (v, _) => (long)WordRegex().Count(Values.Str(v)));
        return filters;
    }

    private static TemplateException BadOperand(string filter, object? v) =>
        v is Undefined u ? u.Fail() : new TemplateException($"bad operand type for {filter}(): '{Values.TypeName(v)}'.");

    private static int ToInt(object? v) =>
        Values.TryInteger(v, out var l) ? (int)l : throw new TemplateException($"an integer is required, not {Values.TypeName(v)}.");

    private static object? AttributeOnly(JinjaEnvironment env, object? v, string name) => v switch
    {
        IJinjaObject host => host.TryGetAttribute(name, out var value) ? value : env.MakeUndefined($"'{Values.TypeName(v)} object' has no attribute '{name}'"),
        IDictionary<string, object?> d => Methods.ForDict(d, name) ?? (object?)env.MakeUndefined($"'dict object' has no attribute '{name}'"),
        _ => Access.GetAttr(env, v, name),
    };

    internal static string Center(string s, long width)
    {
        if (s.Length >= width)
        {
            return s;
        }

        // CPython's str.center puts the odd space on the left when the width is odd.
        var margin = (int)width - s.Length;
        var left = (margin / 2) + (margin & (int)width & 1);
        return new string(' ', left) + s + new string(' ', margin - left);
    }

    private static List<object?> Batch(object? v, int size, bool fill, object? fillWith)
    {
        if (size <= 0)
        {
            throw new TemplateException("batch() needs a positive line count.");
        }

        var result = new List<object?>();
        List<object?>? current = null;
        foreach (var item in Values.Iterate(v))
        {
            current ??= [];
            current.Add(item);
            if (current.Count == size)
            {
                result.Add(current);
                current = null;
            }
        }

        if (current is not null)
        {
            while (fill && current.Count < size)
            {
                current.Add(fillWith);
            }

            result.Add(current);
        }

        return result;
    }

    // Jinja's slice: split into that many columns, the first ones one item longer; the others get fill_with (unless none).
    private static List<object?> Slice(object? v, int slices, object? fillWith)
    {
        if (slices <= 0)
        {
            throw new TemplateException("slice() needs a positive number of slices.");
        }

        var items = Values.ToList(v);
        var perSlice = items.Count / slices;
        var withExtra = items.Count % slices;
        var result = new List<object?>();
        var offset = 0;
        for (var i = 0; i < slices; i++)
        {
            var size = perSlice + (i < withExtra ? 1 : 0);
            var column = items.GetRange(offset, size);
            offset += size;
            if (fillWith is not null && i >= withExtra)
            {
                column.Add(fillWith);
            }

            result.Add(column);
        }

        return result;
    }

    private static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&#34;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    private static object? ToFloat(object? v, object? defaultValue)
    {
        if (v is Undefined u)
        {
            throw u.Fail();
        }

        if (Values.TryNumber(v, out var d))
        {
            return d;
        }

        if (v is string s)
        {
            var t = s.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
            switch (t.ToLowerInvariant())
            {
                case "inf" or "+inf" or "infinity": return double.PositiveInfinity;
                case "-inf" or "-infinity": return double.NegativeInfinity;
                case "nan": return double.NaN;
            }

            if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out d))
            {
                return d;
            }
        }

        return defaultValue;
    }

    private static object? ToInteger(object? v, object? defaultValue, int numberBase)
    {
        if (v is Undefined u)
        {
            throw u.Fail();
        }

        if (Values.TryInteger(v, out var l))
        {
            return l;
        }

        if (Values.TryFloat(v, out var d))
        {
            return double.IsFinite(d) ? (long)Math.Truncate(d) : defaultValue;
        }

        if (v is string s)
        {
            var t = s.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
            if (numberBase == 10 && long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out l))
            {
                return l;
            }

            if (numberBase != 10)
            {
                try
                {
                    var negative = t.StartsWith('-');
                    var digits = t.TrimStart('-', '+');
                    if (digits.Length > 2 && digits[0] == '0' && char.IsLetter(digits[1]))
                    {
                        digits = digits[2..];
                    }

                    var parsed = Convert.ToInt64(digits, numberBase);
                    return negative ? -parsed : parsed;
                }
                catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
                {
                    return defaultValue;
                }
            }

            // Jinja falls back to int(float(value)), so "3.7" becomes 3.
            if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out d) && double.IsFinite(d))
            {
                return (long)Math.Truncate(d);
            }
        }

        return defaultValue;
    }

    private static string Indent(string s, object? width, bool first, bool blank)
    {
        var indentation = width as string ?? new string(' ', ToInt(width));
        // Same steps as Jinja's do_indent, including its trailing-newline quirk before splitting lines.
        var lines = SplitLines(s + "\n");
        string result;
        if (blank)
        {
            result = string.Join("\n" + indentation, lines);
        }
        else
        {
            result = lines[0];
            if (lines.Count > 1)
            {
                result += "\n" + string.Join("\n", lines.Skip(1).Select(l => l.Length > 0 ? indentation + l : l));
            }
        }

        return first ? indentation + result : result;
    }

    private static List<string> SplitLines(string s)
    {
        var lines = s.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0)
        {
            lines.Add(string.Empty);
        }

        return lines;
    }

    private static string Title(string s)
    {
        // Jinja's title filter capitalizes the first letter of each word, words split at whitespace, '-', and brackets.
        var sb = new StringBuilder(s.Length);
        var atWordStart = true;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c) || c is '-' or '(' or '{' or '[' or '<')
            {
                sb.Append(c);
                atWordStart = true;
                continue;
            }

            sb.Append(atWordStart ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            atWordStart = false;
        }

        return sb.ToString();
    }

    private static string Truncate(string s, JinjaArguments a)
    {
        var length = ToInt(a.Get(0, "length", 255L));
        var killWords = Values.Truthy(a.Get(1, "killwords", false));
        var end = Values.Str(a.Get(2, "end", "..."));
        var leeway = ToInt(a.Get(3, "leeway", 5L));
        if (length < end.Length)
        {
            throw new TemplateException($"expected length >= {end.Length}, got {length}.");
        }

        if (leeway < 0)
        {
            throw new TemplateException($"expected leeway >= 0, got {leeway}.");
        }

        if (s.Length <= length + leeway)
        {
            return s;
        }

        if (killWords)
        {
            return s[..(length - end.Length)] + end;
        }

        var cut = s[..(length - end.Length)];
        var space = cut.LastIndexOf(' ');
        return (space >= 0 ? cut[..space] : cut) + end;
    }

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordRegex();
}
