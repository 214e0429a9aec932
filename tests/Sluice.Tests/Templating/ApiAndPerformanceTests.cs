using Sluice.Templating;

namespace Sluice.Tests.Templating;

public class ApiAndPerformanceTests
{
    [Fact]
    public void A_parsed_thousand_iteration_loop_renders_the_same_text_every_time()
    {
        var env = new JinjaEnvironment();
        var template = env.Parse("perf", "{% set ns = namespace(total=0) %}{% for i in range(1000) %}{% set ns.total = ns.total + i %}{{ i|string|upper }}{% if not loop.last %}, {% endif %}{% endfor %} = {{ ns.total }}");
        var first = template.Render();
        Assert.EndsWith(", 999 = 499500", first, StringComparison.Ordinal);

        // Rendering again reuses the parsed template and gives the same text (speed is a benchmark's job, not a test's).
        Assert.Equal(first, template.Render());
    }

    [Fact]
    public void Parsed_template_renders_concurrently()
    {
        var env = new JinjaEnvironment();
        var template = env.Parse("t", "{% macro sq(x) %}{{ x * x }}{% endmacro %}{% for i in range(n) %}{{ sq(i) }},{% endfor %}");
        var results = new string[16];
        Parallel.For(0, results.Length, i => results[i] = template.Render(new Dictionary<string, object?> { ["n"] = (long)i }));
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(string.Concat(Enumerable.Range(0, i).Select(k => $"{k * k},")), results[i]);
        }
    }

    [Fact]
    public void Host_can_register_filters_tests_and_globals()
    {
        var env = new JinjaEnvironment();
        env.Filters["quote_ident"] = (v, _) => "\"" + v + "\"";
        env.Tests["reserved"] = (v, _) => v is "select" or "from";
        env.Globals["project"] = "shop";
        Assert.Equal("\"id\" True shop", env.Parse("t", "{{ 'id'|quote_ident }} {{ 'from' is reserved }} {{ project }}").Render());
    }

    [Fact]
    public void Context_shadows_globals_and_template_variables_shadow_context()
    {
        var env = new JinjaEnvironment();
        env.Globals["x"] = "global";
        var template = env.Parse("t", "{{ x }}{% set x = 'local' %}{{ x }}");
        Assert.Equal("globallocal", template.Render());
        Assert.Equal("contextlocal", template.Render(new Dictionary<string, object?> { ["x"] = "context" }));
    }

    [Fact]
    public void Lists_and_dicts_from_the_host_are_mutable_from_templates()
    {
        var list = new List<object?> { 1L };
        var dict = new Dictionary<string, object?> { ["a"] = 1L };
        new JinjaEnvironment().Parse("t", "{% do l.append(2) %}{% do d.update({'b': 2}) %}").Render(new Dictionary<string, object?> { ["l"] = list, ["d"] = dict });
        Assert.Equal([1L, 2L], list);
        Assert.Equal(2L, dict["b"]);
    }

    [Fact]
    public void Template_dicts_keep_insertion_order_and_reach_the_host_as_ordered_dictionaries()
    {
        object? received = null;
        var context = new Dictionary<string, object?> { ["f"] = new JinjaFunction("f", a => received = a.Get(0, "x")) };
        new JinjaEnvironment().Parse("t", "{% set d = {'z': 1, 'a': 2} %}{% do d.pop('z') %}{% do d.update({'z': 3, 'm': 4}) %}{{ f(d) }}").Render(context);
        var dict = Assert.IsType<OrderedDictionary<string, object?>>(received);
        Assert.Equal(["a", "z", "m"], dict.Keys);
    }

    [Fact]
    public void Tuples_are_arrays_and_lists_are_lists()
    {
        object? tuple = null;
        object? list = null;
        var context = new Dictionary<string, object?>
        {
            ["t"] = new JinjaFunction("t", a => tuple = a.Positional[0]),
            ["l"] = new JinjaFunction("l", a => list = a.Positional[0]),
        };
        new JinjaEnvironment().Parse("t", "{{ t((1, 'a')) }}{{ l([1.5, none, true]) }}").Render(context);
        Assert.Equal(new object?[] { 1L, "a" }, tuple);
        Assert.Equal(new List<object?> { 1.5, null, true }, list);
    }

    [Fact]
    public void JinjaArguments_Expect_checks_a_signature()
    {
        var args = new JinjaArguments([1L], new OrderedDictionary<string, object?> { ["b"] = 2L });
        args.Expect("f", "a", "b");
        Assert.Equal(2L, args.Get(1, "b"));
        Assert.Equal("d", args.Get(2, "c", "d"));
        Assert.True(args.Has(0, "a"));
        Assert.False(args.Has(2, "c"));
        Assert.Throws<TemplateException>(() => args.Expect("f", "a"));
        Assert.Throws<TemplateException>(() => new JinjaArguments([1L], new OrderedDictionary<string, object?> { ["a"] = 2L }).Expect("f", "a"));
    }

    [Fact]
    public void Macro_objects_render_and_expose_their_name()
    {
        var env = new JinjaEnvironment();
        Assert.Equal("m <Macro 'm'> True", env.Parse("t", "{% macro m(a) %}{% endmacro %}{{ m.name }} {{ m }} {{ m is callable }}").Render());
    }

    [Fact]
    public void Cancellation_is_observed_between_loop_iterations_and_passes_through_unwrapped()
    {
        using var cts = new CancellationTokenSource();
        var calls = 0;
        var context = new Dictionary<string, object?>
        {
            ["work"] = new JinjaFunction("work", _ =>
            {
                if (++calls == 3)
                {
                    cts.Cancel();
                }

                return calls;
            }),
        };
        var template = new JinjaEnvironment().Parse("t", "{% for i in range(100) %}{{ work() }}{% endfor %}");
        Assert.ThrowsAny<OperationCanceledException>(() => template.Render(context, cts.Token));
        Assert.Equal(3, calls);

        // The token is scoped to that render.
        Assert.Equal(100, template.Render(new Dictionary<string, object?> { ["work"] = new JinjaFunction("work", _ => "x") }).Length);
    }

    [Fact]
    public void Cancellation_is_observed_before_macro_calls_from_csharp()
    {
        var module = new JinjaEnvironment().Parse("m", "{% macro m() %}x{% endmacro %}").CreateModule();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => module.CallMacro("m", cancellationToken: cts.Token));
        Assert.Equal("x", module.CallMacro("m"));
    }

    [Fact]
    public void Evaluate_keeps_the_type_of_a_single_expression()
    {
        var env = new JinjaEnvironment();
        var context = new Dictionary<string, object?> { ["n"] = 3L, ["cols"] = new List<object?> { "a" } };
        Assert.Equal(4L, env.Parse("t", "{{ n + 1 }}").Evaluate(context));
        Assert.Equal(true, env.Parse("t", "{{- n > 1 -}}").Evaluate(context));
        Assert.Same(context["cols"], env.Parse("t", "{{ cols }}").Evaluate(context));
        Assert.IsType<Undefined>(env.Parse("t", "{{ missing }}").Evaluate(context));
        Assert.Equal("n=3", env.Parse("t", "n={{ n }}").Evaluate(context));
    }
}
