using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Sluice.Extract;

/// <summary>
/// The fast path of extract for items that are JSON text: when the text is one JSON object on one line that
/// <see cref="TypedJson.Read(ref Utf8JsonReader)"/> reads back as exactly the values <see cref="ItemConverter"/> would
/// produce, the package line is the text itself, copied without building a value tree. Anything else (arrays,
/// scalars, invalid JSON, line breaks, strings starting with the type tag U+E000, integers beyond the range of
/// <see cref="decimal"/>, numbers beyond the range of <see cref="double"/>) goes the general way, which also reports
/// errors.
/// </summary>
internal static class RawJsonLine
{
    private static ReadOnlySpan<byte> TagUtf8 => [0xEE, 0x80, 0x80];

    /// <summary>
    /// Writes <c>{"t":&lt;table&gt;,"i":&lt;json&gt;}\n</c> to <paramref name="line"/> and returns true, or writes nothing
    /// and returns false when the item needs the general path. <paramref name="table"/> is the table name as a JSON string.
    /// </summary>
    public static bool TryWrite(string json, ReadOnlySpan<byte> table, ArrayBufferWriter<byte> line)
    {
        var max = Encoding.UTF8.GetMaxByteCount(json.Length);
        var prefix = 5 + table.Length + 5;
        var span = line.GetSpan(prefix + max + 2);
        "{\"t\":"u8.CopyTo(span);
        table.CopyTo(span[5..]);
        ",\"i\":"u8.CopyTo(span[(5 + table.Length)..]);
        var written = Encoding.UTF8.GetBytes(json, span[prefix..]);
        var body = span.Slice(prefix, written);
        if (!IsPlainObject(body))
        {
            return false;
        }

        span[prefix + written] = (byte)'}';
        span[prefix + written + 1] = (byte)'\n';
        line.Advance(prefix + written + 2);
        return true;
    }

    /// <summary>True when <paramref name="utf8"/> is one valid JSON object that needs no type tags.</summary>
    internal static bool IsPlainObject(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IndexOfAny((byte)'\n', (byte)'\r') >= 0 || utf8.IndexOf(TagUtf8) >= 0)
        {
            return false;
        }

        // Deeper than ItemConverter.MaxDepth is not plain: the converter then fails naming the limit.
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = ItemConverter.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.String when reader.ValueIsEscaped:
                        // An escaped U+E000 would read back as a type tag.
                        if (reader.ValueSpan.IndexOf("\\u"u8) >= 0 && (reader.ValueSpan.IndexOf("\\ue000"u8) >= 0 || reader.ValueSpan.IndexOf("\\uE000"u8) >= 0))
                        {
                            return false;
                        }

                        break;
                    case JsonTokenType.Number:
                        if (reader.TryGetInt64(out _))
                        {
                            break;
                        }

                        if (reader.ValueSpan.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0 || !reader.TryGetDouble(out var d) || !double.IsFinite(d))
                        {
                            // Integers beyond bigint are decimals (tagged); numbers beyond double take the general path.
                            return false;
                        }

                        break;
                }
            }

            return reader.BytesConsumed == utf8.Length || utf8[(int)reader.BytesConsumed..].Trim(" \t"u8).IsEmpty;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
