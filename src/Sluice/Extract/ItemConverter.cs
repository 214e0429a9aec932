using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sluice.Extract;

/// <summary>
/// Turns what a resource yields into Sluice's value tree: <see cref="Dictionary{TKey,TValue}"/> of string to value
/// (in source order), <see cref="List{T}"/> of values, and scalars (string, long, double, decimal, bool, DateTime,
/// DateTimeOffset, DateOnly, TimeOnly, byte[], null). JSON text, <see cref="JsonNode"/> and <see cref="JsonElement"/>
/// are read as JSON (integral numbers become long, or decimal beyond long; others double); dictionaries keep their
/// .NET values; any other object becomes a dictionary of its public readable properties (honouring
/// <see cref="JsonPropertyNameAttribute"/> and <see cref="JsonIgnoreAttribute"/>), so decimals, dates and bytes keep
/// their types.
/// </summary>
public static class ItemConverter
{
    private const int MaxObjectDepth = 64;
    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> Properties = new();

    /// <summary>The items in <paramref name="item"/>: one, or each element when it is a list (a batch).</summary>
    public static IEnumerable<Dictionary<string, object?>> ToRecords(object? item)
    {
        var value = ToValue(item);
        switch (value)
        {
            case Dictionary<string, object?> record:
                yield return record;
                break;
            case List<object?> list:
                foreach (var element in list)
                {
                    foreach (var record in ToRecords(element))
                    {
                        yield return record;
                    }
                }

                break;
            case null:
                break;
            default:
                throw new ArgumentException(
                    $"A resource yielded the scalar {value.GetType().Name} '{Convert.ToString(value, CultureInfo.InvariantCulture)}'; items must be objects (JSON objects, dictionaries or classes). Wrap the value, e.g. {{\"value\": ...}}.",
                    nameof(item));
        }
    }

    /// <summary>Converts one value (see the type's summary).</summary>
    public static object? ToValue(object? value) => value switch
    {
        null => null,
        string s => FromJsonText(s),
        JsonElement element => FromElement(element),
        JsonNode node => FromElement(JsonSerializer.SerializeToElement(node)),
        Dictionary<string, object?> d => d.ToDictionary(p => p.Key, p => ToScalarOrTree(p.Value), StringComparer.Ordinal),
        IDictionary dictionary => FromDictionary(dictionary),
        _ => ToScalarOrTree(value),
    };

    /// <summary>How deep a JSON item may nest (System.Text.Json's default is 64); deeper items fail naming the limit.</summary>
    internal const int MaxDepth = 1000;

    private static object? FromJsonText(string text)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = MaxDepth });
        return FromElement(document.RootElement);
    }

    private static Dictionary<string, object?> FromDictionary(IDictionary dictionary)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext())
        {
            result[Convert.ToString(entries.Key, CultureInfo.InvariantCulture) ?? string.Empty] = ToScalarOrTree(entries.Value);
        }

        return result;
    }

    /// <summary>Values inside dictionaries: scalars are kept as they are; nested containers are converted.</summary>
    private static object? ToScalarOrTree(object? value) => ToScalarOrTree(value, 0);

    private static object? ToScalarOrTree(object? value, int depth) => value switch
    {
        null => null,
        string or bool or long or int or short or sbyte or byte or ushort or uint or ulong or double or float or decimal or DateTime or
            DateTimeOffset or DateOnly or TimeOnly or TimeSpan or byte[] or Guid or Enum or Schema.JsonText => value,
        JsonElement element => FromElement(element),
        JsonNode node => FromElement(JsonSerializer.SerializeToElement(node)),
        IDictionary dictionary => FromDictionary(dictionary),
        IEnumerable list => list.Cast<object?>().Select(v => ToScalarOrTree(v, depth + 1)).ToList(),
        _ => FromObject(value, depth),
    };

    private static Dictionary<string, object?> FromObject(object value, int depth)
    {
        if (depth > MaxObjectDepth)
        {
            throw new ArgumentException(
                $"An item of type '{value.GetType().FullName}' nests objects more than {MaxObjectDepth} levels deep (a reference cycle?). Break the cycle or mark the back-reference [JsonIgnore].",
                nameof(value));
        }

        var properties = Properties.GetOrAdd(value.GetType(), type => type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is not { Condition: JsonIgnoreCondition.Always })
            .Select(p => (p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, p))
            .ToArray());
        var record = new Dictionary<string, object?>(properties.Length, StringComparer.Ordinal);
        foreach (var (name, property) in properties)
        {
            var item = property.GetValue(value);
            record[name] = ToScalarOrTree(item, depth + 1);
        }

        return record;
    }

    private static object? FromElement(JsonElement element) => JsonValues.Read(element, text => text);
}
