using System.Collections.Concurrent;

namespace Sluice.Templating;

/// <summary>
/// Holds the configuration shared by templates: options, the loader, globals, filters and tests. Register host
/// globals, filters and tests before rendering; parsed templates loaded by name are cached.
/// </summary>
public sealed class JinjaEnvironment
{
    private readonly ConcurrentDictionary<string, Template> _cache = new(StringComparer.Ordinal);

    public JinjaEnvironment(ITemplateLoader? loader = null, JinjaOptions? options = null)
    {
        Loader = loader;
        Options = options ?? new JinjaOptions();
        if (Options.StrictUndefined && Options.LenientUndefined)
        {
            throw new ArgumentException("JinjaOptions.StrictUndefined and LenientUndefined cannot both be set.", nameof(options));
        }
        Filters = BuiltinFilters.Create(this);
        Tests = BuiltinTests.Create(this);
        Globals = BuiltinGlobals.Create(this);
    }

    public ITemplateLoader? Loader { get; }

    public JinjaOptions Options { get; }

    /// <summary>Names visible to every template, after the template's own variables and the render context.</summary>
    public Dictionary<string, object?> Globals { get; }

    public Dictionary<string, JinjaFilter> Filters { get; }

    public Dictionary<string, JinjaTest> Tests { get; }

    /// <summary>
    /// Custom block tags that define a macro, as dbt's <c>{% test not_null(model, column_name) %}...{% endtest %}</c>,
    /// <c>{% materialization table, adapter='athena' %}...{% endmaterialization %}</c> and <c>{% docs name %}...{% enddocs %}</c>.
    /// The tag is followed by a name, optional parameters in parentheses and optional <c>, key=value</c> options; the body
    /// ends at <c>end</c> + tag. The delegate gives the macro's name. Register before parsing.
    /// </summary>
    public Dictionary<string, MacroTagNaming> MacroTags { get; } = new(StringComparer.Ordinal);

    /// <summary>Parses <paramref name="source"/>. The name appears in error messages and is not cached.</summary>
    /// <exception cref="TemplateException">A syntax error, with the line and column where it was found.</exception>
    public Template Parse(string name, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Template(this, name, Parser.Parse(source, name, this));
    }

    /// <summary>Loads and parses a template through the loader, once per name.</summary>
    public Template GetTemplate(string name) =>
        TryGetTemplate(name) ?? throw new TemplateException($"Template '{name}' not found" + (Loader is null ? ": the environment has no loader." : "."));

    internal Template? TryGetTemplate(string name)
    {
        if (_cache.TryGetValue(name, out var cached))
        {
            return cached;
        }

        var source = Loader?.Load(name);
        return source is null ? null : _cache.GetOrAdd(name, n => Parse(n, source));
    }

    internal TemplateModule LoadModule(object? name, Frame? withContext)
    {
        var template = name switch
        {
            string s => GetTemplate(s),
            Undefined u => throw u.Fail(),
            _ => throw new TemplateException($"Template name must be a string, not {Values.TypeName(name)}."),
        };
        using var depth = RecursionGuard.Enter($"import of '{template.Name}'");
        return template.CreateModuleIn(withContext is null ? new Frame(this, null) : withContext.Child());
    }

    internal Undefined MakeUndefined(string message) => new(message, Options.StrictUndefined, Options.LenientUndefined);
}
