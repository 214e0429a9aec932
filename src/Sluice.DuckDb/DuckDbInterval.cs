using System.Globalization;

namespace Sluice.DuckDb;

/// <summary>
/// A DuckDB INTERVAL: months, days and microseconds are kept apart, because a month has no fixed length.
/// </summary>
public readonly record struct DuckDbInterval(int Months, int Days, long Microseconds)
{
    /// <summary>The interval as a <see cref="TimeSpan"/>; fails when it has months, which have no fixed length.</summary>
    public TimeSpan ToTimeSpan() => Months != 0
        ? throw new InvalidOperationException($"The interval {this} has {Months} month(s), which have no fixed length; read Months, Days and Microseconds instead.")
        : TimeSpan.FromDays(Days) + TimeSpan.FromTicks(Microseconds * 10);

    public static DuckDbInterval FromTimeSpan(TimeSpan span) => new(0, 0, span.Ticks / 10);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Months} months {Days} days {Microseconds} us");
}
