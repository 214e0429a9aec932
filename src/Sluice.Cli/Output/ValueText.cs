using System.Collections;
using System.Globalization;
using System.Text;
using Sluice.DuckDb;

namespace Sluice.Cli.Output;

/// <summary>
/// Renders a value as text the way Athena shows results: arrays <c>[1, 2]</c>, maps and rows <c>{a=1, b=x}</c>,
/// varbinary as hex, timestamps to the fraction they carry, doubles in round-trip form.
/// </summary>
public static class ValueText
{
    public static string Render(object? value) => value switch
    {
        null => "NULL",
        string s => s,
        bool b => b ? "true" : "false",
        double d => RenderDouble(d),
        float f => RenderDouble(f),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime dt => RenderTimestamp(dt),
        DateTimeOffset dto => RenderTimestamp(dto.UtcDateTime) + " UTC",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString(time.Ticks % TimeSpan.TicksPerSecond == 0 ? "HH:mm:ss" : "HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexStringLower(bytes),
        IDictionary<string, object?> row => "{" + string.Join(", ", row.Select(p => p.Key + "=" + Render(p.Value))) + "}",
        IDictionary map => RenderMap(map),
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Render)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string RenderMap(IDictionary map)
    {
        var builder = new StringBuilder("{");
        var first = true;
        var enumerator = map.GetEnumerator();
        while (enumerator.MoveNext())
        {
            builder.Append(first ? string.Empty : ", ").Append(Render(enumerator.Key)).Append('=').Append(Render(enumerator.Value));
            first = false;
        }

        return builder.Append('}').ToString();
    }

    private static string RenderDouble(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : d.ToString("R", CultureInfo.InvariantCulture);

    private static string RenderTimestamp(DateTime dt) =>
        dt.ToString(dt.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>Is the value a number (right-aligned in tables, unquoted in JSON)?</summary>
    public static bool IsNumber(object? value) => value is sbyte or byte or short or ushort or int or uint or long or ulong
        or Int128 or UInt128 or float or double or decimal or DuckDbDecimal;
}
