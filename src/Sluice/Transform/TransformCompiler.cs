using System.Globalization;
using System.Text;
using System.Text.Json;
using Sluice.Catalog;
using Sluice.Errors;
using Sluice.Sql;
using Sluice.Templating;

namespace Sluice.Transform;

/// <summary>
/// Renders a project's Jinja with dbt's context. <see cref="Parse"/> renders every node once with <c>execute=False</c>
/// to capture <c>config()</c>, <c>ref()</c> and <c>source()</c> (building the DAG and the final configs and names);
/// <see cref="Compile"/> renders a node again just before it runs, with queries and catalog introspection enabled.
/// </summary>
public sealed partial class TransformCompiler
{
    private readonly TransformProject _project;
    private readonly JinjaEnvironment _parseEnv;
    private readonly JinjaEnvironment _execEnv;
    private readonly List<Template> _parseMacros = [];
    private readonly List<Template> _execMacros = [];
    private readonly Func<string, string?> _environment;

    public TransformCompiler(TransformProject project, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(project);
        _project = project;
        _environment = environment;
        _parseEnv = NewEnvironment(lenient: true);
        _execEnv = NewEnvironment(lenient: false);
        foreach (var (file, text) in project.MacroFiles)
        {
            _parseMacros.Add(ParseTemplate(_parseEnv, file, text));
            _execMacros.Add(ParseTemplate(_execEnv, file, text));
        }
    }

    /// <summary>The invocation id written to artifacts and shown to templates.</summary>
    public string InvocationId { get; } = Guid.NewGuid().ToString();

    public DateTime RunStartedAt { get; } = DateTime.UtcNow;

    /// <summary>True when <c>--full-refresh</c> was given.</summary>
    public bool FullRefreshFlag { get; set; }

    /// <summary>The command being run (<c>run</c>, <c>build</c>, ...), for <c>flags.WHICH</c>.</summary>
    public string Which { get; set; } = "run";

    /// <summary>
    /// Renders every enabled node with <c>execute=False</c>: merges in-file configs (highest precedence), records
    /// edges, names each relation (<c>generate_schema_name</c>, <c>generate_alias_name</c>) and rejects cycles.
    /// Disabled nodes are removed.
    /// </summary>
    /// <exception cref="CompileException">A template error (with file, line and column), an unknown ref or source, or a cycle.</exception>
    public void Parse(CancellationToken cancellationToken = default)
    {
        foreach (var node in _project.Nodes.Values.ToList())
        {
            RenderConfigValues(node, cancellationToken);
            if (node.Type == NodeType.Seed)
            {
                continue;
            }

            var scope = new RenderScope(node, execute: false);
            if (node.TestName is not null)
            {
                RenderGenericTest(node, scope, _parseEnv, _parseMacros, cancellationToken);
            }
            else
            {
                Render(node, scope, _parseEnv, _parseMacros, cancellationToken);
                ConfigMerge.Into(node.Config, scope.Config!.InFile);
            }

            foreach (var id in scope.Refs.Where(id => !node.DependsOn.Contains(id)))
            {
                node.DependsOn.Add(id);
            }

            foreach (var id in scope.SourceIds.Where(id => !node.SourceIds.Contains(id)))
            {
                node.SourceIds.Add(id);
            }
        }

        var disabled = _project.Nodes.Values.Where(n => !n.Enabled).Select(n => n.UniqueId).ToHashSet(StringComparer.Ordinal);
        foreach (var id in disabled)
        {
            _project.Nodes.Remove(id);
        }

        // Tests of disabled nodes are disabled with them (as in dbt); a model that refs a disabled node is an error.
        foreach (var node in _project.Nodes.Values.Where(n => n.DependsOn.Any(disabled.Contains)).ToList())
        {
            if (node.Type == NodeType.Test)
            {
                _project.Nodes.Remove(node.UniqueId);
                continue;
            }

            throw new CompileException(
                $"'{node.Name}' depends on '{node.DependsOn.First(disabled.Contains)}', which is disabled. Enable it or remove the ref().", node.OriginalFilePath);
        }

        foreach (var node in _project.Nodes.Values)
        {
            Name(node, cancellationToken);
        }

        TransformGraph.CheckAcyclic(_project);
    }

    /// <summary>
    /// Config values from YAML that hold Jinja (<c>+schema: "{{ env_var('X') }}"</c>, <c>+enabled: "{{ target.name == 'prod' }}"</c>)
    /// are rendered natively, as dbt does, so a single expression keeps its type.
    /// </summary>
    private void RenderConfigValues(TransformNode node, CancellationToken cancellationToken)
    {
        var keys = node.Config.Where(kv => kv.Value is string text && text.Contains("{{", StringComparison.Ordinal)).Select(kv => kv.Key).ToList();
        if (keys.Count == 0)
        {
            return;
        }

        var context = Context(new RenderScope(node, execute: false), _execEnv, _execMacros, cancellationToken);
        foreach (var key in keys)
        {
            try
            {
                node.Config[key] = ParseTemplate(_execEnv, node.OriginalFilePath, (string)node.Config[key]!).Evaluate(context, cancellationToken);
            }
            catch (TemplateException e)
            {
                throw new CompileException($"The config '{key}' of '{node.Name}' cannot be rendered: {e.Reason}", node.OriginalFilePath, e.Line, e.Column, e);
            }
        }
    }

    /// <summary>Renders <paramref name="node"/> for execution and stores <see cref="TransformNode.CompiledCode"/>.</summary>
    internal string Compile(TransformNode node, RenderScope scope, CancellationToken cancellationToken)
    {
        var sql = node.TestName is not null
            ? RenderGenericTest(node, scope, _execEnv, _execMacros, cancellationToken)
            : Render(node, scope, _execEnv, _execMacros, cancellationToken);
        sql = InlineEphemerals(sql, scope, cancellationToken);
        node.CompiledCode = sql;
        return sql;
    }

    /// <summary>Renders a hook (or any text) in <paramref name="node"/>'s execute context.</summary>
    internal string RenderText(TransformNode node, RenderScope scope, string name, string text, IReadOnlyDictionary<string, object?>? extra, CancellationToken cancellationToken)
    {
        var context = Context(scope, _execEnv, _execMacros, cancellationToken);
        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            context[key] = value;
        }

        try
        {
            return ParseTemplate(_execEnv, name, text).Render(context, cancellationToken);
        }
        catch (TemplateException e)
        {
            throw Wrap(e, node);
        }
    }

    /// <summary>The relation a node builds.</summary>
    public static DbtRelation RelationOf(TransformNode node) =>
        new(node.Database, node.Schema, node.Alias, node.Materialized switch { "view" => "view", "ephemeral" => "cte", _ => "table" });

    private string InlineEphemerals(string sql, RenderScope scope, CancellationToken cancellationToken)
    {
        if (scope.Ephemerals.Count == 0)
        {
            return sql;
        }

        var ctes = new StringBuilder();
        foreach (var ephemeral in scope.Ephemerals)
        {
            var inner = new RenderScope(ephemeral, scope.Execute) { RunSql = scope.RunSql, GetTable = scope.GetTable, Log = scope.Log, FullRefresh = scope.FullRefresh };
            var body = Compile(ephemeral, inner, cancellationToken);
            ctes.Append(ctes.Length == 0 ? "with " : ", ").Append("__dbt__cte__").Append(ephemeral.Name).Append(" as (\n").Append(body.Trim()).Append("\n)");
        }

        var trimmed = sql.TrimStart();
        if (trimmed.StartsWith("with ", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("with\n", StringComparison.OrdinalIgnoreCase))
        {
            return ctes + ",\n" + trimmed[5..];
        }

        return ctes + "\n" + sql;
    }

    private void Name(TransformNode node, CancellationToken cancellationToken)
    {
        node.Database = _project.Target.Database;
        if (node.Type == NodeType.Test)
        {
            node.Schema = _project.Target.Schema;
            node.Alias = node.Name;
            return;
        }

        var scope = new RenderScope(node, execute: false);
        var context = Context(scope, _execEnv, _execMacros, cancellationToken);
        var nodeObject = NodeObject(node);
        if (node.Type == NodeType.Snapshot && node.ConfigString("target_schema") is { } targetSchema)
        {
            // Legacy snapshot configs name the schema exactly, without generate_schema_name.
            node.Schema = targetSchema.ToLowerInvariant();
            node.Alias = (node.ConfigString("alias") ?? node.Name).ToLowerInvariant();
            node.Database = (node.ConfigString("target_database") ?? _project.Target.Database).ToLowerInvariant();
            return;
        }

        node.Schema = CallText(context, "generate_schema_name", [node.ConfigString("schema"), nodeObject], node).ToLowerInvariant();
        node.Alias = CallText(context, "generate_alias_name", [node.ConfigString("alias"), nodeObject], node).ToLowerInvariant();
        node.Database = CallText(context, "generate_database_name", [node.ConfigString("database"), nodeObject], node).ToLowerInvariant();
    }

    private static string CallText(Dictionary<string, object?> context, string macro, object?[] args, TransformNode node)
    {
        var callable = context[macro] as IJinjaCallable ?? throw new CompileException($"The macro '{macro}' is not callable.", node.OriginalFilePath);
        try
        {
            return Values.Str(callable.Call(new JinjaArguments(args))).Trim();
        }
        catch (MacroReturn returned)
        {
            return Values.Str(returned.Value).Trim();
        }
        catch (TemplateException e)
        {
            throw Wrap(e, node);
        }
    }

    private string Render(TransformNode node, RenderScope scope, JinjaEnvironment env, List<Template> macros, CancellationToken cancellationToken)
    {
        var context = Context(scope, env, macros, cancellationToken);
        try
        {
            var template = ParseTemplate(env, node.OriginalFilePath, node.RawCode);
            return template.Render(context, cancellationToken);
        }
        catch (TemplateException e)
        {
            throw Wrap(e, node);
        }
    }

    private string RenderGenericTest(TransformNode node, RenderScope scope, JinjaEnvironment env, List<Template> macros, CancellationToken cancellationToken)
    {
        var context = Context(scope, env, macros, cancellationToken);
        var macroName = "test_" + node.TestName;
        if (!context.TryGetValue(macroName, out var value) || value is not IJinjaCallable macro)
        {
            throw new CompileException(
                $"The test '{node.TestName}' used in '{node.OriginalFilePath}' is not defined. Define it with {{% test {node.TestName}(model, column_name) %}} in macros/ or tests/generic/, or fix the name.",
                node.OriginalFilePath);
        }

        object model;
        if (_project.Sources.TryGetValue(node.AttachedTo!, out var source))
        {
            scope.SourceIds.Add(source.UniqueId);
            model = new DbtRelation(source.Database, source.Schema, source.Identifier);
        }
        else
        {
            model = RelationOf(_project.Nodes[node.AttachedTo!]);
        }

        if (node.ConfigString("where") is { } where)
        {
            model = $"(select * from {model} where {where}) as dbt_subquery";
        }

        var kwargs = new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["model"] = model };
        if (node.ColumnName is not null)
        {
            kwargs["column_name"] = node.ColumnName;
        }

        try
        {
            foreach (var (key, raw) in node.TestKwargs)
            {
                kwargs[key] = raw is string text && (text.Contains('(', StringComparison.Ordinal) || text.Contains("{{", StringComparison.Ordinal))
                    ? ParseTemplate(env, node.OriginalFilePath, text.Contains("{{", StringComparison.Ordinal) ? text : "{{ " + text + " }}").Evaluate(context, cancellationToken)
                    : raw;
            }

            object? result;
            try
            {
                result = macro.Call(new JinjaArguments([], kwargs));
            }
            catch (MacroReturn returned)
            {
                result = returned.Value;
            }

            return Values.Str(result);
        }
        catch (TemplateException e)
        {
            throw Wrap(e, node);
        }
    }

    private static CompileException Wrap(TemplateException e, TransformNode node)
    {
        if (e.InnerException is CompileException compile)
        {
            return compile;
        }

        var file = e.TemplateName ?? node.OriginalFilePath;
        return new CompileException($"Compilation error in {node.Type.ToString().ToLowerInvariant()} '{node.Name}': {e.Reason}", file, e.Line, e.Column, e);
    }

    private static Template ParseTemplate(JinjaEnvironment env, string file, string text)
    {
        try
        {
            return env.Parse(file, text);
        }
        catch (TemplateException e)
        {
            throw new CompileException("Jinja syntax error: " + e.Reason, e.TemplateName ?? file, e.Line, e.Column, e);
        }
    }

    private static JinjaEnvironment NewEnvironment(bool lenient)
    {
        var env = new JinjaEnvironment(null, new JinjaOptions { LenientUndefined = lenient });
        env.MacroTags["test"] = (name, _) => "test_" + name;
        env.MacroTags["materialization"] = (name, _) => "materialization_" + name;
        env.Filters["as_bool"] = (value, _) => value is string s ? string.Equals(s, "true", StringComparison.OrdinalIgnoreCase) : value;
        env.Filters["as_number"] = (value, _) => value is string s && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : value;
        env.Filters["as_text"] = (value, _) => Values.Str(value);
        env.Filters["as_native"] = (value, _) => value;
        env.Filters["fromjson"] = (value, _) => FromJson(Values.Str(value));
        return env;
    }

    private static OrderedDictionary<string, object?> NodeObject(TransformNode node) => new(StringComparer.Ordinal)
    {
        ["name"] = node.Name,
        ["unique_id"] = node.UniqueId,
        ["resource_type"] = node.Type.ToString().ToLowerInvariant(),
        ["package_name"] = node.PackageName,
        ["path"] = node.OriginalFilePath,
        ["original_file_path"] = node.OriginalFilePath,
        ["fqn"] = node.Fqn.Select(f => (object?)f).ToList(),
        ["config"] = node.Config,
        ["tags"] = node.Tags.Select(t => (object?)t).ToList(),
        ["schema"] = node.Schema,
        ["alias"] = node.Alias,
        ["database"] = node.Database,
        ["description"] = node.Description,
        ["columns"] = node.Columns,
        ["raw_code"] = node.RawCode,
    };

    internal static object? FromJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        return FromJsonElement(document.RootElement);
    }

    private static object? FromJsonElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new OrderedDictionary<string, object?>(element.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, FromJsonElement(p.Value))), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(FromJsonElement).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    internal CatalogTable? LookupTable(RenderScope scope, string schema, string name) =>
        scope.Execute && scope.GetTable is not null ? scope.GetTable(schema, name) : null;

    internal static string Literal(object? value) => value switch
    {
        null => "null",
        bool b => SqlRender.BooleanLiteral(b),
        long l => SqlRender.IntegerLiteral(l),
        int i => SqlRender.IntegerLiteral(i),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => SqlRender.StringLiteral(Values.Str(value)),
    };
}
