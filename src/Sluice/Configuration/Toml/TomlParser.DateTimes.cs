using System.Globalization;

namespace Sluice.Configuration.Toml;

internal sealed partial class TomlParser
{
    private const string DateTimeHelp =
        "Date-times look like 1979-05-27T07:32:00Z, 1979-05-27T00:32:00-07:00, 1979-05-27 07:32:00.999, 1979-05-27 or 07:32:00 (seconds are required in TOML 1.0).";

    /// <summary>
    /// Parses an offset date-time (<see cref="DateTimeOffset"/>), local date-time (<see cref="DateTime"/>, kind
    /// Unspecified), local date (<see cref="DateOnly"/>) or local time (<see cref="TimeOnly"/>), per RFC 3339 as
    /// profiled by TOML 1.0.0.
    /// </summary>
    private object ParseDateTime(string token, int start)
    {
        var i = 0;
        if (token.Length >= 3 && token[2] == ':')
        {
            var timeOnly = ReadTime(token, ref i, start);
            ExpectDateTimeEnd(token, i, start);
            return timeOnly;
        }

        var date = ReadDate(token, ref i, start);
        if (i == token.Length)
        {
            return date;
        }

        if (token[i] is not ('T' or 't' or ' '))
        {
            throw ErrorAt(start, $"{Show(token)} is not a valid date-time: the date and time must be separated by 'T' or one space. {DateTimeHelp}");
        }

        i++;
        var time = ReadTime(token, ref i, start);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (i == token.Length)
        {
            return local;
        }

        TimeSpan offset;
        if (token[i] is 'Z' or 'z')
        {
            offset = TimeSpan.Zero;
            i++;
        }
        else if (token[i] is '+' or '-')
        {
            var negative = token[i] == '-';
            i++;
            var hours = ReadTwoDigits(token, ref i, start, 23, "offset hour");
            Expect(token, ref i, start, ':');
            var minutes = ReadTwoDigits(token, ref i, start, 59, "offset minute");
            offset = new TimeSpan(hours, minutes, 0);
            if (negative)
            {
                offset = -offset;
            }

            if (offset.Duration() > TimeSpan.FromHours(14))
            {
                throw ErrorAt(start, $"{Show(token)} has an offset beyond ±14:00, which .NET cannot represent. Convert the time to UTC and write it with Z.");
            }
        }
        else
        {
            throw ErrorAt(start, $"{Show(token)} is not a valid date-time: after the time only Z or an offset such as +02:00 may follow. {DateTimeHelp}");
        }

        ExpectDateTimeEnd(token, i, start);
        return new DateTimeOffset(local, offset);
    }

    private void ExpectDateTimeEnd(string token, int i, int start)
    {
        if (i != token.Length)
        {
            throw ErrorAt(start, $"{Show(token)} is not a valid date-time. {DateTimeHelp}");
        }
    }

    private DateOnly ReadDate(string token, ref int i, int start)
    {
        var year = ReadDigits(token, ref i, start, 4, "year");
        Expect(token, ref i, start, '-');
        var month = ReadTwoDigits(token, ref i, start, 12, "month");
        Expect(token, ref i, start, '-');
        var day = ReadTwoDigits(token, ref i, start, 31, "day");
        if (month == 0 || day == 0 || year == 0 || day > DateTime.DaysInMonth(year, month))
        {
            throw ErrorAt(start, $"{Show(token)} is not a calendar date (check the month and the number of days in it). {DateTimeHelp}");
        }

        return new DateOnly(year, month, day);
    }

    private TimeOnly ReadTime(string token, ref int i, int start)
    {
        var hour = ReadTwoDigits(token, ref i, start, 23, "hour");
        Expect(token, ref i, start, ':');
        var minute = ReadTwoDigits(token, ref i, start, 59, "minute");
        if (i >= token.Length || token[i] != ':')
        {
            throw ErrorAt(start, $"{Show(token)} is missing seconds: TOML 1.0 requires HH:MM:SS. Add ':00'.");
        }

        i++;
        var second = ReadTwoDigits(token, ref i, start, 60, "second");
        if (second == 60)
        {
            throw ErrorAt(start, $"{Show(token)} is a leap second (:60), which .NET time types cannot represent. Write :59 instead.");
        }

        long ticks = 0;
        if (i < token.Length && token[i] == '.')
        {
            i++;
            var fracStart = i;
            while (i < token.Length && char.IsAsciiDigit(token[i]))
            {
                i++;
            }

            if (i == fracStart)
            {
                throw ErrorAt(start, $"{Show(token)} has a '.' without fractional-second digits. Write e.g. 07:32:00.5 or drop the '.'.");
            }

            // .NET stores 100 ns ticks; further digits are truncated, as TOML 1.0.0 allows for excess precision.
            var fraction = token[fracStart..Math.Min(i, fracStart + 7)].PadRight(7, '0');
            ticks = long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        return new TimeOnly(hour, minute, second).Add(TimeSpan.FromTicks(ticks));
    }

    private int ReadTwoDigits(string token, ref int i, int start, int max, string what)
    {
        var value = ReadDigits(token, ref i, start, 2, what);
        if (value > max)
        {
            throw ErrorAt(start, $"{Show(token)} has {what} {value:00}, above the maximum {max:00}. {DateTimeHelp}");
        }

        return value;
    }

    private int ReadDigits(string token, ref int i, int start, int count, string what)
    {
        if (i + count > token.Length || token.AsSpan(i, count).IndexOfAnyExcept("0123456789") >= 0)
        {
            throw ErrorAt(start, $"{Show(token)} is not a valid date-time: the {what} must be exactly {count} digits. {DateTimeHelp}");
        }

        var value = int.Parse(token.AsSpan(i, count), NumberStyles.None, CultureInfo.InvariantCulture);
        i += count;
        return value;
    }

    private void Expect(string token, ref int i, int start, char expected)
    {
        if (i >= token.Length || token[i] != expected)
        {
            throw ErrorAt(start, $"{Show(token)} is not a valid date-time: expected '{expected}' at position {i + 1}. {DateTimeHelp}");
        }

        i++;
    }
}
