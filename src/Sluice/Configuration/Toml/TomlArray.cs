using System.Collections;

namespace Sluice.Configuration.Toml;

/// <summary>
/// A TOML array: values in document order, of any mix of the types listed on <see cref="TomlTable"/>
/// (TOML 1.0 allows mixed types). Also the result of an array of tables (<c>[[name]]</c>), whose elements
/// are all <see cref="TomlTable"/>.
/// </summary>
public sealed class TomlArray : IReadOnlyList<object>
{
    private readonly List<object> _items = [];

    internal TomlArray(bool isArrayOfTables)
    {
        IsArrayOfTables = isArrayOfTables;
    }

    /// <summary>Creates an empty static array.</summary>
    public TomlArray()
        : this(false)
    {
    }

    /// <summary>
    /// True when the array was built by <c>[[name]]</c> headers; only such an array can be appended to later in
    /// the document. An array written as a value (<c>[ ... ]</c>) is complete where it is written.
    /// </summary>
    public bool IsArrayOfTables { get; }

    /// <inheritdoc/>
    public int Count => _items.Count;

    /// <inheritdoc/>
    public object this[int index] => _items[index];

    /// <inheritdoc/>
    public IEnumerator<object> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal void Add(object value) => _items.Add(value);
}
