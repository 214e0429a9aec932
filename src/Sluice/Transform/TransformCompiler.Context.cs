using System.Globalization;
using Sluice.Errors;
using Sluice.Sql;
using Sluice.Templating;

namespace Sluice.Transform;

/// <summary>dbt's Jinja context for one render of one node.</summary>
public sealed partial class TransformCompiler
{
    private Dictionary<string, object?> Context(RenderScope scope, JinjaEnvironment env, List<Template> macros, CancellationToken cancellationToken)
    {
        var node = scope.Node;
        scope.Config ??= new DbtConfigObject(node, parsing: !scope.Execute);
        var context = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["execute"] = scope.Execute,
            ["target"] = _project.Target.Fields,
            ["project_name"] = _project.Project.Name,
            ["invocation_id"] = InvocationId,
            ["run_started_at"] = new PyDateTime(RunStartedAt),
            ["config"] = scope.Config,
            ["model"] = NodeObject(node),
            ["schema"] = node.Schema.Length > 0 ? node.Schema : _project.Target.Schema,
            ["database"] = node.Database,
            ["flags"] = new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["FULL_REFRESH"] = FullRefreshFlag, ["WHICH"] = Which },
            ["graph"] = new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["nodes"] = new OrderedDictionary<string, object?>(StringComparer.Ordinal) },
            ["ref"] = new JinjaFunction("ref", args => Ref(scope, args)),
            ["source"] = new JinjaFunction("source", args => Source(scope, args)),
            ["var"] = new JinjaFunction("var", args => Var(node, args)),
            ["env_var"] = new JinjaFunction("env_var", args => Values.Str(args.Get(0, "var")).StartsWith(DbtTarget.SecretPrefix, StringComparison.Ordinal)
                ? throw new CompileException(
                    $"env_var('{Values.Str(args.Get(0, "var"))}'): secret variables ({DbtTarget.SecretPrefix}*) may only be used in profiles.yml, so they never reach compiled SQL or logs. Use a non-secret variable here.",
                    node.OriginalFilePath)
                : DbtTarget.EnvVar(args, _environment, node.OriginalFilePath)),
            ["should_store_failures"] = new JinjaFunction("should_store_failures", _ =>
                node.ConfigString("store_failures_as") is { } kind ? kind != "ephemeral" : node.Config.GetValueOrDefault("store_failures") is true),
            ["is_incremental"] = new JinjaFunction("is_incremental", _ => scope.Execute && scope.IsIncremental),
            ["run_query"] = new JinjaFunction("run_query", args => RunQuery(scope, Values.Str(args.Get(0, "sql")))),
            ["statement"] = new JinjaFunction("statement", args => Statement(scope, args)),
            ["load_result"] = new JinjaFunction("load_result", args => scope.Results.GetValueOrDefault(Values.Str(args.Get(0, "name")))),
            ["log"] = new JinjaFunction("log", args => Log(scope, args.Get(0, "msg"))),
            ["print"] = new JinjaFunction("print", args => Log(scope, args.Get(0, "msg"))),
            ["return"] = new JinjaFunction("return", args => throw new MacroReturn(args.Get(0, "value"))),
            ["tojson"] = new JinjaFunction("tojson", args => Json.Serialize(args.Get(0, "value"), null)),
            ["fromjson"] = new JinjaFunction("fromjson", args => FromJson(Values.Str(args.Get(0, "string")))),
            ["fromyaml"] = new JinjaFunction("fromyaml", args => Yaml.Load(Values.Str(args.Get(0, "value")), node.OriginalFilePath)),
            ["zip"] = new JinjaFunction("zip", args => Zip(args)),
            ["set"] = new JinjaFunction("set", args => Values.Iterate(args.Get(0, "value")).Distinct().ToList()),
            ["sql_literal"] = new JinjaFunction("sql_literal", args => Literal(args.Get(0, "value"))),
            ["exceptions"] = new HostObject(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["raise_compiler_error"] = new JinjaFunction("raise_compiler_error", args => throw new CompileException(
                    Values.Str(args.Get(0, "msg")), node.OriginalFilePath)),
                ["warn"] = new JinjaFunction("warn", args => Log(scope, "WARNING: " + Values.Str(args.Get(0, "msg")))),
                ["raise_not_implemented"] = new JinjaFunction("raise_not_implemented", args => throw new CompileException(
                    "Not implemented: " + Values.Str(args.Get(0, "msg")), node.OriginalFilePath)),
            }),
            ["modules"] = new HostObject(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["datetime"] = new HostObject(new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["datetime"] = new HostObject(new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["now"] = new JinjaFunction("now", _ => new PyDateTime(DateTime.UtcNow)),
                        ["utcnow"] = new JinjaFunction("utcnow", _ => new PyDateTime(DateTime.UtcNow)),
                    }),
                    ["date"] = new HostObject(new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["today"] = new JinjaFunction("today", _ => new PyDateTime(DateTime.UtcNow.Date, dateOnly: true)),
                    }),
                }),
            }),
            ["api"] = new HostObject(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Relation"] = new HostObject(new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["create"] = new JinjaFunction("create", args => new DbtRelation(
                        Values.Str(args.Get(0, "database") ?? _project.Target.Database),
                        Values.Str(args.Get(1, "schema") ?? _project.Target.Schema),
                        Values.Str(args.Get(2, "identifier")),
                        Values.Str(args.Get(3, "type") ?? "table"))),
                }),
            }),
        };
        context["adapter"] = Adapter(scope, context);
        if (node.Type is NodeType.Model or NodeType.Seed or NodeType.Snapshot)
        {
            context["this"] = RelationOf(node);
        }

        // Macro files run in load order, so a project macro replaces a built-in or package macro of the same name.
        foreach (var template in macros)
        {
            try
            {
                var module = template.CreateModule(context, cancellationToken);
                foreach (var (name, macro) in module.Macros)
                {
                    context[name] = macro;
                }
            }
            catch (TemplateException e)
            {
                throw new CompileException("Error in macro file: " + e.Reason, e.TemplateName ?? template.Name, e.Line, e.Column, e);
            }
        }

        return context;
    }

    private DbtRelation Ref(RenderScope scope, JinjaArguments args)
    {
        var name = Values.Str(args.Positional.Count >= 2 ? args.Positional[1] : args.Get(0, "name"));
        var target = _project.Nodes.Values.FirstOrDefault(n => n.Type is NodeType.Model or NodeType.Seed or NodeType.Snapshot && string.Equals(n.Name, name, StringComparison.Ordinal))
            ?? throw new CompileException(
                $"{scope.Node.Type.ToString().ToLowerInvariant()} '{scope.Node.Name}' depends on '{name}', which was not found. Check the name in ref('{name}') or add the model or seed.",
                scope.Node.OriginalFilePath);
        if (!scope.Refs.Contains(target.UniqueId))
        {
            scope.Refs.Add(target.UniqueId);
        }

        if (target.Materialized == "ephemeral")
        {
            if (!scope.Ephemerals.Contains(target))
            {
                scope.Ephemerals.Add(target);
            }

            return new DbtRelation(target.Database, target.Schema, "__dbt__cte__" + target.Name, "cte");
        }

        return RelationOf(target);
    }

    private DbtRelation Source(RenderScope scope, JinjaArguments args)
    {
        var sourceName = Values.Str(args.Get(0, "source_name"));
        var tableName = Values.Str(args.Get(1, "table_name"));
        var source = _project.Sources.Values.FirstOrDefault(s => s.SourceName == sourceName && s.Name == tableName)
            ?? throw new CompileException(
                $"'{scope.Node.Name}' uses source('{sourceName}', '{tableName}'), which is not declared. Declare it under `sources:` in a properties YAML file.",
                scope.Node.OriginalFilePath);
        if (!scope.SourceIds.Contains(source.UniqueId))
        {
            scope.SourceIds.Add(source.UniqueId);
        }

        return new DbtRelation(source.Database, source.Schema, source.Identifier);
    }

    private object? Var(TransformNode node, JinjaArguments args)
    {
        var name = Values.Str(args.Get(0, "name"));
        if (_project.CliVars.TryGetValue(name, out var fromCli))
        {
            return fromCli;
        }

        var vars = _project.Project.Vars;
        if (vars.GetValueOrDefault(node.PackageName) is OrderedDictionary<string, object?> scoped && scoped.TryGetValue(name, out var fromPackage))
        {
            return fromPackage;
        }

        if (vars.TryGetValue(name, out var fromProject) && fromProject is not OrderedDictionary<string, object?>)
        {
            return fromProject;
        }

        if (args.Has(1, "default"))
        {
            return args.Get(1, "default");
        }

        throw new CompileException(
            $"Required var '{name}' not found in config. Set it under `vars:` in dbt_project.yml, pass --vars '{{{name}: value}}', or give a default: var('{name}', 'value').",
            node.OriginalFilePath);
    }

    private object? RunQuery(RenderScope scope, string sql)
    {
        if (!scope.Execute || scope.RunSql is null)
        {
            return null;
        }

        return new AgateTable(scope.RunSql(sql));
    }

    private object? Statement(RenderScope scope, JinjaArguments args)
    {
        var name = Values.Str(args.Get(0, "name"));
        var fetch = args.Get(1, "fetch_result") is true;
        if (args.Keyword.GetValueOrDefault("caller") is not IJinjaCallable caller)
        {
            return string.Empty;
        }

        var sql = Values.Str(caller.Call(JinjaArguments.Empty));
        if (!scope.Execute || scope.RunSql is null)
        {
            return string.Empty;
        }

        var result = scope.RunSql(sql);
        var table = new AgateTable(result);
        scope.Results[name] = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["response"] = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["_message"] = "OK " + (result.UpdateCount ?? result.Rows.Count).ToString(CultureInfo.InvariantCulture),
                ["rows_affected"] = result.UpdateCount ?? 0L,
                ["data_scanned_in_bytes"] = result.Statistics.DataScannedBytes,
            },
            ["table"] = fetch ? table : null,
            ["data"] = fetch ? table.ToList() : null,
        };
        return string.Empty;
    }

    private static string Log(RenderScope scope, object? message)
    {
        scope.Log?.Invoke(Values.Str(message));
        return string.Empty;
    }

    private static List<object?> Zip(JinjaArguments args)
    {
        var lists = args.Positional.Select(a => Values.ToList(a)).ToList();
        var length = lists.Count == 0 ? 0 : lists.Min(l => l.Count);
        return Enumerable.Range(0, length).Select(i => (object?)lists.Select(l => l[i]).ToArray()).ToList();
    }

    private HostObject Adapter(RenderScope scope, Dictionary<string, object?> context) => new(new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["type"] = new JinjaFunction("type", _ => "athena"),
        ["quote"] = new JinjaFunction("quote", args => SqlRender.DmlIdentifier(Values.Str(args.Get(0, "identifier")))),
        ["get_relation"] = new JinjaFunction("get_relation", args =>
        {
            var schema = Values.Str(args.Get(1, "schema")).ToLowerInvariant();
            var identifier = Values.Str(args.Get(2, "identifier")).ToLowerInvariant();
            var table = LookupTable(scope, schema, identifier);
            return table is null ? null : new DbtRelation(Values.Str(args.Get(0, "database") ?? _project.Target.Database), schema, identifier, table.IsView ? "view" : "table");
        }),
        ["get_columns_in_relation"] = new JinjaFunction("get_columns_in_relation", args =>
        {
            if (args.Get(0, "relation") is not DbtRelation relation)
            {
                return new List<object?>();
            }

            var table = LookupTable(scope, relation.Schema, relation.Identifier);
            return table is null
                ? new List<object?>()
                : table.AllColumns.Select(c => (object?)new OrderedDictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["name"] = c.Name,
                    ["column"] = c.Name,
                    ["data_type"] = c.Type,
                    ["dtype"] = c.Type,
                    ["quoted"] = SqlRender.DmlIdentifier(c.Name),
                }).ToList();
        }),
        ["drop_relation"] = new JinjaFunction("drop_relation", args =>
        {
            if (args.Get(0, "relation") is DbtRelation relation && scope.Execute && scope.RunSql is not null
                && LookupTable(scope, relation.Schema, relation.Identifier) is { } table)
            {
                // A Hive DROP TABLE removes the catalog entry only; no object is deleted.
                scope.RunSql((table.IsView ? "DROP VIEW " : "DROP TABLE ") + relation.DdlName);
            }

            return string.Empty;
        }),
        ["create_schema"] = new JinjaFunction("create_schema", args =>
        {
            if (args.Get(0, "relation") is DbtRelation relation && scope.Execute && scope.RunSql is not null)
            {
                scope.RunSql("CREATE SCHEMA IF NOT EXISTS " + SqlRender.DdlIdentifier(relation.Schema));
            }

            return string.Empty;
        }),
        ["get_missing_columns"] = new JinjaFunction("get_missing_columns", args =>
        {
            if (args.Get(0, "from_relation") is not DbtRelation from || args.Get(1, "to_relation") is not DbtRelation to)
            {
                return new List<object?>();
            }

            var target = LookupTable(scope, to.Schema, to.Identifier)?.AllColumns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
            return (LookupTable(scope, from.Schema, from.Identifier)?.AllColumns ?? []).Where(c => !target.Contains(c.Name))
                .Select(c => (object?)new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["name"] = c.Name, ["column"] = c.Name, ["data_type"] = c.Type }).ToList();
        }),
        ["dispatch"] = new JinjaFunction("dispatch", args =>
        {
            var name = Values.Str(args.Get(0, "macro_name"));
            foreach (var candidate in new[] { "athena__" + name, "default__" + name, name })
            {
                if (context.TryGetValue(candidate, out var macro) && macro is IJinjaCallable)
                {
                    return macro;
                }
            }

            throw new CompileException(
                $"adapter.dispatch('{name}') found no macro 'athena__{name}' or 'default__{name}'. Define one of them in macros/.", scope.Node.OriginalFilePath);
        }),
    });
}
