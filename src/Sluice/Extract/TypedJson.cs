using System.Globalization;
using System.Text.Json;
using Sluice.Schema;

namespace Sluice.Extract;

/// <summary>
/// JSON that keeps .NET types JSON lacks, so an extracted package normalises exactly as the live items would:
/// strings starting with U+E000 carry a one-letter type tag (decimal, date-time, date, time, bytes, integral double,
/// JSON text); a source string that itself starts with U+E000 is tagged as a string.
/// </summary>
public static class TypedJson
{
    private const char Tag = '\uE000';

    public static void Write(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s.Length > 0 && s[0] == Tag ? Tag + "s" + s : s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long or int or short or sbyte or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case float f:
                WriteDouble(writer, f);
                break;
            case decimal m:
                writer.WriteStringValue(Tag + "m" + m.ToString(CultureInfo.InvariantCulture));
                break;
            case DateTime dt:
                writer.WriteStringValue(Tag + "t" + dt.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset dto:
                writer.WriteStringValue(Tag + "o" + dto.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateOnly date:
                writer.WriteStringValue(Tag + "D" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case TimeOnly time:
                writer.WriteStringValue(Tag + "T" + time.Ticks.ToString(CultureInfo.InvariantCulture));
                break;
            case TimeSpan span:
                writer.WriteStringValue(Tag + "T" + span.Ticks.ToString(CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                writer.WriteStringValue(Tag + "b" + Convert.ToBase64String(bytes));
                break;
            case JsonText json:
                writer.WriteStringValue(Tag + "j" + json.Json);
                break;
            case Guid or Enum:
                writer.WriteStringValue(value.ToString());
                break;
            case IReadOnlyDictionary<string, object?> record:
                writer.WriteStartObject();
                foreach (var (key, item) in record)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item);
                }

                writer.WriteEndObject();
                break;
            case List<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"TypedJson cannot write a value of type '{value.GetType().FullName}'; convert items with ItemConverter first.", nameof(value));
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double d)
    {
        // Integral and non-finite doubles would read back as integers or fail; tag them.
        if (!double.IsFinite(d) || Math.Floor(d) == d)
        {
            writer.WriteStringValue(Tag + "f" + d.ToString("R", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNumberValue(d);
        }
    }

    /// <summary>Reads one value from <paramref name="reader"/>, which must be positioned on the value's first token.</summary>
    public static object? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var record = new Dictionary<string, object?>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    record[name] = Read(ref reader);
                }

                return record;
            case JsonTokenType.StartArray:
                var list = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    list.Add(Read(ref reader));
                }

                return list;
            case JsonTokenType.String:
                return ReadString(reader.GetString()!);
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var l))
                {
                    return l;
                }

                var raw = reader.ValueSpan;
                return raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0 ? reader.GetDouble() : reader.GetDecimal();
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            default:
                return null;
        }
    }

    public static object? Read(JsonElement element) => JsonValues.Read(element, ReadString);

    private static object ReadString(string s)
    {
        if (s.Length < 2 || s[0] != Tag)
        {
            return s;
        }

        var body = s[2..];
        return s[1] switch
        {
            's' => body,
            'm' => decimal.Parse(body, NumberStyles.Float, CultureInfo.InvariantCulture),
            't' => DateTime.Parse(body, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            'o' => DateTimeOffset.Parse(body, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            'D' => DateOnly.ParseExact(body, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            'T' => new TimeOnly(long.Parse(body, CultureInfo.InvariantCulture)),
            'b' => Convert.FromBase64String(body),
            'j' => new JsonText(body),
            'f' => double.Parse(body, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => throw new FormatException($"Unknown type tag '{s[1]}' in an extracted item; the package was written by a newer Sluice or is damaged."),
        };
    }
}
