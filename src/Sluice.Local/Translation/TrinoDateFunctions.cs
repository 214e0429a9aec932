using Sluice.DuckDb;

namespace Sluice.Local.Translation;

/// <summary>
/// C# forms of <c>date_trunc</c> and <c>date_add</c>, used where an argument is an aggregate or window call: DuckDB
/// picks a typed macro overload before it knows an aggregate's type, so the macros cannot serve there, while a
/// registered function is resolved after binding. Semantics follow Trino (weeks start on Monday, months clamp).
/// </summary>
internal static class TrinoDateFunctions
{
    public static IEnumerable<DuckDbScalarFunction> Functions()
    {
        var v = DuckDbColumnType.Varchar;
        var b = DuckDbColumnType.BigInt;
        yield return new("trino_date_trunc_fn", [v, DuckDbColumnType.Date], DuckDbColumnType.Date,
            a => DateOnly.FromDateTime(Truncate(a.GetString(0), ((DateOnly)a.GetValue(1)!).ToDateTime(TimeOnly.MinValue))));
        yield return new("trino_date_trunc_fn", [v, DuckDbColumnType.Timestamp], DuckDbColumnType.Timestamp,
            a => Truncate(a.GetString(0), (DateTime)a.GetValue(1)!));
        yield return new("trino_date_trunc_fn", [v, DuckDbColumnType.TimestampTz], DuckDbColumnType.TimestampTz,
            a => new DateTimeOffset(Truncate(a.GetString(0), ((DateTimeOffset)a.GetValue(1)!).UtcDateTime), TimeSpan.Zero));
        yield return new("trino_date_add_fn", [v, b, DuckDbColumnType.Date], DuckDbColumnType.Date,
            a => DateOnly.FromDateTime(Add(a.GetString(0), a.GetInt64(1), ((DateOnly)a.GetValue(2)!).ToDateTime(TimeOnly.MinValue))));
        yield return new("trino_date_add_fn", [v, b, DuckDbColumnType.Timestamp], DuckDbColumnType.Timestamp,
            a => Add(a.GetString(0), a.GetInt64(1), (DateTime)a.GetValue(2)!));
        yield return new("trino_date_add_fn", [v, b, DuckDbColumnType.TimestampTz], DuckDbColumnType.TimestampTz,
            a => new DateTimeOffset(Add(a.GetString(0), a.GetInt64(1), ((DateTimeOffset)a.GetValue(2)!).UtcDateTime), TimeSpan.Zero));
    }

    private static DateTime Truncate(string unit, DateTime value) => unit.ToLowerInvariant() switch
    {
        "millisecond" => new DateTime(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), value.Kind),
        "second" => new DateTime(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Kind),
        "minute" => new DateTime(value.Ticks - (value.Ticks % TimeSpan.TicksPerMinute), value.Kind),
        "hour" => new DateTime(value.Ticks - (value.Ticks % TimeSpan.TicksPerHour), value.Kind),
        "day" => value.Date,
        "week" => value.Date.AddDays(-(((int)value.DayOfWeek + 6) % 7)),
        "month" => new DateTime(value.Year, value.Month, 1, 0, 0, 0, value.Kind),
        "quarter" => new DateTime(value.Year, ((value.Month - 1) / 3 * 3) + 1, 1, 0, 0, 0, value.Kind),
        "year" => new DateTime(value.Year, 1, 1, 0, 0, 0, value.Kind),
        _ => throw new InvalidOperationException($"INVALID_FUNCTION_ARGUMENT: '{unit}' is not a valid Time field"),
    };

    private static DateTime Add(string unit, long n, DateTime value) => unit.ToLowerInvariant() switch
    {
        "millisecond" => value.AddMilliseconds(n),
        "second" => value.AddSeconds(n),
        "minute" => value.AddMinutes(n),
        "hour" => value.AddHours(n),
        "day" => value.AddDays(n),
        "week" => value.AddDays(7 * n),
        "month" => value.AddMonths(checked((int)n)),
        "quarter" => value.AddMonths(checked((int)(3 * n))),
        "year" => value.AddYears(checked((int)n)),
        _ => throw new InvalidOperationException($"INVALID_FUNCTION_ARGUMENT: '{unit}' is not a valid Time field"),
    };
}
