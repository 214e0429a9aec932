using System.Text.Json;
using Sluice.Templating;

namespace Sluice.Tests.Templating;

/// <summary>Renders each case of <see cref="JinjaConformanceCases"/> and compares with what Jinja2 produced.</summary>
public class JinjaConformanceTests
{
    public static TheoryData<string> RenderCases => new(JinjaConformanceCases.Render.Keys);

    public static TheoryData<string> ErrorCases => new(JinjaConformanceCases.Errors.Keys);

    public static TheoryData<string> OptionCases => new(JinjaConformanceCases.WithOptions.Keys);

    public static TheoryData<string> LoaderCases => new(JinjaConformanceCases.WithLoader.Keys);

    [Theory]
    [MemberData(nameof(RenderCases))]
    public void Renders_like_jinja2(string name)
    {
        var (template, context, expected) = JinjaConformanceCases.Render[name];
        var env = new JinjaEnvironment();
        var output = env.Parse(name, template).Render(ToContext(context));
        Assert.Equal(expected, output);
    }

    [Theory]
    [MemberData(nameof(OptionCases))]
    public void Renders_with_lexer_options_like_jinja2(string name)
    {
        var (template, options, expected) = JinjaConformanceCases.WithOptions[name];
        var env = new JinjaEnvironment(options: options);
        Assert.Equal(expected, env.Parse(name, template).Render());
    }

    [Theory]
    [MemberData(nameof(LoaderCases))]
    public void Renders_with_a_loader_like_jinja2(string name)
    {
        var (templates, template, context, expected) = JinjaConformanceCases.WithLoader[name];
        var env = new JinjaEnvironment(new DictionaryTemplateLoader(templates));
        Assert.Equal(expected, env.Parse(name, template).Render(ToContext(context)));
    }

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Fails_like_jinja2(string name)
    {
        var env = new JinjaEnvironment();
        var error = Assert.Throws<TemplateException>(() => env.Parse(name, JinjaConformanceCases.Errors[name]).Render());
        Assert.Equal(name, error.TemplateName);
        Assert.True(error.Line >= 1, error.Message);
        Assert.True(error.Column >= 1, error.Message);
    }

    internal static Dictionary<string, object?> ToContext(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return ((IDictionary<string, object?>)Convert(doc.RootElement)!).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    private static object? Convert(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new OrderedDictionary<string, object?>(e.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, Convert(p.Value))), StringComparer.Ordinal),
        JsonValueKind.Array => e.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.TryGetInt64(out var l) ? (object?)l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
