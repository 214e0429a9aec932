namespace Sluice.Templating;

/// <summary>The object made by <c>cycler(...)</c>: <c>next()</c> returns the items in turn, <c>current</c> and <c>reset()</c>.</summary>
internal sealed class Cycler(IReadOnlyList<object?> items) : IJinjaObject
{
    private int _position;

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "current" => items[_position],
            "next" => new BoundMethod("next", _ =>
            {
                var current = items[_position];
                _position = (_position + 1) % items.Count;
                return current;
            }),
            "reset" => new BoundMethod("reset", _ =>
            {
                _position = 0;
                return null;
            }),
            "items" => items.ToArray(),
            _ => null,
        };
        return name is "current" or "next" or "reset" or "items";
    }

    public override string ToString() => "<Cycler>";
}
