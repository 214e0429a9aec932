namespace Sluice.Templating;

/// <summary>Jinja2's global functions: <c>range</c>, <c>dict</c>, <c>namespace</c>, <c>cycler</c>, <c>joiner</c>.</summary>
internal static class BuiltinGlobals
{
    // Bounds a runaway range() the way Jinja's sandbox does, instead of exhausting memory.
    private const long MaxRange = 1_000_000;

    public static Dictionary<string, object?> Create(JinjaEnvironment env)
    {
        _ = env;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["range"] = new JinjaFunction("range", Range),
            ["dict"] = new JinjaFunction("dict", Dict),
            ["namespace"] = new JinjaFunction("namespace", a => new JinjaNamespace(Dict(a))),
            ["cycler"] = new JinjaFunction("cycler", a => a.Positional.Count == 0
                ? throw new TemplateException("cycler() needs at least one item.")
                : new Cycler(a.Positional.ToArray())),
            ["joiner"] = new JinjaFunction("joiner", a =>
            {
                a.Expect("joiner", "sep");
                var separator = Values.Str(a.Get(0, "sep", ", "));
                var used = false;
                // The first call returns '' and later calls the separator, to join items written in a loop.
                return new JinjaFunction("joiner", _ =>
                {
                    var result = used ? separator : string.Empty;
                    used = true;
                    return result;
                });
            }),
        };
    }

    private static long Integer(object? v) =>
        Values.TryInteger(v, out var l) ? l : throw new TemplateException($"range() needs integers, not {Values.TypeName(v)}.");

    private static RangeValue Range(JinjaArguments a)
    {
        if (a.Keyword.Count > 0)
        {
            throw new TemplateException("range() takes no keyword arguments.");
        }

        var (start, stop, step) = a.Positional.Count switch
        {
            1 => (0L, Integer(a.Positional[0]), 1L),
            2 => (Integer(a.Positional[0]), Integer(a.Positional[1]), 1L),
            3 => (Integer(a.Positional[0]), Integer(a.Positional[1]), Integer(a.Positional[2])),
            _ => throw new TemplateException($"range expected 1 to 3 arguments, got {a.Positional.Count}."),
        };
        if (step == 0)
        {
            throw new TemplateException("range() arg 3 must not be zero.");
        }

        var range = new RangeValue(start, stop, step);
        if (range.Count > MaxRange)
        {
            throw new TemplateException($"range() is too big: {range.Count} items, the limit is {MaxRange}.");
        }

        return range;
    }

    private static OrderedDictionary<string, object?> Dict(JinjaArguments a)
    {
        var dict = Values.NewDict();
        foreach (var source in a.Positional)
        {
            if (source is IDictionary<string, object?> map)
            {
                foreach (var (k, v) in map)
                {
                    dict[k] = v;
                }

                continue;
            }

            foreach (var pair in Values.Iterate(source))
            {
                var kv = Values.AsList(pair);
                dict[kv[0] as string ?? throw new TemplateException("dict() keys must be strings.")] = kv[1];
            }
        }

        foreach (var (k, v) in a.Keyword)
        {
            dict[k] = v;
        }

        return dict;
    }
}
