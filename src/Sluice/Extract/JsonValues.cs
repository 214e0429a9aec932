using System.Text.Json;

namespace Sluice.Extract;

/// <summary>
/// Turns a JSON tree into the loader's value model: objects into ordered dictionaries, arrays into lists, integers into
/// <see cref="long"/> (or <see cref="decimal"/> beyond it), other numbers into <see cref="double"/>. Strings go through
/// <c>readString</c>, so callers decide whether they carry type tags.
/// </summary>
internal static class JsonValues
{
    public static object? Read(JsonElement element, Func<string, object?> readString)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var record = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    record[property.Name] = Read(property.Value, readString);
                }

                return record;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(e => Read(e, readString)).ToList();
            case JsonValueKind.String:
                return readString(element.GetString()!);
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (!raw.Contains('.', StringComparison.Ordinal) && !raw.Contains('e', StringComparison.OrdinalIgnoreCase))
                {
                    if (element.TryGetInt64(out var l))
                    {
                        return l;
                    }

                    if (element.TryGetDecimal(out var big))
                    {
                        return big;
                    }
                }

                return element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
