using System.Collections;
using System.Globalization;

namespace Sluice.Templating;

/// <summary>
/// The result of <c>range()</c>: a read-only sequence of longs computed on demand, rendered like Python's
/// <c>range(0, 3)</c>. Filters and loops see it as a list.
/// </summary>
internal sealed class RangeValue : IList<object?>
{
    public RangeValue(long start, long stop, long step)
    {
        Start = start;
        Stop = stop;
        Step = step;
        var span = step > 0 ? stop - start : start - stop;
        var magnitude = Math.Abs(step);
        Count = span <= 0 ? 0 : (int)Math.Min(int.MaxValue, ((span - 1) / magnitude) + 1);
    }

    public long Start { get; }

    public long Stop { get; }

    public long Step { get; }

    public int Count { get; }

    public bool IsReadOnly => true;

    public object? this[int index]
    {
        get => index >= 0 && index < Count ? Start + (index * Step) : throw new ArgumentOutOfRangeException(nameof(index));
        set => throw ReadOnly();
    }

    private static TemplateException ReadOnly() => new("'range' object does not support item assignment.");

    public IEnumerator<object?> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return Start + (i * Step);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public int IndexOf(object? item)
    {
        if (!Values.TryInteger(item, out var value) || item is bool)
        {
            return -1;
        }

        var offset = value - Start;
        if (offset % Step != 0)
        {
            return -1;
        }

        var index = offset / Step;
        return index >= 0 && index < Count ? (int)index : -1;
    }

    public bool Contains(object? item) => IndexOf(item) >= 0;

    public void CopyTo(object?[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        for (var i = 0; i < Count; i++)
        {
            array[arrayIndex + i] = Start + (i * Step);
        }
    }

    public void Add(object? item) => throw ReadOnly();

    public void Clear() => throw ReadOnly();

    public void Insert(int index, object? item) => throw ReadOnly();

    public bool Remove(object? item) => throw ReadOnly();

    public void RemoveAt(int index) => throw ReadOnly();

    public override string ToString() => Step == 1
        ? string.Create(CultureInfo.InvariantCulture, $"range({Start}, {Stop})")
        : string.Create(CultureInfo.InvariantCulture, $"range({Start}, {Stop}, {Step})");
}
