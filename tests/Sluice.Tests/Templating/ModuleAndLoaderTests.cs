using Sluice.Templating;

namespace Sluice.Tests.Templating;

public class ModuleAndLoaderTests
{
    [Fact]
    public void Module_exposes_macros_and_variables_and_hides_underscored_names()
    {
        var env = new JinjaEnvironment();
        var template = env.Parse("macros/util.sql", "{% macro a() %}A{% endmacro %}\n{% set answer = 42 %}{% macro _private() %}{% endmacro %}{% macro b(x, y=2) %}{{ x + y }}{% endmacro %}");
        Assert.Equal(["a", "_private", "b"], template.MacroNames);

        var module = template.CreateModule();
        Assert.Equal(["a", "b"], module.Macros.Keys);
        Assert.Equal(42L, module.Variables["answer"]);
        Assert.Equal("\n", module.Output);
        Assert.Equal("A", module.CallMacro("a"));
        Assert.Equal("5", module.CallMacro("b", new JinjaArguments([3L])));
        Assert.Equal("4", module.CallMacro("b", new JinjaArguments([1L], new OrderedDictionary<string, object?> { ["y"] = 3L })));
    }

    [Fact]
    public void Calling_an_unknown_macro_lists_the_known_ones()
    {
        var module = new JinjaEnvironment().Parse("u.sql", "{% macro a() %}{% endmacro %}").CreateModule();
        var error = Assert.Throws<TemplateException>(() => module.CallMacro("nope"));
        Assert.Contains("no macro named 'nope'", error.Message, StringComparison.Ordinal);
        Assert.Contains("It defines: a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Macros_of_several_files_call_each_other_through_a_shared_context()
    {
        // What dbt does: every macro file is loaded and its macros become globals of every other template.
        var env = new JinjaEnvironment();
        var shared = new Dictionary<string, object?>(StringComparer.Ordinal);
        var files = new[]
        {
            env.Parse("macros/a.sql", "{% macro surrogate_key(cols) %}md5({{ concat_cols(cols) }}){% endmacro %}"),
            env.Parse("macros/b.sql", "{% macro concat_cols(cols) %}{{ cols | join(\" || '|' || \") }}{% endmacro %}"),
        };
        foreach (var file in files)
        {
            foreach (var (name, macro) in file.CreateModule(shared).Macros)
            {
                shared[name] = macro;
            }
        }

        Assert.Equal("select md5(a || '|' || b) as k", env.Parse("model.sql", "select {{ surrogate_key(['a', 'b']) }} as k").Render(shared));
        Assert.Equal("md5(x)", ((IJinjaCallable)shared["surrogate_key"]!).Call(new JinjaArguments([new List<object?> { "x" }])));
    }

    [Fact]
    public void Macro_returning_a_value_through_MacroReturn_gives_the_value_to_csharp()
    {
        var env = new JinjaEnvironment();
        var context = new Dictionary<string, object?> { ["return"] = new JinjaFunction("return", a => throw new MacroReturn(a.Get(0, "value"))) };
        var module = env.Parse("m.sql", "{% macro cfg() %}{{ return({'materialized': 'view', 'tags': ['a']}) }}{% endmacro %}").CreateModule(context);
        var value = Assert.IsAssignableFrom<IDictionary<string, object?>>(module.CallMacro("cfg"));
        Assert.Equal("view", value["materialized"]);
    }

    [Fact]
    public void Loader_templates_are_parsed_once_and_cached()
    {
        var loader = new CountingLoader(new() { ["x.sql"] = "{% macro m() %}M{% endmacro %}" });
        var env = new JinjaEnvironment(loader);
        var template = env.Parse("main", "{% from 'x.sql' import m %}{{ m() }}");
        Assert.Equal("M", template.Render());
        Assert.Equal("M", template.Render());
        Assert.Same(env.GetTemplate("x.sql"), env.GetTemplate("x.sql"));
        Assert.Equal(1, loader.Loads);
    }

    [Fact]
    public void Missing_template_is_an_error_with_the_location_of_the_import()
    {
        var env = new JinjaEnvironment(new DictionaryTemplateLoader([]));
        var error = Assert.Throws<TemplateException>(() => env.Parse("main", "x\n{% import 'nope.sql' as n %}").Render());
        Assert.Contains("'nope.sql' not found", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Importing_a_name_the_template_does_not_export_is_undefined()
    {
        var env = new JinjaEnvironment(new DictionaryTemplateLoader([KeyValuePair.Create("x.sql", "{% macro a() %}{% endmacro %}")]));
        var error = Assert.Throws<TemplateException>(() => env.Parse("main", "{% from 'x.sql' import b %}{{ b() }}").Render());
        Assert.Contains("does not export the requested name 'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_in_an_imported_macro_names_the_imported_template()
    {
        var env = new JinjaEnvironment(new DictionaryTemplateLoader([KeyValuePair.Create("lib.sql", "{% macro bad() %}\n\n{{ 1 // 0 }}{% endmacro %}")]));
        var error = Assert.Throws<TemplateException>(() => env.Parse("main", "{% import 'lib.sql' as lib %}{{ lib.bad() }}").Render());
        Assert.Equal("lib.sql", error.TemplateName);
        Assert.Equal(3, error.Line);
    }

    private sealed class CountingLoader(Dictionary<string, string> sources) : ITemplateLoader
    {
        public int Loads { get; private set; }

        public string? Load(string name)
        {
            Loads++;
            return sources.GetValueOrDefault(name);
        }
    }
}
