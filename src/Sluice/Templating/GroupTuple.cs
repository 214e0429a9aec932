using System.Collections;

namespace Sluice.Templating;

/// <summary>One group of the <c>groupby</c> filter: unpacks as <c>(grouper, list)</c> and has those two attributes.</summary>
internal sealed class GroupTuple(object? grouper, List<object?> list) : IList<object?>, IJinjaObject
{
    public object? Grouper { get; } = grouper;

    public List<object?> List { get; } = list;

    public int Count => 2;

    public bool IsReadOnly => true;

    public object? this[int index]
    {
        get => index switch
        {
            0 => Grouper,
            1 => List,
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };
        set => throw new NotSupportedException("A group is read-only.");
    }

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "grouper" => Grouper,
            "list" => List,
            _ => null,
        };
        return name is "grouper" or "list";
    }

    public IEnumerator<object?> GetEnumerator()
    {
        yield return Grouper;
        yield return List;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public int IndexOf(object? item) => Values.Equals(item, Grouper) ? 0 : Values.Equals(item, List) ? 1 : -1;

    public bool Contains(object? item) => IndexOf(item) >= 0;

    public void CopyTo(object?[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        array[arrayIndex] = Grouper;
        array[arrayIndex + 1] = List;
    }

    public void Add(object? item) => throw new NotSupportedException("A group is read-only.");

    public void Clear() => throw new NotSupportedException("A group is read-only.");

    public void Insert(int index, object? item) => throw new NotSupportedException("A group is read-only.");

    public bool Remove(object? item) => throw new NotSupportedException("A group is read-only.");

    public void RemoveAt(int index) => throw new NotSupportedException("A group is read-only.");
}
