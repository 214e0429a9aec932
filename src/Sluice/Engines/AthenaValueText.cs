using System.Collections;
using System.Globalization;
using System.Text;

namespace Sluice.Engines;

/// <summary>
/// Renders values the way Athena's GetQueryResults does: every value is a string, NULL has no string; arrays
/// <c>[1, 2]</c>, maps <c>{a=1, b=2}</c>, rows <c>{id=1, name=x}</c>, varbinary as space-separated hex bytes,
/// timestamps at millisecond precision (<c>2024-01-02 03:04:05.678</c>), doubles in Java's notation (<c>1.0E20</c>).
/// </summary>
public static class AthenaValueText
{
    public static string? Render(object? value, string? type = null) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        double d => JavaDouble(d),
        float f => JavaFloat(f),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime dt => Timestamp(dt, type),
        DateTimeOffset dto => Timestamp(dto.UtcDateTime, type) + " UTC",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
        byte[] bytes => string.Join(' ', bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture))),
        IDictionary<string, object?> row => "{" + string.Join(", ", row.Select(p => p.Key + "=" + (Render(p.Value) ?? "null"))) + "}",
        IDictionary map => Map(map),
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(v => Render(v) ?? "null")) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string Map(IDictionary map)
    {
        var builder = new StringBuilder("{");
        var first = true;
        var entries = map.GetEnumerator();
        while (entries.MoveNext())
        {
            builder.Append(first ? string.Empty : ", ").Append(Render(entries.Key)).Append('=').Append(Render(entries.Value) ?? "null");
            first = false;
        }

        return builder.Append('}').ToString();
    }

    /// <summary>Timestamps show milliseconds, as Athena prints timestamp(3); timestamp(6) columns show microseconds.</summary>
    private static string Timestamp(DateTime dt, string? type) =>
        type is not null && type.Contains("(6)", StringComparison.Ordinal)
            ? dt.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)
            : dt.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>Java's Double.toString: plain decimals in [1e-3, 1e7), otherwise scientific with an 'E'; always a fraction digit.</summary>
    public static string JavaDouble(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "Infinity" : "-Infinity";
        }

        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        var abs = Math.Abs(d);
        if (abs >= 1e-3 && abs < 1e7)
        {
            var plain = d.ToString("R", CultureInfo.InvariantCulture);
            return plain.Contains('.', StringComparison.Ordinal) || plain.Contains('E', StringComparison.Ordinal) ? plain : plain + ".0";
        }

        var scientific = d.ToString("R", CultureInfo.InvariantCulture);
        if (!scientific.Contains('E', StringComparison.Ordinal))
        {
            scientific = d.ToString("E16", CultureInfo.InvariantCulture);
        }

        // "1.2345E+020" / "1E+20" -> mantissa and exponent in Java's form "1.2345E20" / "1.0E20".
        var parts = scientific.Split('E');
        var mantissa = double.Parse(parts[0], CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
        if (!mantissa.Contains('.', StringComparison.Ordinal))
        {
            mantissa += ".0";
        }

        var exponent = int.Parse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return mantissa + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static string JavaFloat(float f) =>
        float.IsFinite(f) && Math.Abs(f) >= 1e-3f && Math.Abs(f) < 1e7f
            ? AppendFraction(f.ToString("R", CultureInfo.InvariantCulture))
            : JavaDouble(double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    private static string AppendFraction(string text) => text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
}
