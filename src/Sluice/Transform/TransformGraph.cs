using Sluice.Errors;

namespace Sluice.Transform;

/// <summary>
/// The DAG of a parsed project and dbt's node selection: names, <c>path:</c>, <c>tag:</c>, <c>config.&lt;key&gt;:</c>,
/// <c>resource_type:</c>, <c>source:</c>, graph operators (<c>+m</c>, <c>m+</c>, <c>2+m</c>, <c>m+1</c>, <c>@m</c>),
/// space-separated unions, comma-separated intersections, and <c>--exclude</c>.
/// </summary>
public static class TransformGraph
{
    /// <summary>Throws when the <c>ref</c> edges form a cycle, naming the nodes on it.</summary>
    public static void CheckAcyclic(TransformProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        _ = TopologicalOrder(project, project.Nodes.Keys.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The selected nodes in an order where every node comes after the nodes it depends on.</summary>
    public static List<TransformNode> TopologicalOrder(TransformProject project, IReadOnlySet<string> selected)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(selected);
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<TransformNode>();
        var path = new Stack<string>();
        foreach (var id in project.Nodes.Keys)
        {
            Visit(id);
        }

        return order.Where(n => selected.Contains(n.UniqueId)).ToList();

        void Visit(string id)
        {
            if (state.TryGetValue(id, out var s))
            {
                if (s == 1)
                {
                    var cycle = path.Reverse().SkipWhile(p => p != id).Append(id);
                    throw new CompileException("Found a cycle: " + string.Join(" --> ", cycle) + ". Remove one of these ref() calls.");
                }

                return;
            }

            if (!project.Nodes.TryGetValue(id, out var node))
            {
                return;
            }

            state[id] = 1;
            path.Push(id);
            foreach (var parent in node.DependsOn)
            {
                Visit(parent);
            }

            path.Pop();
            state[id] = 2;
            order.Add(node);
        }
    }

    /// <summary>
    /// Resolves <paramref name="select"/> minus <paramref name="exclude"/> to node ids, limited to <paramref name="types"/>.
    /// No selection means every node. Tests are added when all nodes they test are selected (dbt's indirect selection).
    /// </summary>
    public static HashSet<string> Select(TransformProject project, IReadOnlyList<string> select, IReadOnlyList<string> exclude, IReadOnlySet<NodeType> types, string? selector = null)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(types);
        var children = Children(project);
        var chosen = selector is not null
            ? Selector(project, selector)
            : select is null || select.Count == 0
                ? project.Nodes.Keys.ToHashSet(StringComparer.Ordinal)
                : Union(project, children, select);
        if (exclude is { Count: > 0 })
        {
            chosen.ExceptWith(Union(project, children, exclude));
        }

        if (types.Contains(NodeType.Test))
        {
            foreach (var test in project.Nodes.Values.Where(n => n.Type == NodeType.Test && !chosen.Contains(n.UniqueId)))
            {
                if (test.DependsOn.Count > 0 && test.DependsOn.All(chosen.Contains) && (exclude is null || !Union(project, children, exclude).Contains(test.UniqueId)))
                {
                    chosen.Add(test.UniqueId);
                }
            }
        }

        chosen.RemoveWhere(id => !types.Contains(project.Nodes[id].Type) || project.Nodes[id].Materialized == "ephemeral");
        return chosen;
    }

    /// <summary>
    /// Resolves a <c>selectors.yml</c> selector to node ids: a definition is a selector string, a mapping with
    /// <c>method</c>/<c>value</c> (and <c>parents</c>, <c>children</c>, <c>parents_depth</c>, <c>children_depth</c>),
    /// <c>union</c> or <c>intersection</c> lists, and an <c>exclude</c> list inside a union.
    /// </summary>
    public static HashSet<string> Selector(TransformProject project, string name)
    {
        ArgumentNullException.ThrowIfNull(project);
        if (!project.Selectors.TryGetValue(name, out var definition))
        {
            throw new CompileException($"--selector '{name}' is not defined in selectors.yml ({string.Join(", ", project.Selectors.Keys)}).", "selectors.yml");
        }

        return Definition(project, Children(project), definition);
    }

    private static HashSet<string> Definition(TransformProject project, Dictionary<string, List<string>> children, object? definition)
    {
        switch (definition)
        {
            case string text:
                return Union(project, children, [text]);
            case OrderedDictionary<string, object?> map when map.GetValueOrDefault("union") is List<object?> union:
            {
                var result = new HashSet<string>(StringComparer.Ordinal);
                foreach (var part in union)
                {
                    if (part is OrderedDictionary<string, object?> exclusion && exclusion.GetValueOrDefault("exclude") is List<object?> excluded)
                    {
                        continue;
                    }

                    result.UnionWith(Definition(project, children, part));
                }

                foreach (var part in union.OfType<OrderedDictionary<string, object?>>().Where(p => p.ContainsKey("exclude")))
                {
                    foreach (var excluded in (List<object?>)part["exclude"]!)
                    {
                        result.ExceptWith(Definition(project, children, excluded));
                    }
                }

                return result;
            }

            case OrderedDictionary<string, object?> map when map.GetValueOrDefault("intersection") is List<object?> intersection:
            {
                HashSet<string>? result = null;
                foreach (var part in intersection)
                {
                    var matched = Definition(project, children, part);
                    if (result is null)
                    {
                        result = matched;
                    }
                    else
                    {
                        result.IntersectWith(matched);
                    }
                }

                return result ?? [];
            }

            case OrderedDictionary<string, object?> map when map.GetValueOrDefault("method") is string method:
            {
                var value = Convert.ToString(map.GetValueOrDefault("value"), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                var spec = method == "fqn" ? value : method + ":" + value;
                if (map.GetValueOrDefault("parents") is true)
                {
                    spec = (map.GetValueOrDefault("parents_depth") is long up ? up.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty) + "+" + spec;
                }

                if (map.GetValueOrDefault("children") is true)
                {
                    spec += "+" + (map.GetValueOrDefault("children_depth") is long down ? down.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty);
                }

                return One(project, children, spec);
            }

            default:
                throw new CompileException("A selector definition must be a string, or a mapping with method/value, union or intersection.", "selectors.yml");
        }
    }

    internal static Dictionary<string, List<string>> Children(TransformProject project)
    {
        var children = project.Nodes.Keys.ToDictionary(k => k, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var node in project.Nodes.Values)
        {
            foreach (var parent in node.DependsOn.Where(children.ContainsKey))
            {
                children[parent].Add(node.UniqueId);
            }
        }

        return children;
    }

    private static HashSet<string> Union(TransformProject project, Dictionary<string, List<string>> children, IEnumerable<string> specs)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in specs.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            HashSet<string>? intersection = null;
            foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var matched = One(project, children, part);
                if (intersection is null)
                {
                    intersection = matched;
                }
                else
                {
                    intersection.IntersectWith(matched);
                }
            }

            result.UnionWith(intersection ?? []);
        }

        return result;
    }

    private static HashSet<string> One(TransformProject project, Dictionary<string, List<string>> children, string spec)
    {
        var at = spec.StartsWith('@');
        var body = at ? spec[1..] : spec;
        int? up = null;
        int? down = null;
        var plusStart = 0;
        while (plusStart < body.Length && char.IsAsciiDigit(body[plusStart]))
        {
            plusStart++;
        }

        if (plusStart < body.Length && body[plusStart] == '+')
        {
            up = plusStart == 0 ? int.MaxValue : int.Parse(body[..plusStart], System.Globalization.CultureInfo.InvariantCulture);
            body = body[(plusStart + 1)..];
        }

        var lastPlus = body.LastIndexOf('+');
        if (lastPlus > 0 && body[(lastPlus + 1)..].All(char.IsAsciiDigit))
        {
            var digits = body[(lastPlus + 1)..];
            down = digits.Length == 0 ? int.MaxValue : int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
            body = body[..lastPlus];
        }

        var seeds = Match(project, body);
        var result = new HashSet<string>(seeds, StringComparer.Ordinal);
        if (up is { } u)
        {
            Walk(seeds, id => project.Nodes[id].DependsOn.Where(project.Nodes.ContainsKey), u, result);
        }

        if (down is { } d || at)
        {
            var descendants = new HashSet<string>(StringComparer.Ordinal);
            Walk(seeds, id => children[id], down ?? int.MaxValue, descendants);
            result.UnionWith(descendants);
            if (at)
            {
                Walk(descendants, id => project.Nodes[id].DependsOn.Where(project.Nodes.ContainsKey), int.MaxValue, result);
            }
        }

        return result;
    }

    private static void Walk(IEnumerable<string> start, Func<string, IEnumerable<string>> next, int depth, HashSet<string> into)
    {
        var frontier = start.ToList();
        var seen = new HashSet<string>(frontier, StringComparer.Ordinal);
        for (var level = 0; level < depth && frontier.Count > 0; level++)
        {
            var following = new List<string>();
            foreach (var id in frontier)
            {
                foreach (var n in next(id))
                {
                    into.Add(n);
                    if (seen.Add(n))
                    {
                        following.Add(n);
                    }
                }
            }

            frontier = following;
        }
    }

    private static HashSet<string> Match(TransformProject project, string selector)
    {
        var colon = selector.IndexOf(':', StringComparison.Ordinal);
        var method = colon > 0 ? selector[..colon] : null;
        var value = colon > 0 ? selector[(colon + 1)..] : selector;
        IEnumerable<TransformNode> nodes = project.Nodes.Values;
        nodes = method switch
        {
            null or "fqn" => nodes.Where(n => n.Name == value || string.Join('.', n.Fqn) == value || string.Join('.', n.Fqn.Skip(1)) == value || IsPathMatch(n, value, project, requirePrefix: true)),
            "tag" => nodes.Where(n => n.Tags.Contains(value, StringComparer.Ordinal)),
            "path" or "file" => nodes.Where(n => IsPathMatch(n, value, project, requirePrefix: false)),
            "resource_type" => nodes.Where(n => string.Equals(n.Type.ToString(), value, StringComparison.OrdinalIgnoreCase)),
            "source" => nodes.Where(n => n.SourceIds.Any(s => s.EndsWith("." + value, StringComparison.Ordinal) || s.Contains("." + value + ".", StringComparison.Ordinal))),
            "test_type" => nodes.Where(n => n.Type == NodeType.Test && (value == "generic") == (n.TestName is not null)),
            "test_name" => nodes.Where(n => n.TestName == value),
            "package" => nodes.Where(n => n.PackageName == value),
            "state" => nodes.Where(n => IsStateMatch(project, n, value)),
            "result" => project.State is null
                ? throw new CompileException($"The selector 'result:{value}' needs --state <folder of a previous run's manifest.json and run_results.json>.")
                : nodes.Where(n => project.PreviousResults.TryGetValue(n.UniqueId, out var status) && status == value),
            _ when method.StartsWith("config.", StringComparison.Ordinal) => nodes.Where(n => string.Equals(
                method == "config.materialized" ? n.Materialized : n.ConfigString(method["config.".Length..]), value, StringComparison.OrdinalIgnoreCase)),
            _ => throw new CompileException(
                $"The selector method '{method}' in '{selector}' is not supported. Use a name, path:, tag:, config.<key>:, resource_type:, source:, test_type:, test_name:, package:, state: or result:."),
        };
        return nodes.Select(n => n.UniqueId).ToHashSet(StringComparer.Ordinal);
    }

    private static bool IsStateMatch(TransformProject project, TransformNode node, string value)
    {
        var state = project.State ?? throw new CompileException($"The selector 'state:{value}' needs --state <folder of a previous manifest.json>.");
        if (!state.TryGetValue(node.UniqueId, out var previous))
        {
            return value is "new" or "modified" or "modified.body" or "modified.configs";
        }

        var body = previous.Checksum != Artifacts.Checksum(node);
        var configs = previous.Config != Artifacts.Canonical(node.Config);
        return value switch
        {
            "new" => false,
            "modified" => body || configs,
            "modified.body" => body,
            "modified.configs" => configs,
            _ => throw new CompileException($"The selector 'state:{value}' is not supported. Use state:new, state:modified, state:modified.body or state:modified.configs."),
        };
    }

    private static bool IsPathMatch(TransformNode node, string value, TransformProject project, bool requirePrefix)
    {
        var path = value.Replace('\\', '/').TrimEnd('/');
        if (requirePrefix && !path.Contains('/', StringComparison.Ordinal) && !project.Project.ModelPaths.Concat(project.Project.SeedPaths).Contains(path, StringComparer.Ordinal))
        {
            return false;
        }

        return node.OriginalFilePath == path || node.OriginalFilePath.StartsWith(path + "/", StringComparison.Ordinal);
    }
}
