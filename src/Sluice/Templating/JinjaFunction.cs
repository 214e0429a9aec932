namespace Sluice.Templating;

/// <summary>Adapts a delegate to <see cref="IJinjaCallable"/> so the host can plug functions into the context.</summary>
public sealed class JinjaFunction : IJinjaCallable
{
    private readonly Func<JinjaArguments, object?> _body;

    public JinjaFunction(string name, Func<JinjaArguments, object?> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Name = name;
        _body = body;
    }

    /// <summary>The name used in error messages and when the function is rendered.</summary>
    public string Name { get; }

    public object? Call(JinjaArguments arguments) => _body(arguments);

    public override string ToString() => $"<function {Name}>";
}
