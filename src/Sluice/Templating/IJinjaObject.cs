namespace Sluice.Templating;

/// <summary>
/// A host object whose attributes templates can read (<c>target.schema</c>, <c>adapter.quote(...)</c>).
/// Methods are attributes whose value is an <see cref="IJinjaCallable"/>. Item access (<c>obj['x']</c>) falls back to
/// attributes, as in Jinja. The object renders with <see cref="object.ToString"/>.
/// </summary>
public interface IJinjaObject
{
    /// <summary>Returns false when the object has no such attribute; the template then sees an undefined value.</summary>
    bool TryGetAttribute(string name, out object? value);
}
