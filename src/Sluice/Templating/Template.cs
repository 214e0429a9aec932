using System.Text;

namespace Sluice.Templating;

/// <summary>
/// A parsed template. Parsing happens once; <see cref="Render"/> and <see cref="CreateModule"/> can run any number of
/// times, from several threads at once (each call has its own scopes).
/// </summary>
public sealed class Template
{
    internal Template(JinjaEnvironment environment, string name, List<Stmt> body)
    {
        Environment = environment;
        Name = name;
        Body = body;
        MacroNames = body.OfType<MacroStmt>().Select(m => m.Definition.Name).ToList();
    }

    public JinjaEnvironment Environment { get; }

    public string Name { get; }

    /// <summary>The macros defined at the top level of the template, in source order.</summary>
    public IReadOnlyList<string> MacroNames { get; }

    internal List<Stmt> Body { get; }

    /// <summary>
    /// Renders the template. Names resolve to template variables first, then <paramref name="context"/>, then
    /// <see cref="JinjaEnvironment.Globals"/>. Host callables may mutate values they receive (lists, dicts).
    /// </summary>
    /// <exception cref="TemplateException">A runtime error, with the template name, line and column of the failing construct.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; checked before each loop iteration and macro call.</exception>
    public string Render(IDictionary<string, object?>? context = null, CancellationToken cancellationToken = default)
    {
        using var scope = RenderCancellation.Enter(cancellationToken);
        var output = new StringBuilder();
        Run(new Frame(Environment, null, context), output);
        return output.ToString();
    }

    /// <summary>
    /// Renders a template that is exactly one expression (<c>{{ expr }}</c>) to the expression's value instead of its text,
    /// so the host keeps types (dbt renders config values natively: <c>"{{ var('n') }}"</c> stays a number). Any other
    /// template gives its rendered text, as <see cref="Render"/>. An undefined result comes back as <see cref="Undefined"/>.
    /// </summary>
    public object? Evaluate(IDictionary<string, object?>? context = null, CancellationToken cancellationToken = default)
    {
        if (Body is not [OutputStmt single])
        {
            return Render(context, cancellationToken);
        }

        using var scope = RenderCancellation.Enter(cancellationToken);
        try
        {
            return single.Expr.Eval(new Frame(Environment, null, context));
        }
        catch (MacroReturn)
        {
            throw new TemplateException($"return() was called outside of a macro in template '{Name}'.");
        }
    }

    /// <summary>
    /// Runs the template's top level and returns what it defines: its macros and top-level variables, plus the rendered
    /// text. Macros keep resolving names through <paramref name="context"/> when they are called later, so a host can put
    /// the macros of many templates into one context dictionary and let them call each other (what dbt does with macro files).
    /// </summary>
    public TemplateModule CreateModule(IDictionary<string, object?>? context = null, CancellationToken cancellationToken = default)
    {
        using var scope = RenderCancellation.Enter(cancellationToken);
        return CreateModuleIn(new Frame(Environment, null, context));
    }

    internal TemplateModule CreateModuleIn(Frame root)
    {
        var output = new StringBuilder();
        Run(root, output);
        return new TemplateModule(Name, root.Vars, output.ToString());
    }

    private void Run(Frame root, StringBuilder output)
    {
        try
        {
            Stmt.ExecAll(Body, root, output);
        }
        catch (MacroReturn)
        {
            throw new TemplateException($"return() was called outside of a macro in template '{Name}'.");
        }
    }
}
