namespace Sluice.Templating;

/// <summary>The evaluated arguments of a call, filter or test: positional values, then keyword values in call order.</summary>
public sealed class JinjaArguments
{
    private OrderedDictionary<string, object?>? _keyword;

    public JinjaArguments(IReadOnlyList<object?> positional, OrderedDictionary<string, object?>? keyword = null)
    {
        Positional = positional;
        _keyword = keyword;
    }

    /// <summary>A new, empty argument list.</summary>
    public static JinjaArguments Empty => new([]);

    public IReadOnlyList<object?> Positional { get; }

    /// <summary>Keyword arguments in call order (an empty dictionary when there are none).</summary>
    public OrderedDictionary<string, object?> Keyword => _keyword ??= new OrderedDictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>
    /// The argument passed at <paramref name="position"/> or by <paramref name="name"/>, else <paramref name="defaultValue"/>.
    /// </summary>
    public object? Get(int position, string name, object? defaultValue = null)
    {
        if (position >= 0 && position < Positional.Count)
        {
            return Positional[position];
        }

        return _keyword is not null && _keyword.TryGetValue(name, out var value) ? value : defaultValue;
    }

    /// <summary>True when the argument was passed by position or by name.</summary>
    public bool Has(int position, string name) =>
        (position >= 0 && position < Positional.Count) || (_keyword is not null && _keyword.ContainsKey(name));

    /// <summary>
    /// Fails unless the arguments fit a signature of the given parameter names: no more positional values than names,
    /// no unknown keyword, no parameter passed twice.
    /// </summary>
    public void Expect(string function, params string[] parameterNames)
    {
        ArgumentNullException.ThrowIfNull(parameterNames);
        if (Positional.Count > parameterNames.Length)
        {
            throw new TemplateException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{function}() takes at most {parameterNames.Length} argument(s) ({Positional.Count} given)."));
        }

        foreach (var key in Keyword.Keys)
        {
            var index = Array.IndexOf(parameterNames, key);
            if (index < 0)
            {
                throw new TemplateException($"{function}() got an unexpected keyword argument '{key}'.");
            }

            if (index < Positional.Count)
            {
                throw new TemplateException($"{function}() got multiple values for argument '{key}'.");
            }
        }
    }
}
