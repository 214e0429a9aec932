namespace Sluice.Templating;

/// <summary>
/// Attribute and item access with Jinja's fallbacks: <c>a.b</c> tries the attribute (methods of str, list and dict,
/// host attributes) and then the item; <c>a['b']</c> tries the item and then the attribute. A miss is undefined.
/// </summary>
internal static class Access
{
    private static string Owner(object? obj) => obj is null ? "'None'" : $"'{Values.TypeName(obj)} object'";

    public static object? GetAttr(JinjaEnvironment env, object? obj, string name)
    {
        switch (obj)
        {
            case Undefined u:
                return u.IsLenient ? u : throw u.Fail();
            case IJinjaObject host:
                return host.TryGetAttribute(name, out var value) ? value : Missing(env, obj, name);
            case string s:
                return (object?)Methods.ForString(env, s, name) ?? Missing(env, obj, name);
            case IDictionary<string, object?> dict:
                return Methods.ForDict(dict, name) ?? (dict.TryGetValue(name, out var item) ? item : Missing(env, obj, name));
            case object?[] tuple:
                return (object?)Methods.ForTuple(tuple, name) ?? Missing(env, obj, name);
            case IList<object?> list:
                return (object?)Methods.ForList(list, name) ?? Missing(env, obj, name);
            default:
                return Missing(env, obj, name);
        }
    }

    public static object? GetItem(JinjaEnvironment env, object? obj, object? key)
    {
        switch (obj)
        {
            case Undefined u:
                return u.IsLenient ? u : throw u.Fail();
            case IDictionary<string, object?> dict:
                if (key is string k && dict.TryGetValue(k, out var value))
                {
                    return value;
                }

                break;
            case string s when Values.TryInteger(key, out var index):
                var i = index < 0 ? index + s.Length : index;
                return i >= 0 && i < s.Length ? s[(int)i].ToString() : Missing(env, obj, key);
            case IList<object?> list when Values.TryInteger(key, out var index):
                var j = index < 0 ? index + list.Count : index;
                return j >= 0 && j < list.Count ? list[(int)j] : Missing(env, obj, key);
        }

        return key is string name ? GetAttr(env, obj, name) : Missing(env, obj, key);
    }

    private static Undefined Missing(JinjaEnvironment env, object? obj, object? key) =>
        env.MakeUndefined(key is string name ? $"{Owner(obj)} has no attribute '{name}'" : $"{Owner(obj)} has no element {Values.Repr(key)}");

    /// <summary>Python slicing of strings, lists and tuples. Slicing anything else fails (Jinja compiles slices to a plain subscript).</summary>
    public static object? Slice(object? obj, object? start, object? stop, object? step)
    {
        if (obj is Undefined u)
        {
            return u.IsLenient ? u : throw u.Fail();
        }


        long? Bound(object? v, string what) => v is null or Undefined ? null
            : Values.TryInteger(v, out var l) ? l
            : throw new TemplateException($"slice {what} must be an integer or None, not {Values.TypeName(v)}.");

        var stepValue = Bound(step, "step") ?? 1;
        if (stepValue == 0)
        {
            throw new TemplateException("slice step cannot be zero.");
        }

        var length = obj switch
        {
            string s => s.Length,
            IList<object?> l => l.Count,
            _ => throw new TemplateException($"'{Values.TypeName(obj)}' object is not subscriptable."),
        };
        var indices = SliceIndices(length, Bound(start, "start"), Bound(stop, "stop"), stepValue);
        return obj switch
        {
            string s => string.Concat(indices.Select(i => s[i])),
            object?[] t => indices.Select(i => t[i]).ToArray(),
            IList<object?> l => indices.Select(i => l[i]).ToList(),
            _ => null,
        };
    }

    private static List<int> SliceIndices(int length, long? start, long? stop, long step)
    {
        long Clamp(long? v, long defaultValue, long low, long high)
        {
            if (v is null)
            {
                return defaultValue;
            }

            var x = v.Value < 0 ? v.Value + length : v.Value;
            return Math.Clamp(x, low, high);
        }

        var result = new List<int>();
        if (step > 0)
        {
            var s = Clamp(start, 0, 0, length);
            var e = Clamp(stop, length, 0, length);
            for (var i = s; i < e; i += step)
            {
                result.Add((int)i);
            }
        }
        else
        {
            var s = Clamp(start, length - 1, -1, length - 1);
            var e = Clamp(stop, -1, -1, length - 1);
            for (var i = s; i > e; i += step)
            {
                result.Add((int)i);
            }
        }

        return result;
    }
}
