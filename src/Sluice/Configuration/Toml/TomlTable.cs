using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Sluice.Configuration.Toml;

/// <summary>
/// A TOML table: keys in document order, each mapped to a value of one of these .NET types:
/// <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>,
/// <see cref="DateTimeOffset"/> (offset date-time), <see cref="DateTime"/> with
/// <see cref="DateTimeKind.Unspecified"/> (local date-time), <see cref="DateOnly"/> (local date),
/// <see cref="TimeOnly"/> (local time), <see cref="TomlArray"/> or <see cref="TomlTable"/>.
/// </summary>
/// <remarks>
/// Key lookups are ordinal (case-sensitive), as TOML keys are. A table returned by
/// <see cref="TomlReader"/> is never modified afterwards.
/// </remarks>
public sealed class TomlTable : IReadOnlyDictionary<string, object>
{
    private readonly List<KeyValuePair<string, object>> _entries = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    internal TomlTable(TomlTableKind kind)
    {
        Kind = kind;
    }

    /// <summary>Creates an empty table.</summary>
    public TomlTable()
        : this(TomlTableKind.Root)
    {
    }

    internal TomlTableKind Kind { get; set; }

    /// <summary>True when the table was written inline (<c>{ ... }</c>) or is nested inside an inline table.</summary>
    public bool IsInline => Kind == TomlTableKind.Inline;

    /// <inheritdoc/>
    public int Count => _entries.Count;

    /// <summary>The keys in document order.</summary>
    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    /// <summary>The values in document order.</summary>
    public IEnumerable<object> Values => _entries.Select(e => e.Value);

    /// <inheritdoc/>
    public object this[string key] =>
        _index.TryGetValue(key, out var i)
            ? _entries[i].Value
            : throw new KeyNotFoundException($"The TOML table has no key '{key}'.");

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _index.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            value = _entries[i].Value;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Gets the value of <paramref name="key"/> when it exists and is a <typeparamref name="T"/>.</summary>
    public bool TryGetValue<T>(string key, [MaybeNullWhen(false)] out T value)
    {
        if (TryGetValue(key, out var raw) && raw is T typed)
        {
            value = typed;
            return true;
        }

        value = default;
        return false;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Adds a key; the caller has checked that it is not present.</summary>
    internal void Add(string key, object value)
    {
        _index.Add(key, _entries.Count);
        _entries.Add(new KeyValuePair<string, object>(key, value));
    }

    /// <summary>Marks this table and every table nested in it (also inside arrays) as inline, so nothing can extend them.</summary>
    internal void Freeze()
    {
        Kind = TomlTableKind.Inline;
        foreach (var entry in _entries)
        {
            FreezeValue(entry.Value);
        }
    }

    private static void FreezeValue(object value)
    {
        switch (value)
        {
            case TomlTable table:
                table.Freeze();
                break;
            case TomlArray array:
                foreach (var item in array)
                {
                    FreezeValue(item);
                }

                break;
        }
    }
}
