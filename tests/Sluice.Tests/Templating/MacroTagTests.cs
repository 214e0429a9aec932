using Sluice.Templating;

namespace Sluice.Tests.Templating;

public class MacroTagTests
{
    private static JinjaEnvironment DbtEnvironment()
    {
        var env = new JinjaEnvironment();
        env.MacroTags["test"] = (name, _) => "test_" + name;
        env.MacroTags["materialization"] = (name, options) => $"materialization_{name}_{options.GetValueOrDefault("adapter") ?? "default"}";
        env.MacroTags["docs"] = (name, _) => "docs_" + name;
        return env;
    }

    [Fact]
    public void Generic_test_block_defines_a_prefixed_macro()
    {
        var template = DbtEnvironment().Parse("tests/generic/positive.sql", """
            {% test is_positive(model, column_name) %}
            select * from {{ model }} where {{ column_name }} <= 0
            {% endtest %}
            """);
        Assert.Equal(["test_is_positive"], template.MacroNames);
        var sql = template.CreateModule().CallMacro("test_is_positive", new JinjaArguments(["orders", "amount"]));
        Assert.Equal("\nselect * from orders where amount <= 0\n", sql);
    }

    [Fact]
    public void Materialization_block_takes_literal_options()
    {
        var template = DbtEnvironment().Parse("m.sql", "{% materialization table, adapter='athena', supported_languages=['sql'] %}T{% endmaterialization %}{% materialization view %}V{% endmaterialization %}");
        Assert.Equal(["materialization_table_athena", "materialization_view_default"], template.MacroNames);
        Assert.Equal("T", template.CreateModule().CallMacro("materialization_table_athena"));
    }

    [Fact]
    public void Bare_option_name_is_a_flag()
    {
        var env = new JinjaEnvironment();
        string? seen = null;
        env.MacroTags["materialization"] = (name, options) =>
        {
            seen = string.Join(",", options.Select(o => $"{o.Key}={o.Value}"));
            return "materialization_" + name + "_default";
        };
        var template = env.Parse("m.sql", "{% materialization view, default %}V{% endmaterialization %}");
        Assert.Equal(["materialization_view_default"], template.MacroNames);
        Assert.Equal("default=True", seen);
    }

    [Fact]
    public void Docs_block_renders_its_body()
    {
        var module = DbtEnvironment().Parse("docs.md", "{% docs orders %}One row per **order**.{% enddocs %}").CreateModule();
        Assert.Equal("One row per **order**.", module.CallMacro("docs_orders"));
    }

    [Fact]
    public void Option_that_is_not_a_literal_is_a_syntax_error()
    {
        var error = Assert.Throws<TemplateException>(() => DbtEnvironment().Parse("m.sql", "{% materialization table, adapter=x.y %}{% endmaterialization %}"));
        Assert.Contains("Option 'adapter' of 'materialization' must be a literal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unregistered_tag_stays_unknown()
    {
        var error = Assert.Throws<TemplateException>(() => new JinjaEnvironment().Parse("m.sql", "{% test t(model) %}{% endtest %}"));
        Assert.Contains("unknown tag 'test'", error.Message, StringComparison.Ordinal);
    }
}
