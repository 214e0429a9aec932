namespace Sluice.Templating;

internal static partial class BuiltinFilters
{
    /// <summary>Jinja's attribute getter: dotted path, each part an item or attribute, integer parts are indexes.</summary>
    private static Func<object?, object?> AttrGetter(JinjaEnvironment env, object? attribute, object? defaultValue = null, bool hasDefault = false)
    {
        object?[] parts = attribute is string s
            ? s.Split('.').Select(p => long.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) ? (object?)i : p).ToArray()
            : [attribute];
        return item =>
        {
            foreach (var part in parts)
            {
                item = Access.GetItem(env, item, part);
                if (item is Undefined)
                {
                    return hasDefault ? defaultValue : item;
                }
            }

            return item;
        };
    }

    private static Func<object?, object?> SortKey(JinjaEnvironment env, object? attribute, bool caseSensitive)
    {
        Func<object?, object?> Fold(Func<object?, object?> get) =>
            caseSensitive ? get : item => get(item) is string s ? s.ToLowerInvariant() : get(item);

        if (attribute is null)
        {
            return Fold(x => x);
        }

        if (attribute is string text && text.Contains(',', StringComparison.Ordinal))
        {
            var getters = text.Split(',').Select(p => Fold(AttrGetter(env, p.Trim()))).ToList();
            return item => getters.Select(g => g(item)).ToArray();
        }

        return Fold(AttrGetter(env, attribute));
    }

    private static readonly Comparer<object?> PyComparer = Comparer<object?>.Create((x, y) => Values.Compare(x, y));

    private static List<object?> Sort(JinjaEnvironment env, object? v, JinjaArguments a)
    {
        var key = SortKey(env, a.Get(2, "attribute"), Values.Truthy(a.Get(1, "case_sensitive", false)));
        var items = Values.ToList(v);
        var keys = items.Select(key).ToList();
        var order = Enumerable.Range(0, items.Count);
        // Stable like Python's sorted(); reverse=True keeps equal items in their original order too.
        var sorted = Values.Truthy(a.Get(0, "reverse", false))
            ? order.OrderByDescending(i => keys[i], PyComparer)
            : order.OrderBy(i => keys[i], PyComparer);
        return sorted.Select(i => items[i]).ToList();
    }

    private static List<object?> DictSort(object? v, JinjaArguments a)
    {
        var map = Values.AsMapping(v) ?? throw new TemplateException($"dictsort() needs a mapping, not {Values.TypeName(v)}.");
        var caseSensitive = Values.Truthy(a.Get(0, "case_sensitive", false));
        var by = Values.Str(a.Get(1, "by", "key"));
        var position = by switch
        {
            "key" => 0,
            "value" => 1,
            _ => throw new TemplateException("You can only sort by either 'key' or 'value'."),
        };
        var pairs = map.Select(kv => new object?[] { kv.Key, kv.Value }).ToList();
        object? Key(object?[] pair) => !caseSensitive && pair[position] is string s ? s.ToLowerInvariant() : pair[position];
        var sorted = Values.Truthy(a.Get(2, "reverse", false)) ? pairs.OrderByDescending(Key, PyComparer) : pairs.OrderBy(Key, PyComparer);
        return sorted.Select(p => (object?)p).ToList();
    }

    private static string Join(JinjaEnvironment env, object? v, string separator, object? attribute)
    {
        var items = Values.Iterate(v);
        if (attribute is not null)
        {
            items = items.Select(AttrGetter(env, attribute));
        }

        return string.Join(separator, items.Select(Values.Str));
    }

    private static List<object?> Map(JinjaEnvironment env, object? v, JinjaArguments a)
    {
        // Jinja's map, select and reject produce nothing for a falsy value (0, none, '') instead of failing.
        var items = Values.Truthy(v) ? Values.Iterate(v) : [];
        if (a.Positional.Count == 0 && a.Keyword.TryGetValue("attribute", out var attribute))
        {
            foreach (var key in a.Keyword.Keys)
            {
                if (key is not ("attribute" or "default"))
                {
                    throw new TemplateException($"map() got an unexpected keyword argument '{key}'.");
                }
            }

            var getter = AttrGetter(env, attribute, a.Keyword.GetValueOrDefault("default"), a.Keyword.ContainsKey("default"));
            return items.Select(getter).ToList();
        }

        if (a.Positional.Count == 0)
        {
            throw new TemplateException("map() requires a filter name or attribute=.");
        }

        var name = Values.Str(a.Positional[0]);
        if (!env.Filters.TryGetValue(name, out var filter))
        {
            throw new TemplateException($"No filter named '{name}'.");
        }

        var rest = new JinjaArguments(a.Positional.Skip(1).ToList(), a.Keyword);
        return items.Select(item => filter(item, rest)).ToList();
    }

    private static object? MinMax(JinjaEnvironment env, object? v, JinjaArguments a, bool max)
    {
        var items = Values.ToList(v);
        if (items.Count == 0)
        {
            return env.MakeUndefined("No aggregated item, sequence was empty.");
        }

        var key = SortKey(env, a.Get(1, "attribute"), Values.Truthy(a.Get(0, "case_sensitive", false)));
        var best = items[0];
        var bestKey = key(best);
        foreach (var item in items.Skip(1))
        {
            var k = key(item);
            var c = Values.Compare(k, bestKey);
            if (max ? c > 0 : c < 0)
            {
                best = item;
                bestKey = k;
            }
        }

        return best;
    }

    private static List<object?> Select(JinjaEnvironment env, object? v, JinjaArguments a, bool byAttribute, bool keep)
    {
        var offset = 0;
        Func<object?, object?> getter = x => x;
        var filterName = byAttribute ? "selectattr" : "select";
        if (byAttribute)
        {
            if (a.Positional.Count == 0)
            {
                throw new TemplateException($"{filterName}() requires an attribute name.");
            }

            getter = AttrGetter(env, a.Positional[0]);
            offset = 1;
        }

        Func<object?, bool> predicate;
        if (a.Positional.Count <= offset)
        {
            predicate = Values.Truthy;
        }
        else
        {
            var testName = Values.Str(a.Positional[offset]);
            if (!env.Tests.TryGetValue(testName, out var test))
            {
                throw new TemplateException($"No test named '{testName}'.");
            }

            var rest = new JinjaArguments(a.Positional.Skip(offset + 1).ToList(), a.Keyword);
            predicate = x => test(x, rest);
        }

        return (Values.Truthy(v) ? Values.Iterate(v) : []).Where(item => predicate(getter(item)) == keep).ToList();
    }

    private static object? Round(object? v, int precision, string method)
    {
        if (method is not ("common" or "ceil" or "floor"))
        {
            throw new TemplateException("method must be common, ceil or floor.");
        }

        if (method == "common" && Values.TryInteger(v, out var integer) && precision >= 0)
        {
            // Python's round() of an int stays an int.
            return v is bool ? integer : v is long ? v : integer;
        }

        if (!Values.TryNumber(v, out var d))
        {
            throw BadOperand("round", v);
        }

        var scale = Math.Pow(10, precision);
        return method switch
        {
            "ceil" => Math.Ceiling(d * scale) / scale,
            "floor" => Math.Floor(d * scale) / scale,
            _ => PythonRound(d, precision),
        };
    }

    /// <summary>
    /// Python's <c>round(x, n)</c>: rounds the exact binary value half to even, so <c>round(2.675, 2)</c> is 2.67 (the
    /// double is slightly below 2.675), then returns the double nearest to the decimal result.
    /// </summary>
    internal static double PythonRound(double x, int precision)
    {
        if (!double.IsFinite(x) || x == 0)
        {
            return x;
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        exponent -= 1075;
        System.Numerics.BigInteger numerator = mantissa;
        System.Numerics.BigInteger denominator = 1;
        if (exponent > 0)
        {
            numerator <<= exponent;
        }
        else
        {
            denominator <<= -exponent;
        }

        if (precision >= 0)
        {
            numerator *= System.Numerics.BigInteger.Pow(10, precision);
        }
        else
        {
            denominator *= System.Numerics.BigInteger.Pow(10, -precision);
        }

        var quotient = System.Numerics.BigInteger.DivRem(numerator, denominator, out var remainder);
        var twice = remainder * 2;
        if (twice > denominator || (twice == denominator && !quotient.IsEven))
        {
            quotient += 1;
        }

        var digits = quotient.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string text;
        if (precision > 0)
        {
            digits = digits.PadLeft(precision + 1, '0');
            text = digits[..^precision] + "." + digits[^precision..];
        }
        else
        {
            text = digits + new string('0', -precision);
        }

        var result = double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return x < 0 ? -result : result;
    }

    private static object? Sum(JinjaEnvironment env, object? v, JinjaArguments a)
    {
        var items = Values.Iterate(v);
        if (a.Get(0, "attribute") is { } attribute)
        {
            items = items.Select(AttrGetter(env, attribute));
        }

        var total = a.Get(1, "start", 0L);
        foreach (var item in items)
        {
            total = Values.Add(total, item);
        }

        return total;
    }

    private static List<object?> Unique(JinjaEnvironment env, object? v, JinjaArguments a)
    {
        var key = SortKey(env, a.Get(1, "attribute"), Values.Truthy(a.Get(0, "case_sensitive", false)));
        var seen = new List<object?>();
        var result = new List<object?>();
        foreach (var item in Values.Iterate(v))
        {
            var k = key(item);
            if (!seen.Exists(s => Values.Equals(s, k)))
            {
                seen.Add(k);
                result.Add(item);
            }
        }

        return result;
    }

    private static List<object?> GroupBy(JinjaEnvironment env, object? v, JinjaArguments a)
    {
        var attribute = a.Get(0, "attribute");
        var hasDefault = a.Has(1, "default");
        var getter = AttrGetter(env, attribute, a.Get(1, "default"), hasDefault);
        var caseSensitive = Values.Truthy(a.Get(2, "case_sensitive", false));
        object? Key(object? item) => getter(item) is string s && !caseSensitive ? s.ToLowerInvariant() : getter(item);

        var sorted = Values.ToList(v).OrderBy(Key, PyComparer).ToList();
        var groups = new List<object?>();
        List<object?>? current = null;
        object? currentKey = null;
        foreach (var item in sorted)
        {
            var key = Key(item);
            if (current is null || !Values.Equals(key, currentKey))
            {
                current = [];
                currentKey = key;
                // The grouper is the first item's value as written, also when grouping ignores case (as in Jinja).
                groups.Add(new GroupTuple(getter(item), current));
            }

            current.Add(item);
        }

        return groups;
    }
}
