namespace Sluice.Templating;

/// <summary>
/// The object made by <c>namespace(...)</c>: the only object whose attributes templates may assign
/// (<c>{% set ns.total = ns.total + 1 %}</c>), so a value set in a loop survives the loop.
/// </summary>
public sealed class JinjaNamespace : IJinjaObject
{
    internal JinjaNamespace(OrderedDictionary<string, object?> attributes)
    {
        Attributes = attributes;
    }

    /// <summary>The attributes in the order they were first set.</summary>
    public OrderedDictionary<string, object?> Attributes { get; }

    public bool TryGetAttribute(string name, out object? value) => Attributes.TryGetValue(name, out value);

    public override string ToString() => "<Namespace " + Values.Repr(Attributes) + ">";
}
