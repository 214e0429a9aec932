using Sluice.Errors;
using Sluice.Templating;

namespace Sluice.Transform;

/// <summary><c>config</c> in templates: <c>config(materialized='table')</c> sets configs at parse time; <c>config.get</c> and <c>config.require</c> read them.</summary>
internal sealed class DbtConfigObject : IJinjaCallable, IJinjaObject
{
    private readonly TransformNode _node;
    private readonly bool _parsing;

    public DbtConfigObject(TransformNode node, bool parsing)
    {
        _node = node;
        _parsing = parsing;
    }

    /// <summary>Configs set in the file, applied after the YAML ones (in-file wins).</summary>
    public OrderedDictionary<string, object?> InFile { get; } = new(StringComparer.Ordinal);

    public object? Call(JinjaArguments arguments)
    {
        if (_parsing)
        {
            foreach (var (key, value) in arguments.Keyword)
            {
                InFile[key] = value;
            }

            if (arguments.Positional is [OrderedDictionary<string, object?> dict])
            {
                foreach (var (key, value) in dict)
                {
                    InFile[key] = value;
                }
            }
        }

        return string.Empty;
    }

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "get" => new JinjaFunction("get", args => Get(args.Get(0, "name") as string ?? string.Empty, args.Get(1, "default"))),
            "require" => new JinjaFunction("require", args =>
            {
                var key = args.Get(0, "name") as string ?? string.Empty;
                return Get(key, null) ?? throw new CompileException(
                    $"The config '{key}' is required by a macro but is not set for '{_node.Name}'. Set it in the model's config() or in YAML.",
                    _node.OriginalFilePath);
            }),
            "set" => new JinjaFunction("set", args =>
            {
                InFile[args.Get(0, "name") as string ?? string.Empty] = args.Get(1, "value");
                return string.Empty;
            }),
            "persist_relation_docs" => new JinjaFunction(name, _ => PersistDocs("relation")),
            "persist_column_docs" => new JinjaFunction(name, _ => PersistDocs("columns")),
            _ => null,
        };
        return value is not null;
    }

    private bool PersistDocs(string key) =>
        Get("persist_docs", null) is OrderedDictionary<string, object?> docs && docs.GetValueOrDefault(key) is true;

    private object? Get(string key, object? defaultValue) =>
        InFile.TryGetValue(key, out var own) ? own : _node.Config.TryGetValue(key, out var value) && value is not null ? value : defaultValue;
}
