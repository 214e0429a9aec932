namespace Sluice.Templating;

/// <summary>
/// What a template exports after its top level ran: macros and variables whose names do not start with an underscore.
/// Templates see it as the object bound by <c>{% import 'x' as m %}</c>.
/// </summary>
public sealed class TemplateModule : IJinjaObject
{
    internal TemplateModule(string name, OrderedDictionary<string, object?>? variables, string output)
    {
        Name = name;
        Output = output;
        var exported = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        var macros = new OrderedDictionary<string, IJinjaCallable>(StringComparer.Ordinal);
        foreach (var (key, value) in variables ?? [])
        {
            if (key.StartsWith('_'))
            {
                continue;
            }

            exported[key] = value;
            if (value is JinjaMacro macro)
            {
                macros[key] = macro;
            }
        }

        Variables = exported;
        Macros = macros;
    }

    public string Name { get; }

    /// <summary>The text the top level rendered (usually only whitespace in macro files).</summary>
    public string Output { get; }

    /// <summary>Every exported name: macros and top-level <c>set</c> variables.</summary>
    public IReadOnlyDictionary<string, object?> Variables { get; }

    /// <summary>The exported macros by name, in definition order.</summary>
    public IReadOnlyDictionary<string, IJinjaCallable> Macros { get; }

    /// <summary>Calls a macro from C#. Returns its rendered text, or the value it returned through <see cref="MacroReturn"/>.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled; checked before each loop iteration and macro call.</exception>
    public object? CallMacro(string name, JinjaArguments? arguments = null, CancellationToken cancellationToken = default)
    {
        using var scope = RenderCancellation.Enter(cancellationToken);
        if (!Macros.TryGetValue(name, out var macro))
        {
            throw new TemplateException($"Template '{Name}' defines no macro named '{name}'. It defines: {string.Join(", ", Macros.Keys)}.");
        }

        return macro.Call(arguments ?? JinjaArguments.Empty);
    }

    public bool TryGetAttribute(string name, out object? value) => Variables.TryGetValue(name, out value);

    public override string ToString() => Output;
}
