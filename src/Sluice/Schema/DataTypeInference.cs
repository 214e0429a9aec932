using System.Globalization;
using System.Text.RegularExpressions;

namespace Sluice.Schema;

/// <summary>
/// Decides the type of a value and converts it to its canonical .NET form: text <see cref="string"/>, bigint
/// <see cref="long"/>, double <see cref="double"/>, bool, decimal, timestamp <see cref="DateTime"/> (UTC), date
/// <see cref="DateOnly"/>, binary <c>byte[]</c>, json <see cref="JsonText"/>, time <see cref="TimeOnly"/>.
/// ISO-8601 date-time strings become timestamps and <c>YYYY-MM-DD</c> strings dates.
/// </summary>
public static partial class DataTypeInference
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|z|[+-]\d{2}(:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTimestamp();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    /// <summary>The type and canonical value of a non-null scalar; false for values Sluice cannot store.</summary>
    public static bool TryClassify(object value, out DataType type, out object canonical)
    {
        ArgumentNullException.ThrowIfNull(value);
        (type, canonical) = value switch
        {
            string s when s.Length >= 10 && char.IsAsciiDigit(s[0]) && TryParseTimestamp(s, out var ts) => (DataType.Timestamp, (object)ts),
            string s when s.Length == 10 && char.IsAsciiDigit(s[0]) && TryParseDate(s, out var d) => (DataType.Date, d),
            string s => (DataType.Text, s),
            bool b => (DataType.Bool, b),
            long l => (DataType.Bigint, l),
            int i => (DataType.Bigint, (long)i),
            short s => (DataType.Bigint, (long)s),
            sbyte s => (DataType.Bigint, (long)s),
            byte b => (DataType.Bigint, (long)b),
            ushort u => (DataType.Bigint, (long)u),
            uint u => (DataType.Bigint, (long)u),
            ulong u when u <= long.MaxValue => (DataType.Bigint, (long)u),
            ulong u => (DataType.Decimal, (decimal)u),
            double d => (DataType.Double, d),
            float f => (DataType.Double, (double)f),
            decimal m => (DataType.Decimal, m),
            DateTime dt => (DataType.Timestamp, ToUtc(dt)),
            DateTimeOffset dto => (DataType.Timestamp, dto.UtcDateTime),
            DateOnly d => (DataType.Date, d),
            TimeOnly t => (DataType.Time, t),
            TimeSpan t => (DataType.Time, TimeOnly.FromTimeSpan(t)),
            byte[] bytes => (DataType.Binary, bytes),
            JsonText j => (DataType.Json, j),
            Guid g => (DataType.Text, g.ToString()),
            Enum e => (DataType.Text, e.ToString()),
            _ => ((DataType)(-1), value),
        };
        return (int)type >= 0;
    }

    /// <summary>
    /// Converts a canonical value of type <paramref name="from"/> to <paramref name="to"/> when no information is
    /// lost (text takes anything; <c>2.0</c> fits bigint, <c>2.5</c> does not).
    /// </summary>
    public static bool TryCoerce(object value, DataType from, DataType to, out object coerced)
    {
        ArgumentNullException.ThrowIfNull(value);
        coerced = value;
        if (from == to)
        {
            return true;
        }

        switch (to)
        {
            case DataType.Text:
                coerced = ToText(value);
                return true;
            case DataType.Bigint:
                switch (value)
                {
                    case double d when Math.Floor(d) == d && d >= long.MinValue && d < long.MaxValue:
                        coerced = (long)d;
                        return true;
                    case decimal m when decimal.Truncate(m) == m && m >= long.MinValue && m <= long.MaxValue:
                        coerced = (long)m;
                        return true;
                    case string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                        coerced = l;
                        return true;
                    case bool b:
                        coerced = b ? 1L : 0L;
                        return true;
                }

                return false;
            case DataType.Double:
                switch (value)
                {
                    case long l:
                        coerced = (double)l;
                        return true;
                    case decimal m:
                        coerced = (double)m;
                        return true;
                    case string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                        coerced = d;
                        return true;
                }

                return false;
            case DataType.Decimal:
                switch (value)
                {
                    case long l:
                        coerced = (decimal)l;
                        return true;
                    case double d when double.IsFinite(d) && Math.Abs(d) < 1e28:
                        coerced = (decimal)d;
                        return true;
                    case string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var m):
                        coerced = m;
                        return true;
                }

                return false;
            case DataType.Timestamp:
                if (value is DateOnly date)
                {
                    coerced = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
                    return true;
                }

                return false;
            case DataType.Bool:
                if (value is string text && bool.TryParse(text, out var flag))
                {
                    coerced = flag;
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>The text form of a canonical value, as a text column stores it (ISO-8601 for dates and times).</summary>
    public static string ToText(object value) => value switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Parses an ISO-8601 date-time; a value without an offset is taken as UTC.</summary>
    public static bool TryParseTimestamp(string text, out DateTime value)
    {
        value = default;
        if (text.Length is < 16 or > 40 || !IsoTimestamp().IsMatch(text))
        {
            return false;
        }

        // .NET parses at most 7 fraction digits; nanoseconds beyond 100 ns cannot be stored anyway.
        var trimmed = text.Length > 27 ? Regex.Replace(text, @"(\.\d{7})\d+", "$1", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)) : text;
        if (!DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        value = parsed.UtcDateTime;
        return true;
    }

    public static bool TryParseDate(string text, out DateOnly value)
    {
        value = default;
        return text.Length == 10 && IsoDate().IsMatch(text) &&
               DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    private static DateTime ToUtc(DateTime dt) => dt.Kind switch
    {
        DateTimeKind.Local => dt.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
        _ => dt,
    };
}
