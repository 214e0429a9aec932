using Sluice.Templating;

namespace Sluice.Tests.Templating;

/// <summary>Host functions and objects plugged in the way the dbt context does (ref, config, is_incremental, return, statement).</summary>
public class DbtStyleTests
{
    private sealed class Relation(string schema, string identifier) : IJinjaObject
    {
        public bool TryGetAttribute(string name, out object? value)
        {
            value = name switch
            {
                "schema" => schema,
                "identifier" => identifier,
                "render" => new JinjaFunction("render", _ => ToString()),
                "incorporate" => new JinjaFunction("incorporate", a => new Relation(schema, (string?)a.Get(0, "identifier", identifier) ?? identifier)),
                _ => null,
            };
            return value is not null;
        }

        public override string ToString() => $"\"awsdatacatalog\".\"{schema}\".\"{identifier}\"";
    }

    /// <summary>dbt's <c>config</c>: callable (<c>config(...)</c>) and an object (<c>config.get(...)</c>).</summary>
    private sealed class Config : IJinjaCallable, IJinjaObject
    {
        public OrderedDictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);

        public object? Call(JinjaArguments arguments)
        {
            foreach (var (key, value) in arguments.Keyword)
            {
                Values[key] = value;
            }

            return string.Empty;
        }

        public bool TryGetAttribute(string name, out object? value)
        {
            value = name switch
            {
                "get" => new JinjaFunction("get", a => Values.TryGetValue((string)a.Get(0, "name")!, out var v) ? v : a.Get(1, "default")),
                "require" => new JinjaFunction("require", a => Values.TryGetValue((string)a.Get(0, "name")!, out var v)
                    ? v : throw new InvalidOperationException($"missing config '{a.Get(0, "name")}'")),
                _ => null,
            };
            return value is not null;
        }
    }

    private static Dictionary<string, object?> Context(Config config, bool incremental, List<string>? statements = null) => new(StringComparer.Ordinal)
    {
        ["config"] = config,
        ["is_incremental"] = new JinjaFunction("is_incremental", _ => incremental),
        ["ref"] = new JinjaFunction("ref", a => new Relation("analytics", (string)a.Positional[^1]!)),
        ["source"] = new JinjaFunction("source", a => new Relation((string)a.Positional[0]!, (string)a.Positional[1]!)),
        ["this"] = new Relation("analytics", "orders"),
        ["return"] = new JinjaFunction("return", a => throw new MacroReturn(a.Get(0, "value"))),
        ["statement"] = new JinjaFunction("statement", a =>
        {
            var caller = (IJinjaCallable)a.Keyword["caller"]!;
            statements?.Add($"{a.Get(0, "name")}|{a.Get(1, "fetch_result", false)}|{caller.Call(JinjaArguments.Empty)}");
            return string.Empty;
        }),
    };

    [Fact]
    public void Incremental_model_renders_with_host_functions()
    {
        const string model = """
            {{ config(materialized='incremental', unique_key='id', partitioned_by=['dt']) }}

            select id, amount, dt
            from {{ ref('stg_orders') }}
            {% if is_incremental() %}
            where dt > (select max(dt) from {{ this }})
            {% endif %}

            """;
        var config = new Config();
        var env = new JinjaEnvironment();
        var template = env.Parse("models/orders.sql", model);

        var incremental = template.Render(Context(config, incremental: true));
        Assert.Equal(
            "\n\nselect id, amount, dt\nfrom \"awsdatacatalog\".\"analytics\".\"stg_orders\"\n\nwhere dt > (select max(dt) from \"awsdatacatalog\".\"analytics\".\"orders\")\n",
            incremental);
        Assert.Equal("incremental", config.Values["materialized"]);
        Assert.Equal(["dt"], Assert.IsType<List<object?>>(config.Values["partitioned_by"]));

        var full = template.Render(Context(new Config(), incremental: false));
        Assert.Equal("\n\nselect id, amount, dt\nfrom \"awsdatacatalog\".\"analytics\".\"stg_orders\"\n", full);
    }

    [Fact]
    public void Config_call_renders_as_empty_string_and_config_get_reads_back()
    {
        var env = new JinjaEnvironment();
        var output = env.Parse("m", "[{{ config(materialized='table') }}]{{ config.get('materialized') }} {{ config.get('format', 'parquet') }}")
            .Render(Context(new Config(), incremental: false));
        Assert.Equal("[]table parquet", output);
    }

    [Fact]
    public void Host_exception_is_wrapped_with_location_and_keeps_the_original()
    {
        var env = new JinjaEnvironment();
        var error = Assert.Throws<TemplateException>(() =>
            env.Parse("m.sql", "select 1\n{{ config.require('unique_key') }}").Render(Context(new Config(), incremental: false)));
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Equal(2, error.Line);
        Assert.Contains("missing config 'unique_key'", error.Message, StringComparison.Ordinal);
        Assert.Contains("m.sql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Column_loop_emits_commas_with_loop_last()
    {
        const string source = """
            {%- macro column_list(columns) -%}
            {%- for column in columns %}
                {{ column.name }}{% if not loop.last %},{% endif %}
            {%- endfor %}
            {%- endmacro -%}
            {% set cols = [{'name': 'id'}, {'name': 'customer_id'}, {'name': 'amount'}] %}
            select{{ column_list(cols) }}
            from {{ source('raw', 'orders') }}
            """;
        var env = new JinjaEnvironment();
        var output = env.Parse("m", source).Render(Context(new Config(), incremental: false));
        Assert.Equal("\nselect\n    id,\n    customer_id,\n    amount\nfrom \"awsdatacatalog\".\"raw\".\"orders\"", output);
    }

    [Fact]
    public void Return_ends_the_macro_with_a_value()
    {
        const string source = """
            {% macro partition_cols(cfg) %}
              {% set cols = [] %}
              {% for c in cfg.get('partitioned_by', []) %}{% do cols.append(c | lower) %}{% endfor %}
              {{ return(cols) }}
              this text is never rendered
            {% endmacro %}
            {%- set cols = partition_cols({'partitioned_by': ['DT', 'Region']}) -%}
            {{ cols | length }}:{{ cols | join(',') }}:{{ cols is string }}
            """;
        var env = new JinjaEnvironment();
        Assert.Equal("2:dt,region:False", env.Parse("m", source).Render(Context(new Config(), incremental: false)));
    }

    [Fact]
    public void Return_inside_a_call_block_ends_the_macro_that_called_caller()
    {
        // As in dbt: the call block body is not a macro of its own, so return() ends the innermost macro on the stack,
        // which is the one that invoked caller() (wrap), and the outer macro goes on rendering.
        const string source = "{% macro wrap() %}{{ caller() }}{% endmacro %}{% macro m() %}{% call wrap() %}{{ return('early') }}{% endcall %}late{% endmacro %}{{ m() }}";
        var env = new JinjaEnvironment();
        Assert.Equal("earlylate", env.Parse("m", source).Render(Context(new Config(), incremental: false)));
    }

    [Fact]
    public void Return_outside_a_macro_fails()
    {
        var env = new JinjaEnvironment();
        var error = Assert.Throws<TemplateException>(() => env.Parse("m", "{{ return(1) }}").Render(Context(new Config(), incremental: false)));
        Assert.Contains("outside of a macro", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Statement_call_block_passes_the_body_as_caller()
    {
        var statements = new List<string>();
        var env = new JinjaEnvironment();
        var output = env.Parse("m", "{% call statement('x', fetch_result=True) %}select {{ 1 + 1 }}{% endcall %}done")
            .Render(Context(new Config(), incremental: false, statements));
        Assert.Equal("done", output);
        Assert.Equal(["x|True|select 2"], statements);
    }

    [Fact]
    public void Statement_defined_as_a_template_macro_with_caller_works_too()
    {
        const string source = """
            {%- macro statement(name=None, fetch_result=False, auto_begin=True) -%}
            {%- set sql = caller() -%}
            [{{ name }}:{{ fetch_result }}:{{ sql | trim }}]
            {%- endmacro -%}
            {% call statement('main', fetch_result=True) %}
              create table {{ this }} as select 1
            {% endcall %}
            """;
        var env = new JinjaEnvironment();
        Assert.Equal("[main:True:create table \"awsdatacatalog\".\"analytics\".\"orders\" as select 1]",
            env.Parse("m", source).Render(Context(new Config(), incremental: false)));
    }

    [Fact]
    public void Host_object_methods_and_attributes_are_reachable()
    {
        var env = new JinjaEnvironment();
        var output = env.Parse("m", "{{ this.schema }}.{{ this['identifier'] }} {{ this.incorporate(identifier='orders__dbt_tmp').render() }} [{{ this.nope }}]")
            .Render(Context(new Config(), incremental: false));
        Assert.Equal("analytics.orders \"awsdatacatalog\".\"analytics\".\"orders__dbt_tmp\" []", output);
    }

    [Fact]
    public void Host_values_of_other_numeric_types_behave_as_numbers()
    {
        var env = new JinjaEnvironment();
        var context = new Dictionary<string, object?> { ["i"] = 3, ["f"] = 1.5f, ["m"] = 2.25m, ["b"] = (byte)4 };
        Assert.Equal("4 2.5 4.5 True 3", env.Parse("m", "{{ i + 1 }} {{ f + 1 }} {{ m * 2 }} {{ b is even }} {{ i }}").Render(context));
    }

    [Fact]
    public void Dispatch_style_lookup_through_globals()
    {
        // dbt resolves adapter.dispatch('name') to athena__name, then default__name; a host can do that with a context lookup.
        var env = new JinjaEnvironment();
        var macros = env.Parse("macros.sql", "{% macro default__quote(x) %}\"{{ x }}\"{% endmacro %}{% macro athena__quote(x) %}`{{ x }}`{% endmacro %}");
        var context = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, macro) in macros.CreateModule(context).Macros)
        {
            context[name] = macro;
        }

        context["adapter"] = new DispatchAdapter(context);
        Assert.Equal("`c`", env.Parse("m", "{{ adapter.dispatch('quote')('c') }}").Render(context));
    }

    private sealed class DispatchAdapter(Dictionary<string, object?> context) : IJinjaObject
    {
        public bool TryGetAttribute(string name, out object? value)
        {
            value = name == "dispatch"
                ? new JinjaFunction("dispatch", a =>
                {
                    var macro = (string)a.Positional[0]!;
                    return context.TryGetValue("athena__" + macro, out var m) ? m : context["default__" + macro];
                })
                : null;
            return value is not null;
        }
    }

    [Fact]
    public void Partition_batching_macro_with_namespaces_slices_and_host_tuples()
    {
        // The shape of dbt-athena's batching helpers: rows from a host query, (value, operator) tuples from the adapter,
        // a namespace accumulating distinct conditions, batches cut with computed slice bounds.
        const string source = """
            {%- macro partition_batches(rows, keys, limit=2) -%}
              {%- set ns = namespace(conditions=[]) -%}
              {%- for row in rows -%}
                {%- set parts = [] -%}
                {%- for value, key in zip(row, keys) -%}
                  {%- set literal, op = adapter.format_value(value) -%}
                  {%- do parts.append(key ~ op ~ literal) -%}
                {%- endfor -%}
                {%- set condition = parts | join(' and ') -%}
                {%- if condition not in ns.conditions -%}{%- do ns.conditions.append(condition) -%}{%- endif -%}
              {%- endfor -%}
              {%- set total = ns.conditions | length -%}
              {%- set batch_count = (total // limit) + (total % limit > 0) -%}
              {%- set batches = [] -%}
              {%- for i in range(batch_count) -%}
                {%- do batches.append(ns.conditions[i * limit:(i + 1) * limit] | join(' or ')) -%}
              {%- endfor -%}
              {{ return(batches) }}
            {%- endmacro -%}
            {%- for b in partition_batches(rows, ['dt', 'region']) %}
            {{ loop.index }}/{{ loop.length }}: {{ b }}
            {%- endfor %}
            """;
        var context = Context(new Config(), incremental: false);
        context["rows"] = new List<object?>
        {
            new List<object?> { "2024-01-01", "eu" },
            new List<object?> { "2024-01-01", "us" },
            new List<object?> { "2024-01-01", "eu" },
            new List<object?> { "2024-01-02", null },
        };
        context["zip"] = new JinjaFunction("zip", a => Enumerable.Range(0, a.Positional.Min(p => ((IList<object?>)p!).Count))
            .Select(i => (object?)a.Positional.Select(p => ((IList<object?>)p!)[i]).ToArray()).ToList());
        context["adapter"] = new FormatAdapter();
        var output = new JinjaEnvironment().Parse("batches.sql", source).Render(context);
        Assert.Equal(
            "\n1/2: dt='2024-01-01' and region='eu' or dt='2024-01-01' and region='us'\n2/2: dt='2024-01-02' and region is null",
            output);
    }

    private sealed class FormatAdapter : IJinjaObject
    {
        public bool TryGetAttribute(string name, out object? value)
        {
            value = name == "format_value"
                ? new JinjaFunction("format_value", a => a.Positional[0] is string s ? new object?[] { $"'{s}'", "=" } : new object?[] { "null", " is " })
                : null;
            return value is not null;
        }
    }
}
