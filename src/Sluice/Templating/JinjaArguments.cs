namespace Sluice.Templating;

/// <summary>The evaluated arguments of a call, filter or test: positional values, then keyword values in call order.</summary>
public sealed class JinjaArguments
{
    private static readonly OrderedDictionary<string, object?> NoKeywords = new(StringComparer.Ordinal);

    /// <summary>An argument list with nothing in it.</summary>
    public static JinjaArguments Empty { get; } = new([], null);

    public JinjaArguments(IReadOnlyList<object?> positional, OrderedDictionary<string, object?>? keyword = null)
    {
        Positional = positional;
        Keyword = keyword ?? NoKeywords;
    }

    public IReadOnlyList<object?> Positional { get; }

    public OrderedDictionary<string, object?> Keyword { get; }

    /// <summary>
    /// The argument passed at <paramref name="position"/> or by <paramref name="name"/>, else <paramref name="defaultValue"/>.
    /// </summary>
    public object? Get(int position, string name, object? defaultValue = null)
    {
        if (position >= 0 && position < Positional.Count)
        {
            return Positional[position];
        }

        return Keyword.TryGetValue(name, out var value) ? value : defaultValue;
    }

    /// <summary>True when the argument was passed by position or by name.</summary>
    public bool Has(int position, string name) =>
        (position >= 0 && position < Positional.Count) || Keyword.ContainsKey(name);

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
