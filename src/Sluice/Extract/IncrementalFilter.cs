using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sluice.Errors;
using Sluice.Schema;

namespace Sluice.Extract;

/// <summary>
/// Applies an <see cref="IncrementalHint"/> to one resource during extract and computes the state to save:
/// <c>{initial_value, last_value, unique_hashes}</c> under <c>resources.&lt;resource&gt;.incremental.&lt;cursor_path&gt;</c>.
/// </summary>
public sealed class IncrementalFilter
{
    private readonly IncrementalHint _hint;
    private readonly IReadOnlyList<string> _primaryKey;
    private readonly object? _start;
    private readonly HashSet<string> _seenAtStart;
    private object? _last;
    private HashSet<string> _atLast = new(StringComparer.Ordinal);

    public IncrementalFilter(IncrementalHint hint, IReadOnlyList<string> primaryKey, Dictionary<string, object?>? saved)
    {
        ArgumentNullException.ThrowIfNull(hint);
        _hint = hint;
        _primaryKey = primaryKey;
        _start = Canonical(saved is not null && saved.TryGetValue("last_value", out var last) ? last : hint.InitialValue);
        _seenAtStart = saved is not null && saved.TryGetValue("unique_hashes", out var hashes) && hashes is List<object?> list
            ? list.OfType<string>().ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        _last = _start;
        if (_start is not null)
        {
            _atLast = new HashSet<string>(_seenAtStart, StringComparer.Ordinal);
        }
    }

    /// <summary>True when <paramref name="record"/> is new and should be loaded; tracks the last value.</summary>
    public bool Accept(IReadOnlyDictionary<string, object?> record, string resource)
    {
        ArgumentNullException.ThrowIfNull(record);
        var value = Canonical(Find(record, _hint.CursorPath));
        if (value is null)
        {
            if (_hint.IncludeMissingCursor)
            {
                return true;
            }

            throw new SchemaException(
                $"An item of resource '{resource}' has no value at the cursor path '{_hint.CursorPath}'. Give every item a cursor value, fix IncrementalHint.CursorPath, or set IncrementalHint.IncludeMissingCursor = true to load such items.");
        }

        var hash = Hash(record);
        if (_start is not null)
        {
            var order = Compare(value, _start);
            if (order < 0 || (order == 0 && _seenAtStart.Contains(hash)))
            {
                return false;
            }
        }

        var againstLast = _last is null ? 1 : Compare(value, _last);
        if (againstLast > 0)
        {
            _last = value;
            _atLast = new HashSet<string>(StringComparer.Ordinal) { hash };
        }
        else if (againstLast == 0)
        {
            _atLast.Add(hash);
        }

        return true;
    }

    /// <summary>The state to save after this extract.</summary>
    public Dictionary<string, object?> State() => new(StringComparer.Ordinal)
    {
        ["initial_value"] = _hint.InitialValue is null ? null : Canonical(_hint.InitialValue),
        ["last_value"] = _last,
        ["unique_hashes"] = _atLast.Order(StringComparer.Ordinal).Cast<object?>().ToList(),
    };

    /// <summary>Orders two canonical cursor values in the direction of <see cref="IncrementalHint.LastValueFunction"/>.</summary>
    private int Compare(object value, object other)
    {
        int order;
        if (value is string a && other is string b)
        {
            order = string.CompareOrdinal(a, b);
        }
        else if (value is DateTime x && other is DateTime y)
        {
            order = x.CompareTo(y);
        }
        else if (value is DateOnly d1 && other is DateOnly d2)
        {
            order = d1.CompareTo(d2);
        }
        else if (IsNumber(value) && IsNumber(other))
        {
            order = Convert.ToDecimal(value, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(other, CultureInfo.InvariantCulture));
        }
        else
        {
            throw new SchemaException(
                $"The cursor '{_hint.CursorPath}' compares '{DataTypeInference.ToText(value)}' with the saved value '{DataTypeInference.ToText(other)}' of another type. Keep the cursor's type stable, or set a new IncrementalHint.InitialValue of the same type.");
        }

        return _hint.LastValueFunction == LastValueFunction.Max ? order : -order;
    }

    private static bool IsNumber(object value) => value is long or double or decimal;

    private static object? Canonical(object? value) =>
        value is null ? null : DataTypeInference.TryClassify(value, out _, out var canonical) ? canonical : value;

    private static object? Find(IReadOnlyDictionary<string, object?> record, string path)
    {
        object? current = record;
        foreach (var part in path.Split('.'))
        {
            if (current is not IReadOnlyDictionary<string, object?> map || !map.TryGetValue(part, out current))
            {
                return null;
            }
        }

        return current;
    }

    private string Hash(IReadOnlyDictionary<string, object?> record)
    {
        var text = new StringBuilder();
        if (_primaryKey.Count > 0)
        {
            foreach (var key in _primaryKey)
            {
                text.Append(Find(record, key) is { } v ? DataTypeInference.ToText(Canonical(v)!) : string.Empty).Append('\u001f');
            }
        }
        else
        {
            text.Append(System.Text.Json.JsonSerializer.Serialize(record));
        }

        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 12));
    }
}
