using Sluice.Templating;

namespace Sluice.Tests.Templating;

public class ErrorAndUndefinedTests
{
    private static TemplateException Fails(string source, IDictionary<string, object?>? context = null, JinjaOptions? options = null) =>
        Assert.Throws<TemplateException>(() => new JinjaEnvironment(options: options).Parse("t.sql", source).Render(context));

    [Fact]
    public void Syntax_error_points_at_the_offending_token()
    {
        var error = Fails("select 1\n  {{ 1 + }}");
        Assert.Equal("t.sql", error.TemplateName);
        Assert.Equal(2, error.Line);
        Assert.Equal(10, error.Column);
        Assert.Equal("unexpected end of print statement. (template 't.sql', line 2, column 10)", error.Message);
    }

    [Fact]
    public void Unclosed_block_names_the_missing_end_tag_and_the_opening_line()
    {
        var error = Fails("a\n{% for x in y %}\n{% if x %}\n{% endfor %}");
        Assert.Equal(
            "Encountered unknown tag 'endfor'. You probably made a nesting mistake: this tag is expected, but the parser is looking for 'elif' or 'else' or 'endif'. "
            + "The innermost block that needs to be closed is 'if' (line 3).",
            error.Reason);
        Assert.Equal(4, error.Line);

        error = Fails("a\n{% for x in y %}\nbody");
        Assert.Contains("'endfor' or 'else'", error.Message, StringComparison.Ordinal);
        Assert.Contains("innermost block that needs to be closed is 'for' (line 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_tag_and_stray_end_tag_are_reported()
    {
        Assert.Contains("unknown tag 'frob'", Fails("{% frob %}").Message, StringComparison.Ordinal);
        var stray = Fails("x\n  {% endif %}");
        Assert.Contains("unknown tag 'endif'", stray.Message, StringComparison.Ordinal);
        Assert.Equal((2, 6), (stray.Line, stray.Column));
    }

    [Fact]
    public void Lexer_errors_have_positions()
    {
        var error = Fails("ab\ncd {{ 'open }}");
        Assert.Contains("Unterminated string", error.Message, StringComparison.Ordinal);
        Assert.Equal((2, 7), (error.Line, error.Column));
        Assert.Contains("not closed", Fails("{{ x ").Message, StringComparison.Ordinal);
        Assert.Contains("comment", Fails("{# never closed").Message, StringComparison.Ordinal);
        Assert.Contains("endraw", Fails("{% raw %}x").Message, StringComparison.Ordinal);
        Assert.Contains("Unexpected character '$'", Fails("{{ $ }}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runtime_error_points_at_the_failing_expression()
    {
        var error = Fails("line one\n{{ foo.bar }}");
        Assert.Equal("'foo' is undefined", error.Reason);
        Assert.Equal((2, 8), (error.Line, error.Column));

        var add = Fails("{% set n = 1 %}\n\n   {{ 'a' + n }}");
        Assert.Equal("unsupported operand type(s) for +: 'str' and 'int'.", add.Reason);
        Assert.Equal((3, 11), (add.Line, add.Column));
    }

    [Fact]
    public void Missing_attribute_of_a_missing_attribute_names_the_owner()
    {
        var error = Fails("{{ d.a.b }}", new Dictionary<string, object?> { ["d"] = new Dictionary<string, object?>() });
        Assert.Equal("'dict object' has no attribute 'a'", error.Reason);
    }

    [Fact]
    public void Macro_argument_errors_say_what_was_wrong()
    {
        Assert.Contains("takes not more than 1 argument(s)", Fails("{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}").Message, StringComparison.Ordinal);
        Assert.Contains("takes no keyword argument 'b'", Fails("{% macro m(a) %}{% endmacro %}{{ m(b=1) }}").Message, StringComparison.Ordinal);
        Assert.Contains("multiple values for argument 'a'", Fails("{% macro m(a) %}{% endmacro %}{{ m(1, a=1) }}").Message, StringComparison.Ordinal);
        Assert.Contains("non-default parameter", Fails("{% macro m(a=1, b) %}{% endmacro %}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Filter_argument_errors_name_the_filter()
    {
        Assert.Contains("join() got an unexpected keyword argument 'sep'", Fails("{{ [1]|join(sep=',') }}").Message, StringComparison.Ordinal);
        Assert.Contains("No filter named 'nope'", Fails("{{ 1|nope }}").Message, StringComparison.Ordinal);
        Assert.Contains("No test named 'nope'", Fails("{{ 1 is nope }}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runaway_recursion_fails_cleanly()
    {
        var error = Fails("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(0) }}");
        Assert.Contains("Recursion too deep: macro 'm' is nested more than 200 levels", error.Message, StringComparison.Ordinal);
        // A later render on the same thread starts again from depth zero.
        Assert.Equal("ok", new JinjaEnvironment().Parse("t", "{% macro m() %}ok{% endmacro %}{{ m() }}").Render());
    }

    [Fact]
    public void Sorting_incomparable_values_reports_the_comparison()
    {
        var error = Fails("{{ [1, 'a', 2]|sort }}");
        // Which pair the sort compares first is an implementation detail.
        Assert.StartsWith("'<' not supported between instances of ", error.Reason, StringComparison.Ordinal);
        Assert.Equal((1, 16), (error.Line, error.Column));
    }

    [Fact]
    public void Template_including_itself_fails_cleanly()
    {
        var env = new JinjaEnvironment(new DictionaryTemplateLoader([KeyValuePair.Create("self.sql", "x{% include 'self.sql' %}")]));
        var error = Assert.Throws<TemplateException>(() => env.GetTemplate("self.sql").Render());
        Assert.Contains("include of 'self.sql'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_but_bounded_recursion_works()
    {
        var output = new JinjaEnvironment().Parse("t", "{% macro down(n) %}{% if n > 0 %}{{ down(n - 1) }}{% else %}bottom{% endif %}{% endmacro %}{{ down(150) }}").Render();
        Assert.Equal("bottom", output);
    }

    [Fact]
    public void Self_containing_list_renders_and_fails_tojson_cleanly()
    {
        var env = new JinjaEnvironment();
        Assert.StartsWith("[[[", env.Parse("t", "{% set l = [] %}{% do l.append(l) %}{{ l }}").Render(), StringComparison.Ordinal);
        Assert.Contains("Circular reference", Fails("{% set l = [] %}{% do l.append(l) %}{{ l|tojson }}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_expression_is_a_syntax_error_not_a_crash()
    {
        var error = Fails("{{ " + new string('(', 100_000) + "1" + new string(')', 100_000) + " }}");
        Assert.Contains("nested too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dict_keys_must_be_strings()
    {
        Assert.Contains("Dict keys must be strings", Fails("{{ {1: 'a'} }}").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_undefined_is_empty_falsy_and_iterable()
    {
        var env = new JinjaEnvironment();
        Assert.Equal("[]no0[]", env.Parse("t", "[{{ x }}]{% if x %}yes{% else %}no{% endif %}{{ x|length }}[{% for i in x %}{{ i }}{% endfor %}]").Render());
    }

    [Fact]
    public void Strict_undefined_fails_on_every_use_except_defined_and_default()
    {
        var strict = new JinjaOptions { StrictUndefined = true };
        Assert.Equal("'x' is undefined", Fails("{{ x }}", options: strict).Reason);
        Assert.Equal("'x' is undefined", Fails("{% if x %}{% endif %}", options: strict).Reason);
        Assert.Equal("'x' is undefined", Fails("{% for i in x %}{% endfor %}", options: strict).Reason);
        Assert.Equal("'x' is undefined", Fails("{{ x == 1 or x|length }}", options: strict).Reason);
        Assert.Equal("'dict object' has no attribute 'k'", Fails("{{ d.k }}", new Dictionary<string, object?> { ["d"] = new Dictionary<string, object?>() }, strict).Reason);

        var env = new JinjaEnvironment(options: strict);
        Assert.Equal("False d True", env.Parse("t", "{{ x is defined }} {{ x|default('d') }} {{ x is undefined }}").Render());
    }

    [Fact]
    public void Host_receives_undefined_arguments_as_Undefined()
    {
        object? received = null;
        var context = new Dictionary<string, object?> { ["f"] = new JinjaFunction("f", a => received = a.Get(0, "x")) };
        new JinjaEnvironment().Parse("t", "{{ f(missing) }}").Render(context);
        var undefined = Assert.IsType<Undefined>(received);
        Assert.Equal("'missing' is undefined", undefined.Message);
    }

    [Fact]
    public void Exception_without_location_has_zero_position()
    {
        var error = new TemplateException("plain");
        Assert.Equal(0, error.Line);
        Assert.Null(error.TemplateName);
        Assert.Equal("plain", error.Message);
    }

    [Fact]
    public void Lenient_undefined_lets_a_parse_render_pass_over_unknown_objects()
    {
        var env = new JinjaEnvironment(options: new JinjaOptions { LenientUndefined = true });
        var refs = new List<string>();
        var context = new Dictionary<string, object?> { ["ref"] = new JinjaFunction("ref", a => { refs.Add((string)a.Positional[0]!); return "t"; }) };
        var output = env.Parse("m", "select * from {{ ref('a') }} {{ dbt_utils.star(ref('b'))['x'].y }}{% if unknown_macro() %}x{% endif %}").Render(context);
        Assert.Equal("select * from t ", output);
        Assert.Equal(["a", "b"], refs);
    }

    [Fact]
    public void Strict_and_lenient_undefined_cannot_be_combined()
    {
        Assert.Throws<ArgumentException>(() => new JinjaEnvironment(options: new JinjaOptions { StrictUndefined = true, LenientUndefined = true }));
    }
}
