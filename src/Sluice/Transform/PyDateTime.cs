using System.Globalization;
using System.Text;
using Sluice.Templating;

namespace Sluice.Transform;

/// <summary>
/// Python's <c>datetime</c> as dbt templates use it (<c>run_started_at</c>, <c>modules.datetime.datetime.now()</c>):
/// fields, <c>strftime</c>, <c>isoformat</c>, <c>date()</c>; renders as Python's <c>str()</c>.
/// </summary>
internal sealed class PyDateTime : IJinjaObject
{
    private readonly DateTime _value;
    private readonly bool _dateOnly;

    public PyDateTime(DateTime value, bool dateOnly = false)
    {
        _value = value;
        _dateOnly = dateOnly;
    }

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "year" => (long)_value.Year,
            "month" => (long)_value.Month,
            "day" => (long)_value.Day,
            "hour" => (long)_value.Hour,
            "minute" => (long)_value.Minute,
            "second" => (long)_value.Second,
            "microsecond" => (long)(_value.Ticks % TimeSpan.TicksPerSecond / 10),
            "strftime" => new JinjaFunction("strftime", args => Format(Values.Str(args.Get(0, "format")))),
            "isoformat" => new JinjaFunction("isoformat", _ => _dateOnly
                ? _value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : _value.ToString(_value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture)),
            "date" => new JinjaFunction("date", _ => new PyDateTime(_value.Date, dateOnly: true)),
            "timestamp" => new JinjaFunction("timestamp", _ => (_value - DateTime.UnixEpoch).TotalSeconds),
            _ => null,
        };
        return value is not null;
    }

    public override string ToString() => _dateOnly
        ? _value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : _value.ToString(_value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    private string Format(string format)
    {
        var text = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length)
            {
                text.Append(format[i]);
                continue;
            }

            i++;
            text.Append(format[i] switch
            {
                'Y' => _value.ToString("yyyy", CultureInfo.InvariantCulture),
                'm' => _value.ToString("MM", CultureInfo.InvariantCulture),
                'd' => _value.ToString("dd", CultureInfo.InvariantCulture),
                'H' => _value.ToString("HH", CultureInfo.InvariantCulture),
                'M' => _value.ToString("mm", CultureInfo.InvariantCulture),
                'S' => _value.ToString("ss", CultureInfo.InvariantCulture),
                'f' => _value.ToString("ffffff", CultureInfo.InvariantCulture),
                'y' => _value.ToString("yy", CultureInfo.InvariantCulture),
                'j' => _value.DayOfYear.ToString("000", CultureInfo.InvariantCulture),
                '%' => "%",
                var other => "%" + other,
            });
        }

        return text.ToString();
    }
}
