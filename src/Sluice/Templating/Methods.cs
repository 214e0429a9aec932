using System.Text;

namespace Sluice.Templating;

/// <summary>The Python methods of str, list, tuple and dict that templates call (<c>name.upper()</c>, <c>cols.append(c)</c>).</summary>
internal static class Methods
{
    private static BoundMethod M(string name, Func<JinjaArguments, object?> body) => new(name, body);

    private static string Text(object? v, string method) =>
        v as string ?? throw new TemplateException($"{method}() argument must be str, not {Values.TypeName(v)}.");

    public static BoundMethod? ForString(JinjaEnvironment env, string s, string name) => name switch
    {
        "upper" => M(name, _ => s.ToUpperInvariant()),
        "lower" => M(name, _ => s.ToLowerInvariant()),
        "strip" => M(name, a => Strip(s, a.Get(0, "chars"), true, true)),
        "lstrip" => M(name, a => Strip(s, a.Get(0, "chars"), true, false)),
        "rstrip" => M(name, a => Strip(s, a.Get(0, "chars"), false, true)),
        "split" => M(name, a => Split(s, a.Get(0, "sep"), MaxSplit(a), fromRight: false)),
        "rsplit" => M(name, a => Split(s, a.Get(0, "sep"), MaxSplit(a), fromRight: true)),
        "splitlines" => M(name, _ => s.Split('\n').Select(l => (object?)l.TrimEnd('\r')).ToList() is var lines && s.EndsWith('\n') ? lines[..^1] : lines),
        "replace" => M(name, a => Replace(s, Text(a.Get(0, "old"), name), Text(a.Get(1, "new"), name), a.Get(2, "count", -1L))),
        "startswith" => M(name, a => Affix(a.Get(0, "prefix"), p => s.StartsWith(p, StringComparison.Ordinal))),
        "endswith" => M(name, a => Affix(a.Get(0, "suffix"), p => s.EndsWith(p, StringComparison.Ordinal))),
        "format" => M(name, a => PyFormat.Format(s, a, (o, attr) => Access.GetAttr(env, o, attr))),
        "join" => M(name, a => Join(s, a.Get(0, "iterable"))),
        "title" => M(name, _ => Title(s)),
        "capitalize" => M(name, _ => Capitalize(s)),
        "find" => M(name, a => (long)s.IndexOf(Text(a.Get(0, "sub"), name), StringComparison.Ordinal)),
        "rfind" => M(name, a => (long)s.LastIndexOf(Text(a.Get(0, "sub"), name), StringComparison.Ordinal)),
        "index" => M(name, a => s.IndexOf(Text(a.Get(0, "sub"), name), StringComparison.Ordinal) is var i and >= 0 ? (long)i : throw new TemplateException("substring not found.")),
        "count" => M(name, a => Count(s, Text(a.Get(0, "sub"), name))),
        "isdigit" => M(name, _ => s.Length > 0 && s.All(char.IsDigit)),
        "isalpha" => M(name, _ => s.Length > 0 && s.All(char.IsLetter)),
        "isalnum" => M(name, _ => s.Length > 0 && s.All(char.IsLetterOrDigit)),
        "isspace" => M(name, _ => s.Length > 0 && s.All(char.IsWhiteSpace)),
        "islower" => M(name, _ => s.Any(char.IsLower) && !s.Any(char.IsUpper)),
        "isupper" => M(name, _ => s.Any(char.IsUpper) && !s.Any(char.IsLower)),
        "zfill" => M(name, a => ZFill(s, a.Get(0, "width"))),
        "ljust" => M(name, a => s.PadRight((int)ToLong(a.Get(0, "width")), Fill(a))),
        "rjust" => M(name, a => s.PadLeft((int)ToLong(a.Get(0, "width")), Fill(a))),
        "center" => M(name, a => BuiltinFilters.Center(s, ToLong(a.Get(0, "width")))),
        _ => null,
    };

    private static char Fill(JinjaArguments a) => a.Get(1, "fillchar") is string { Length: 1 } f ? f[0] : ' ';

    private static long ToLong(object? v) =>
        Values.TryInteger(v, out var l) ? l : throw new TemplateException($"an integer is required, not {Values.TypeName(v)}.");

    private static long MaxSplit(JinjaArguments a) => a.Get(1, "maxsplit") is { } m ? ToLong(m) : -1;

    private static bool Affix(object? affix, Func<string, bool> test) => affix switch
    {
        string p => test(p),
        IList<object?> options => options.Any(o => test(Text(o, "startswith"))),
        _ => throw new TemplateException($"startswith/endswith first arg must be str or a tuple of str, not {Values.TypeName(affix)}."),
    };

    internal static string Strip(string s, object? chars, bool left, bool right)
    {
        if (chars is null or Undefined)
        {
            return left && right ? s.Trim() : left ? s.TrimStart() : s.TrimEnd();
        }

        var set = Text(chars, "strip").ToCharArray();
        return left && right ? s.Trim(set) : left ? s.TrimStart(set) : s.TrimEnd(set);
    }

    internal static List<object?> Split(string s, object? sep, long maxSplit, bool fromRight)
    {
        var result = new List<object?>();
        if (sep is null or Undefined)
        {
            var words = s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (maxSplit < 0 || words.Length <= maxSplit + 1)
            {
                result.AddRange(words);
                return result;
            }

            // Python keeps the rest of the string (from its first non-space character) as the last item.
            var rest = s.Trim();
            if (fromRight)
            {
                var tail = new List<object?>();
                for (var n = 0; n < maxSplit; n++)
                {
                    var cut = rest.LastIndexOfAny([' ', '\t', '\n', '\r', '\f', '\v']);
                    tail.Insert(0, rest[(cut + 1)..]);
                    rest = rest[..cut].TrimEnd();
                }

                result.Add(rest);
                result.AddRange(tail);
                return result;
            }

            for (var n = 0; n < maxSplit; n++)
            {
                var cut = rest.IndexOfAny([' ', '\t', '\n', '\r', '\f', '\v']);
                result.Add(rest[..cut]);
                rest = rest[cut..].TrimStart();
            }

            result.Add(rest);
            return result;
        }

        var separator = Text(sep, "split");
        if (separator.Length == 0)
        {
            throw new TemplateException("empty separator.");
        }

        var parts = s.Split(separator);
        if (maxSplit < 0 || parts.Length <= maxSplit + 1)
        {
            result.AddRange(parts);
        }
        else if (fromRight)
        {
            var keep = parts.Length - (int)maxSplit;
            result.Add(string.Join(separator, parts[..keep]));
            result.AddRange(parts[keep..]);
        }
        else
        {
            result.AddRange(parts[..(int)maxSplit]);
            result.Add(string.Join(separator, parts[(int)maxSplit..]));
        }

        return result;
    }

    internal static string Replace(string s, string old, string replacement, object? count)
    {
        var max = Values.TryInteger(count, out var c) ? c : -1;
        if (max < 0)
        {
            return old.Length == 0 ? string.Join(replacement, ["", .. s.Select(ch => ch.ToString()), ""]) : s.Replace(old, replacement, StringComparison.Ordinal);
        }

        var sb = new StringBuilder();
        var pos = 0;
        for (var n = 0; n < max; n++)
        {
            var i = s.IndexOf(old, pos, StringComparison.Ordinal);
            if (i < 0 || old.Length == 0)
            {
                break;
            }

            sb.Append(s, pos, i - pos).Append(replacement);
            pos = i + old.Length;
        }

        return sb.Append(s, pos, s.Length - pos).ToString();
    }

    private static string Join(string separator, object? items)
    {
        var parts = new List<string>();
        var i = 0;
        foreach (var item in Values.Iterate(items))
        {
            parts.Add(item as string ?? throw new TemplateException($"sequence item {i}: expected str instance, {Values.TypeName(item)} found."));
            i++;
        }

        return string.Join(separator, parts);
    }

    /// <summary>Python's <c>str.title()</c>: every letter after a non-letter is upper-cased, the others lower-cased.</summary>
    internal static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var previousCased = false;
        foreach (var c in s)
        {
            sb.Append(previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousCased = char.IsLetter(c);
        }

        return sb.ToString();
    }

    internal static string Capitalize(string s) =>
        s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    private static long Count(string s, string sub)
    {
        if (sub.Length == 0)
        {
            return s.Length + 1;
        }

        long n = 0;
        for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private static string ZFill(string s, object? width)
    {
        var w = (int)ToLong(width);
        if (s.Length >= w)
        {
            return s;
        }

        var sign = s.Length > 0 && s[0] is '+' or '-' ? s[..1] : string.Empty;
        return sign + new string('0', w - s.Length) + s[sign.Length..];
    }

    public static BoundMethod? ForList(IList<object?> list, string name) => name switch
    {
        "append" => M(name, a => { list.Add(a.Get(0, "object")); return null; }),
        "extend" => M(name, a => { foreach (var x in Values.ToList(a.Get(0, "iterable"))) { list.Add(x); } return null; }),
        "insert" => M(name, a =>
        {
            var i = ToLong(a.Get(0, "index"));
            i = i < 0 ? Math.Max(0, i + list.Count) : Math.Min(i, list.Count);
            list.Insert((int)i, a.Get(1, "object"));
            return null;
        }),
        "pop" => M(name, a =>
        {
            if (list.Count == 0)
            {
                throw new TemplateException("pop from empty list.");
            }

            var i = a.Has(0, "index") ? ToLong(a.Get(0, "index")) : -1;
            i = i < 0 ? i + list.Count : i;
            if (i < 0 || i >= list.Count)
            {
                throw new TemplateException("pop index out of range.");
            }

            var value = list[(int)i];
            list.RemoveAt((int)i);
            return value;
        }),
        "remove" => M(name, a =>
        {
            var i = IndexOf(list, a.Get(0, "value"));
            if (i < 0)
            {
                throw new TemplateException("list.remove(x): x not in list.");
            }

            list.RemoveAt(i);
            return null;
        }),
        "index" => M(name, a => IndexOf(list, a.Get(0, "value")) is var i and >= 0 ? (long)i : throw new TemplateException($"{Values.Repr(a.Get(0, "value"))} is not in list.")),
        "count" => M(name, a => (long)list.Count(x => Values.Equals(x, a.Get(0, "value")))),
        "reverse" => M(name, _ =>
        {
            var copy = list.Reverse().ToList();
            list.Clear();
            copy.ForEach(list.Add);
            return null;
        }),
        "sort" => M(name, a =>
        {
            var sorted = list.Order(Comparer<object?>.Create((x, y) => Values.Compare(x, y))).ToList();
            if (Values.Truthy(a.Get(-1, "reverse", false)))
            {
                sorted.Reverse();
            }

            list.Clear();
            sorted.ForEach(list.Add);
            return null;
        }),
        "copy" => M(name, _ => list.ToList()),
        "clear" => M(name, _ => { list.Clear(); return null; }),
        _ => null,
    };

    private static int IndexOf(IList<object?> list, object? value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (Values.Equals(list[i], value))
            {
                return i;
            }
        }

        return -1;
    }

    public static BoundMethod? ForTuple(object?[] tuple, string name) => name switch
    {
        "index" => M(name, a => IndexOf(tuple, a.Get(0, "value")) is var i and >= 0 ? (long)i : throw new TemplateException("tuple.index(x): x not in tuple.")),
        "count" => M(name, a => (long)tuple.Count(x => Values.Equals(x, a.Get(0, "value")))),
        _ => null,
    };

    private static string Key(object? key) =>
        key as string ?? throw new TemplateException($"Sluice dicts have string keys; got {Values.TypeName(key)} {Values.Repr(key)}.");

    public static BoundMethod? ForDict(IDictionary<string, object?> dict, string name) => name switch
    {
        "items" => M(name, _ => dict.Select(kv => (object?)new object?[] { kv.Key, kv.Value }).ToList()),
        "keys" => M(name, _ => dict.Keys.Select(k => (object?)k).ToList()),
        "values" => M(name, _ => dict.Values.ToList()),
        "get" => M(name, a => a.Get(0, "key") is string k && dict.TryGetValue(k, out var v) ? v : a.Get(1, "default")),
        "update" => M(name, a =>
        {
            if (a.Has(0, "other"))
            {
                var other = a.Get(0, "other");
                if (other is IDictionary<string, object?> map)
                {
                    foreach (var (k, v) in map.ToList())
                    {
                        dict[k] = v;
                    }
                }
                else
                {
                    foreach (var pair in Values.Iterate(other))
                    {
                        var kv = Values.AsList(pair);
                        dict[Key(kv[0])] = kv[1];
                    }
                }
            }

            foreach (var (k, v) in a.Keyword)
            {
                if (!string.Equals(k, "other", StringComparison.Ordinal))
                {
                    dict[k] = v;
                }
            }

            return null;
        }),
        "pop" => M(name, a =>
        {
            var k = Key(a.Get(0, "key"));
            if (dict.TryGetValue(k, out var v))
            {
                dict.Remove(k);
                return v;
            }

            return a.Has(1, "default") ? a.Get(1, "default") : throw new TemplateException($"KeyError: {Values.Repr(k)}.");
        }),
        "setdefault" => M(name, a =>
        {
            var k = Key(a.Get(0, "key"));
            if (!dict.TryGetValue(k, out var v))
            {
                v = a.Get(1, "default");
                dict[k] = v;
            }

            return v;
        }),
        "copy" => M(name, _ => new OrderedDictionary<string, object?>(dict, StringComparer.Ordinal)),
        "clear" => M(name, _ => { dict.Clear(); return null; }),
        _ => null,
    };
}
