namespace Sluice.Templating;

/// <summary>The <c>loop</c> variable of a for loop: <c>index</c>, <c>first</c>, <c>last</c>, <c>cycle(...)</c>, ...</summary>
internal sealed class LoopContext : IJinjaObject
{
    private readonly List<object?> _items;
    private object? _lastChanged = Sentinel;
    private static readonly object Sentinel = new();

    public LoopContext(List<object?> items, int depth)
    {
        _items = items;
        Depth = depth;
    }

    public int Index0 { get; set; }

    public int Depth { get; }

    public bool TryGetAttribute(string name, out object? value)
    {
        var length = _items.Count;
        value = name switch
        {
            "index" => (long)Index0 + 1,
            "index0" => (long)Index0,
            "revindex" => (long)(length - Index0),
            "revindex0" => (long)(length - Index0 - 1),
            "first" => Index0 == 0,
            "last" => Index0 == length - 1,
            "length" => (long)length,
            "depth" => (long)Depth,
            "depth0" => (long)Depth - 1,
            "previtem" => Index0 > 0 ? _items[Index0 - 1] : new Undefined("there is no previous item", strict: false),
            "nextitem" => Index0 < length - 1 ? _items[Index0 + 1] : new Undefined("there is no next item", strict: false),
            "cycle" => new BoundMethod("cycle", a => a.Positional.Count == 0
                ? throw new TemplateException("no items for cycling given.")
                : a.Positional[Index0 % a.Positional.Count]),
            "changed" => new BoundMethod("changed", a =>
            {
                object? current = a.Positional.ToArray();
                if (_lastChanged != Sentinel && Values.Equals(_lastChanged, current))
                {
                    return false;
                }

                _lastChanged = current;
                return true;
            }),
            _ => Sentinel,
        };
        if (ReferenceEquals(value, Sentinel))
        {
            value = null;
            return false;
        }

        return true;
    }

    public override string ToString() => $"<LoopContext {Index0 + 1}/{_items.Count}>";
}
