namespace Sluice.Templating;

/// <summary>
/// One variable scope. Loop bodies, macros and call blocks get a child frame, so their assignments do not leak (as in
/// Jinja). A root frame falls back to the render context and then to the environment's globals.
/// </summary>
internal sealed class Frame
{
    private readonly IDictionary<string, object?>? _context;

    public Frame(JinjaEnvironment env, Frame? parent, IDictionary<string, object?>? context = null)
    {
        Env = env;
        Parent = parent;
        _context = context;
    }

    public Frame? Parent { get; }

    public OrderedDictionary<string, object?>? Vars { get; private set; }

    public JinjaEnvironment Env { get; }

    public void Set(string name, object? value)
    {
        Vars ??= new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        Vars[name] = value;
    }

    public Frame Child() => new(Env, this);

    public bool TryLookup(string name, out object? value)
    {
        for (var frame = this; frame is not null; frame = frame.Parent)
        {
            if (frame.Vars is not null && frame.Vars.TryGetValue(name, out value))
            {
                return true;
            }

            if (frame.Parent is null)
            {
                if (frame._context is not null && frame._context.TryGetValue(name, out value))
                {
                    return true;
                }

                return Env.Globals.TryGetValue(name, out value);
            }
        }

        value = null;
        return false;
    }

    public object? Lookup(string name) =>
        TryLookup(name, out var value) ? value : Env.MakeUndefined($"'{name}' is undefined");
}
