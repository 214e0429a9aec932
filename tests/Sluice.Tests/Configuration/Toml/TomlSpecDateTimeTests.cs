using Sluice.Configuration.Toml;
using static Sluice.Tests.Configuration.Toml.TomlAssert;

namespace Sluice.Tests.Configuration.Toml;

/// <summary>The date and time examples of the TOML 1.0.0 specification.</summary>
public class TomlSpecDateTimeTests
{
    [Fact]
    public void Offset_date_times()
    {
        var doc = Parse("""
            odt1 = 1979-05-27T07:32:00Z
            odt2 = 1979-05-27T00:32:00-07:00
            odt3 = 1979-05-27T00:32:00.999999-07:00
            """);

        OffsetDateTime(doc["odt1"], new DateTimeOffset(1979, 5, 27, 7, 32, 0, TimeSpan.Zero));
        OffsetDateTime(doc["odt2"], new DateTimeOffset(1979, 5, 27, 0, 32, 0, TimeSpan.FromHours(-7)));
        OffsetDateTime(doc["odt3"], new DateTimeOffset(1979, 5, 27, 0, 32, 0, TimeSpan.FromHours(-7)).AddTicks(9_999_990));
    }

    [Fact]
    public void Offset_date_time_with_a_space_delimiter()
    {
        OffsetDateTime(Parse("odt4 = 1979-05-27 07:32:00Z")["odt4"], new DateTimeOffset(1979, 5, 27, 7, 32, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Lowercase_delimiters_and_positive_offsets()
    {
        var doc = Parse("a = 1979-05-27t07:32:00z\nb = 1979-05-27T07:32:00+05:30");
        OffsetDateTime(doc["a"], new DateTimeOffset(1979, 5, 27, 7, 32, 0, TimeSpan.Zero));
        OffsetDateTime(doc["b"], new DateTimeOffset(1979, 5, 27, 7, 32, 0, new TimeSpan(5, 30, 0)));
    }

    [Fact]
    public void Local_date_times()
    {
        var doc = Parse("""
            ldt1 = 1979-05-27T07:32:00
            ldt2 = 1979-05-27T00:32:00.999999
            """);

        var ldt1 = Assert.IsType<DateTime>(doc["ldt1"]);
        Assert.Equal(new DateTime(1979, 5, 27, 7, 32, 0, DateTimeKind.Unspecified), ldt1);
        Assert.Equal(DateTimeKind.Unspecified, ldt1.Kind);
        Assert.Equal(new DateTime(1979, 5, 27, 0, 32, 0, DateTimeKind.Unspecified).AddTicks(9_999_990), doc["ldt2"]);
    }

    [Fact]
    public void Local_date()
    {
        Assert.Equal(new DateOnly(1979, 5, 27), Parse("ld1 = 1979-05-27")["ld1"]);
    }

    [Fact]
    public void Local_times()
    {
        var doc = Parse("""
            lt1 = 07:32:00
            lt2 = 00:32:00.999999
            """);

        Assert.Equal(new TimeOnly(7, 32, 0), doc["lt1"]);
        Assert.Equal(new TimeOnly(0, 32, 0).Add(TimeSpan.FromTicks(9_999_990)), doc["lt2"]);
    }

    [Fact]
    public void Fractional_seconds_beyond_100_nanoseconds_are_truncated()
    {
        Assert.Equal(new TimeOnly(0, 0, 1).Add(TimeSpan.FromTicks(1_234_567)), Parse("t = 00:00:01.123456789")["t"]);
    }

    [Fact]
    public void Leap_day_is_a_date_only_in_leap_years()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), Parse("d = 2024-02-29")["d"]);
        Invalid("d = 2023-02-29", 1, "is not a calendar date");
    }

    [Theory]
    [InlineData("d = 1979-13-01", "month 13, above the maximum 12")]
    [InlineData("d = 1979-00-01", "is not a calendar date")]
    [InlineData("d = 1979-04-31", "is not a calendar date")]
    [InlineData("d = 1979-5-27", "month must be exactly 2 digits")]
    [InlineData("d = 79-05-27", "is not a valid number")]
    [InlineData("t = 24:00:00", "hour 24, above the maximum 23")]
    [InlineData("t = 07:60:00", "minute 60, above the maximum 59")]
    [InlineData("t = 07:32", "missing seconds")]
    [InlineData("t = 07:32:00.", "without fractional-second digits")]
    [InlineData("t = 07:32:60", "leap second")]
    [InlineData("d = 1979-05-27T07:32", "missing seconds")]
    [InlineData("d = 1979-05-27X07:32:00", "separated by 'T' or one space")]
    [InlineData("d = 1979-05-27T07:32:00+7:00", "offset hour must be exactly 2 digits")]
    [InlineData("d = 1979-05-27T07:32:00+07", "expected ':'")]
    [InlineData("d = 1979-05-27T07:32:00Zjunk", "is not a valid date-time")]
    [InlineData("d = 1979-05-27T07:32:00+15:00", "beyond ±14:00")]
    [InlineData("d = 1979-05-27 07:32", "missing seconds")]
    public void Malformed_dates_and_times_are_invalid(string document, string message)
    {
        Invalid(document, 1, message);
    }
}
