namespace Sluice.Transform;

/// <summary>dbt's config merging: later values win, except that <c>tags</c> accumulate and <c>meta</c> merges key by key.</summary>
internal static class ConfigMerge
{
    public static void Into(OrderedDictionary<string, object?> target, IEnumerable<KeyValuePair<string, object?>> values)
    {
        foreach (var (rawKey, value) in values)
        {
            var key = rawKey.TrimStart('+') switch
            {
                "pre_hook" => "pre-hook",
                "post_hook" => "post-hook",
                var other => other,
            };
            switch (key)
            {
                case "tags":
                    var tags = target.TryGetValue("tags", out var existing) && existing is List<object?> list ? new List<object?>(list) : [];
                    foreach (var tag in value is List<object?> more ? more : value is null ? [] : [value])
                    {
                        if (!tags.Contains(tag))
                        {
                            tags.Add(tag);
                        }
                    }

                    target["tags"] = tags;
                    break;
                case "meta" when value is OrderedDictionary<string, object?> meta:
                    var merged = target.TryGetValue("meta", out var old) && old is OrderedDictionary<string, object?> m ? new OrderedDictionary<string, object?>(m, StringComparer.Ordinal) : new(StringComparer.Ordinal);
                    foreach (var (k, v) in meta)
                    {
                        merged[k] = v;
                    }

                    target["meta"] = merged;
                    break;
                case "pre-hook" or "post-hook":
                    var hooks = target.TryGetValue(key, out var oldHooks) && oldHooks is List<object?> h ? new List<object?>(h) : [];
                    hooks.AddRange(value as List<object?> ?? (value is null ? [] : [value]));
                    target[key] = hooks;
                    break;
                default:
                    target[key] = value;
                    break;
            }
        }
    }

    /// <summary>
    /// The configs a <c>dbt_project.yml</c> tree (<c>models:</c>) gives a node in <paramref name="folders"/> of
    /// <paramref name="project"/>: <c>+key</c> entries from the top, the project level, then each folder, deepest last.
    /// A key without <c>+</c> whose value is a mapping is a folder; other keys without <c>+</c> are configs.
    /// </summary>
    public static OrderedDictionary<string, object?> FromTree(object? tree, string project, IEnumerable<string> folders)
    {
        var result = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        if (tree is not OrderedDictionary<string, object?> level)
        {
            return result;
        }

        Apply(result, level);
        if (!level.TryGetValue(project, out var projectLevel) || projectLevel is not OrderedDictionary<string, object?> current)
        {
            return result;
        }

        Apply(result, current);
        foreach (var folder in folders)
        {
            if (!current.TryGetValue(folder, out var next) || next is not OrderedDictionary<string, object?> child)
            {
                break;
            }

            Apply(result, child);
            current = child;
        }

        return result;
    }

    private static void Apply(OrderedDictionary<string, object?> result, OrderedDictionary<string, object?> level) =>
        Into(result, level.Where(kv => kv.Key.StartsWith('+') || (kv.Value is not OrderedDictionary<string, object?> && !kv.Key.StartsWith('+'))));
}
