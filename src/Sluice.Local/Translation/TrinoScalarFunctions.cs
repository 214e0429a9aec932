using System.Collections;
using System.Text;
using Sluice.DuckDb;
using Sluice.Engines;

namespace Sluice.Local.Translation;

/// <summary>
/// Trino functions that macros cannot express, written in C# and registered on the engine's database. Errors carry an
/// Athena error name as a <c>NAME: message</c> prefix, which <see cref="AthenaErrors"/> turns into that error.
/// </summary>
internal static class TrinoScalarFunctions
{
    public static void Register(DuckDbConnection connection)
    {
        var v = DuckDbColumnType.Varchar;
        var b = DuckDbColumnType.BigInt;
        foreach (var function in Functions(v, b).Concat(TrinoDateFunctions.Functions()))
        {
            connection.RegisterScalarFunction(function);
        }
    }

    private static IEnumerable<DuckDbScalarFunction> Functions(DuckDbColumnType v, DuckDbColumnType b)
    {
        yield return new("trino_division_by_zero", [b], b, _ => throw new InvalidOperationException("DIVISION_BY_ZERO: Division by zero"));
        yield return new("trino_invalid_argument", [v], b, a => throw new InvalidOperationException("INVALID_FUNCTION_ARGUMENT: " + a.GetString(0)));
        yield return new("trino_type_name", [v], v, a => TrinoTypeNames.FromDuckDb(a.GetString(0)));
        yield return new("trino_cardinality", [DuckDbColumnType.Any], b, a => a.GetValue(0) switch
        {
            ICollection c => (long)c.Count,
            var other => throw new InvalidOperationException($"INVALID_FUNCTION_ARGUMENT: cardinality needs an array or a map, not {other?.GetType().Name}"),
        });
        yield return new("trino_strpos", [v, v, b], b, a => NthPosition(a.GetString(0), a.GetString(1), a.GetInt64(2)));
        yield return new("trino_varchar_any", [DuckDbColumnType.Any], v, a => VarcharText(a.GetValue(0)));
        yield return new("url_extract_host", [v], v, a => Url(a.GetString(0))?.Host);
        yield return new("url_extract_path", [v], v, a => Url(a.GetString(0))?.AbsolutePath);
        yield return new("url_extract_protocol", [v], v, a => Url(a.GetString(0))?.Scheme);
        yield return new("url_extract_port", [v], b, a => Url(a.GetString(0)) is { } u && !u.IsDefaultPort ? u.Port : null);
        yield return new("url_extract_query", [v], v, a => Url(a.GetString(0)) is { } u ? u.Query.TrimStart('?') : null);
        yield return new("url_extract_fragment", [v], v, a => Url(a.GetString(0)) is { } u ? u.Fragment.TrimStart('#') : null);
        yield return new("url_extract_parameter", [v, v], v, a => Parameter(a.GetString(0), a.GetString(1)));
        yield return new("trino_url_encode", [v], v, a => UrlEncode(a.GetString(0)));
        yield return new("trino_url_decode", [v], v, a => System.Net.WebUtility.UrlDecode(a.GetString(0)));
        yield return new("luhn_check", [v], DuckDbColumnType.Boolean, a => Luhn(a.GetString(0)));
        yield return new("trino_invalid_cast", [v], v, a => throw new InvalidOperationException("INVALID_CAST_ARGUMENT: " + a.GetString(0)));
        yield return new("trino_from_base", [v, b], b, a => FromBase(a.GetString(0), a.GetInt64(1)));
        yield return new("trino_to_base", [b, b], v, a => ToBase(a.GetInt64(0), a.GetInt64(1)));
        yield return new("trino_cbrt", [DuckDbColumnType.Double], DuckDbColumnType.Double, a => Cbrt(a.GetDouble(0)));
        yield return new("crc32", [DuckDbColumnType.Blob], b, a => (long)Crc32((byte[])a.GetValue(0)!));
        yield return new("xxhash64", [DuckDbColumnType.Blob], DuckDbColumnType.Blob, a => XxHash64.Hash((byte[])a.GetValue(0)!));
        yield return new("sha512", [DuckDbColumnType.Blob], DuckDbColumnType.Blob, a => System.Security.Cryptography.SHA512.HashData((byte[])a.GetValue(0)!));
    }

    /// <summary>
    /// CAST(x AS varchar) as Trino writes it: doubles and reals in Java's notation, timestamps with milliseconds,
    /// timestamps with time zone with the zone name, varbinary decoded as UTF-8, decimals with their scale.
    /// </summary>
    private static string? VarcharText(object? value) => value switch
    {
        null => null,
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture),
        System.Collections.IEnumerable and not string => throw new InvalidOperationException("INVALID_CAST_ARGUMENT: Cannot cast a structured value to varchar"),
        _ => AthenaValueText.Render(value),
    };

    /// <summary>Trino's url_encode is Java's URLEncoder: letters, digits and <c>.-*_</c> stay, a space becomes '+', the
    /// rest is %XX of the UTF-8 bytes (upper-case hex).</summary>
    private static string UrlEncode(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '*' or '_')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Trino's luhn_check: the Luhn checksum of a string of digits.</summary>
    private static bool Luhn(string digits)
    {
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            throw new InvalidOperationException("INVALID_FUNCTION_ARGUMENT: Input contains non-digit characters");
        }

        var sum = 0;
        for (var k = 0; k < digits.Length; k++)
        {
            var d = digits[digits.Length - 1 - k] - '0';
            if (k % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>Java's cbrt is exact on perfect cubes (cbrt(27) = 3.0); the platform's may be one ulp off.</summary>
    private static double Cbrt(double x)
    {
        var c = Math.Cbrt(x);
        var r = Math.Round(c);
        return r * r * r == x ? r : c;
    }

    /// <summary>Trino's strpos(string, substring, instance): 1-based, negative instances count from the end, 0 when absent.</summary>
    private static long NthPosition(string text, string find, long instance)
    {
        if (instance == 0)
        {
            throw new InvalidOperationException("INVALID_FUNCTION_ARGUMENT: 'instance' must be a positive or negative number.");
        }

        if (find.Length == 0)
        {
            return 1;
        }

        var positions = new List<int>();
        var at = text.IndexOf(find, StringComparison.Ordinal);
        while (at >= 0)
        {
            positions.Add(at);
            at = text.IndexOf(find, at + 1, StringComparison.Ordinal);
        }

        var index = instance > 0 ? instance - 1 : positions.Count + instance;
        if (index < 0 || index >= positions.Count)
        {
            return 0;
        }

        // Positions count code points, as Trino's do.
        var offset = positions[(int)index];
        var runes = 0L;
        foreach (var _ in text.AsSpan(0, offset).EnumerateRunes())
        {
            runes++;
        }

        return runes + 1;
    }

    private static Uri? Url(string text) => Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;

    private static string? Parameter(string url, string name)
    {
        var query = Url(url)?.Query.TrimStart('?');
        if (query is null)
        {
            return null;
        }

        foreach (var pair in query.Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? pair : pair[..eq];
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return eq < 0 ? string.Empty : pair[(eq + 1)..];
            }
        }

        return null;
    }

    private static long FromBase(string text, long radix)
    {
        CheckRadix(radix);
        var negative = text.StartsWith('-');
        var digits = negative ? text[1..] : text;
        if (digits.Length == 0)
        {
            throw new InvalidOperationException($"INVALID_FUNCTION_ARGUMENT: Not a valid base-{radix} number: {text}");
        }

        long value = 0;
        foreach (var c in digits.ToLowerInvariant())
        {
            var d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterLower(c) ? c - 'a' + 10 : 99;
            if (d >= radix)
            {
                throw new InvalidOperationException($"INVALID_FUNCTION_ARGUMENT: Not a valid base-{radix} number: {text}");
            }

            value = checked((value * radix) + d);
        }

        return negative ? -value : value;
    }

    private static string ToBase(long value, long radix)
    {
        CheckRadix(radix);
        if (value == 0)
        {
            return "0";
        }

        var builder = new StringBuilder();
        var magnitude = value < 0 ? -(Int128)value : value;
        while (magnitude > 0)
        {
            var d = (int)(magnitude % radix);
            builder.Insert(0, (char)(d < 10 ? '0' + d : 'a' + d - 10));
            magnitude /= radix;
        }

        return (value < 0 ? "-" : string.Empty) + builder;
    }

    private static void CheckRadix(long radix)
    {
        if (radix is < 2 or > 36)
        {
            throw new InvalidOperationException("INVALID_FUNCTION_ARGUMENT: Radix must be between 2 and 36");
        }
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var x in data)
        {
            crc ^= x;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
