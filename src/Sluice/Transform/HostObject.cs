using Sluice.Templating;

namespace Sluice.Transform;

/// <summary>A read-only namespace of attributes for templates (<c>adapter</c>, <c>exceptions</c>, <c>modules</c>).</summary>
internal sealed class HostObject : IJinjaObject
{
    private readonly Dictionary<string, object?> _attributes;

    public HostObject(Dictionary<string, object?> attributes) => _attributes = attributes;

    public bool TryGetAttribute(string name, out object? value) => _attributes.TryGetValue(name, out value);

    public override string ToString() => "<namespace>";
}
