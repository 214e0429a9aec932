using System.Globalization;
using System.Text.Json.Nodes;

namespace Sluice.Sources.RestApi;

/// <summary>
/// The JSONPath subset REST sources use to find data, totals, cursors and next links: <c>$</c> (the root),
/// dotted names (<c>$.data.items</c> or <c>data.items</c>), bracketed names (<c>['odd key']</c>), indexes
/// (<c>[0]</c>) and the wildcard (<c>*</c> or <c>[*]</c>, every element or property value).
/// </summary>
public sealed class JsonPath
{
    private readonly IReadOnlyList<string> _steps;

    private JsonPath(string text, IReadOnlyList<string> steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; fails naming the path and the position that is wrong.</summary>
    public static JsonPath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var steps = new List<string>();
        var i = 0;
        var s = text.Trim();
        if (s.StartsWith('$'))
        {
            i = 1;
        }

        while (i < s.Length)
        {
            if (s[i] == '.')
            {
                i++;
                continue;
            }

            if (s[i] == '[')
            {
                var close = s.IndexOf(']', i);
                if (close < 0)
                {
                    throw new FormatException($"The JSON path '{text}' has a '[' at position {i} without a closing ']'. Write paths such as 'data.items', 'results[0].id' or \"['a key']\".");
                }

                var inner = s[(i + 1)..close].Trim();
                if (inner.Length >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[^1] == inner[0])
                {
                    steps.Add("." + inner[1..^1]);
                }
                else if (inner == "*")
                {
                    steps.Add("*");
                }
                else if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    steps.Add("#" + inner);
                }
                else
                {
                    throw new FormatException($"The JSON path '{text}' has '[{inner}]', which is neither an index, '*' nor a quoted name.");
                }

                i = close + 1;
                continue;
            }

            var end = i;
            while (end < s.Length && s[end] != '.' && s[end] != '[')
            {
                end++;
            }

            var name = s[i..end];
            steps.Add(name == "*" ? "*" : "." + name);
            i = end;
        }

        return new JsonPath(text, steps);
    }

    /// <summary>Every node the path matches in <paramref name="root"/> (none when a step is missing).</summary>
    public IEnumerable<JsonNode?> Select(JsonNode? root)
    {
        IEnumerable<JsonNode?> current = [root];
        foreach (var step in _steps)
        {
            current = current.SelectMany(node => Step(node, step)).ToList();
        }

        return current;
    }

    /// <summary>The first match, or null.</summary>
    public JsonNode? First(JsonNode? root) => Select(root).FirstOrDefault();

    /// <summary>True when the path matched at least one node (a JSON null counts as a match).</summary>
    public bool TryFirst(JsonNode? root, out JsonNode? value)
    {
        using var matches = Select(root).GetEnumerator();
        if (matches.MoveNext())
        {
            value = matches.Current;
            return true;
        }

        value = null;
        return false;
    }

    private static IEnumerable<JsonNode?> Step(JsonNode? node, string step)
    {
        switch (step[0])
        {
            case '.':
                if (node is JsonObject obj && obj.TryGetPropertyValue(step[1..], out var child))
                {
                    return [child];
                }

                return [];
            case '#':
                var index = int.Parse(step.AsSpan(1), CultureInfo.InvariantCulture);
                if (node is JsonArray array)
                {
                    if (index < 0)
                    {
                        index += array.Count;
                    }

                    return index >= 0 && index < array.Count ? [array[index]] : [];
                }

                return [];
            default:
                return node switch
                {
                    JsonArray list => list.ToList(),
                    JsonObject map => map.Select(p => p.Value).ToList(),
                    _ => [],
                };
        }
    }

    public override string ToString() => Text;
}
