using System.Globalization;

namespace Sluice.DuckDb;

/// <summary>A DuckDB TIME WITH TIME ZONE: a time of day and its UTC offset.</summary>
public readonly record struct DuckDbTimeTz(TimeOnly Time, TimeSpan Offset)
{
    // DuckDB packs TIME_TZ into 64 bits: microseconds in the upper 40, (MaxOffset - offset seconds) in the lower 24.
    private const int MaxOffsetSeconds = (16 * 60 * 60) - 1;

    internal static DuckDbTimeTz FromBits(ulong bits)
    {
        var micros = (long)(bits >> 24);
        var offsetSeconds = MaxOffsetSeconds - (int)(bits & 0xFFFFFF);
        return new DuckDbTimeTz(new TimeOnly(micros * 10), TimeSpan.FromSeconds(offsetSeconds));
    }

    internal ulong ToBits()
    {
        var micros = (ulong)(Time.Ticks / 10);
        var encoded = (ulong)(MaxOffsetSeconds - (int)Offset.TotalSeconds);
        return (micros << 24) | (encoded & 0xFFFFFF);
    }

    public override string ToString() =>
        Time.ToString("HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture) +
        (Offset < TimeSpan.Zero ? "-" : "+") + Offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
