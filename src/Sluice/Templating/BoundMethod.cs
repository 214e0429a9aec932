namespace Sluice.Templating;

/// <summary>A method of a built-in value (<c>'a,b'.split</c>, <c>list.append</c>, <c>dict.items</c>) bound to its receiver.</summary>
internal sealed class BoundMethod(string name, Func<JinjaArguments, object?> body) : IJinjaCallable
{
    public object? Call(JinjaArguments arguments) => body(arguments);

    public override string ToString() => $"<built-in method {name}>";
}
