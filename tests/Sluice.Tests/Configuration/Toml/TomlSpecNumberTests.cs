using Sluice.Configuration.Toml;
using static Sluice.Tests.Configuration.Toml.TomlAssert;

namespace Sluice.Tests.Configuration.Toml;

/// <summary>The integer, float and boolean examples of the TOML 1.0.0 specification.</summary>
public class TomlSpecNumberTests
{
    [Fact]
    public void Integers_with_signs()
    {
        var doc = Parse("""
            int1 = +99
            int2 = 42
            int3 = 0
            int4 = -17
            """);

        Assert.Equal(99L, doc["int1"]);
        Assert.Equal(42L, doc["int2"]);
        Assert.Equal(0L, doc["int3"]);
        Assert.Equal(-17L, doc["int4"]);
    }

    [Fact]
    public void Integers_with_underscores()
    {
        var doc = Parse("""
            int5 = 1_000
            int6 = 5_349_221
            int7 = 53_49_221  # Indian number system grouping
            int8 = 1_2_3_4_5  # VALID but discouraged
            """);

        Assert.Equal(1000L, doc["int5"]);
        Assert.Equal(5349221L, doc["int6"]);
        Assert.Equal(5349221L, doc["int7"]);
        Assert.Equal(12345L, doc["int8"]);
    }

    [Fact]
    public void Signed_zero_integers_are_zero()
    {
        var doc = Parse("a = -0\nb = +0");
        Assert.Equal(0L, doc["a"]);
        Assert.Equal(0L, doc["b"]);
    }

    [Fact]
    public void Hexadecimal_octal_and_binary_integers()
    {
        var doc = Parse("""
            # hexadecimal with prefix `0x`
            hex1 = 0xDEADBEEF
            hex2 = 0xdeadbeef
            hex3 = 0xdead_beef

            # octal with prefix `0o`
            oct1 = 0o01234567
            oct2 = 0o755 # useful for Unix file permissions

            # binary with prefix `0b`
            bin1 = 0b11010110
            """);

        Assert.Equal(0xDEADBEEFL, doc["hex1"]);
        Assert.Equal(0xDEADBEEFL, doc["hex2"]);
        Assert.Equal(0xDEADBEEFL, doc["hex3"]);
        Assert.Equal(342391L, doc["oct1"]);
        Assert.Equal(493L, doc["oct2"]);
        Assert.Equal(214L, doc["bin1"]);
    }

    [Fact]
    public void The_64_bit_range_is_accepted_at_both_ends()
    {
        var doc = Parse("max = 9_223_372_036_854_775_807\nmin = -9223372036854775808\nhex = 0x7FFFFFFFFFFFFFFF");
        Assert.Equal(long.MaxValue, doc["max"]);
        Assert.Equal(long.MinValue, doc["min"]);
        Assert.Equal(long.MaxValue, doc["hex"]);
    }

    [Theory]
    [InlineData("a = 9223372036854775808", "outside the 64-bit integer range")]
    [InlineData("a = -9223372036854775809", "outside the 64-bit integer range")]
    [InlineData("a = 0x8000000000000000", "outside the 64-bit signed integer range")]
    [InlineData("a = 0xFFFFFFFFFFFFFFFFFF", "outside the 64-bit signed integer range")]
    [InlineData("a = 0b1111111111111111111111111111111111111111111111111111111111111111", "outside the 64-bit signed integer range")]
    public void Integers_outside_64_bits_are_invalid(string document, string message)
    {
        Invalid(document, 1, message);
    }

    [Theory]
    [InlineData("a = 01", "leading zero")]
    [InlineData("a = 00", "leading zero")]
    [InlineData("a = -012", "leading zero")]
    [InlineData("a = 0_1", "leading zero")]
    [InlineData("a = 03.14", "leading zero")]
    [InlineData("a = 1__000", "misplaced underscore")]
    [InlineData("a = 1_", "misplaced underscore")]
    [InlineData("a = _1", "is not a TOML value")]
    [InlineData("a = 1_.5", "misplaced underscore")]
    [InlineData("a = 1._5", "misplaced underscore")]
    [InlineData("a = 1e_5", "misplaced underscore")]
    [InlineData("a = 0x_1F", "misplaced underscore")]
    [InlineData("a = +0x1F", "cannot have a sign")]
    [InlineData("a = -0o7", "cannot have a sign")]
    [InlineData("a = 0X1F", "is not a valid number")]
    [InlineData("a = 0o8", "is not a valid octal integer")]
    [InlineData("a = 0b102", "is not a valid binary integer")]
    [InlineData("a = 0xG", "is not a valid hexadecimal integer")]
    [InlineData("a = 0x", "is not a valid hexadecimal integer")]
    [InlineData("a = 1_000_", "misplaced underscore")]
    [InlineData("a = 12abc", "is not a valid number")]
    [InlineData("a = ++1", "a sign must be followed by digits")]
    public void Malformed_integers_are_invalid(string document, string message)
    {
        Invalid(document, 1, message);
    }

    [Fact]
    public void Floats_with_fractions_and_exponents()
    {
        var doc = Parse("""
            # fractional
            flt1 = +1.0
            flt2 = 3.1415
            flt3 = -0.01

            # exponent
            flt4 = 5e+22
            flt5 = 1e06
            flt6 = -2E-2

            # both
            flt7 = 6.626e-34
            """);

        Assert.Equal(1.0, doc["flt1"]);
        Assert.Equal(3.1415, doc["flt2"]);
        Assert.Equal(-0.01, doc["flt3"]);
        Assert.Equal(5e+22, doc["flt4"]);
        Assert.Equal(1e06, doc["flt5"]);
        Assert.Equal(-2E-2, doc["flt6"]);
        Assert.Equal(6.626e-34, doc["flt7"]);
    }

    [Theory]
    [InlineData("invalid_float_1 = .7", "A float needs a digit before the '.'")]
    [InlineData("invalid_float_2 = 7.", "missing digits in its fraction")]
    [InlineData("invalid_float_3 = 3.e+20", "missing digits in its fraction")]
    [InlineData("a = 1e", "missing digits in its exponent")]
    [InlineData("a = 1e+", "missing digits in its exponent")]
    [InlineData("a = 1.5e2.5", "is not a valid number")]
    [InlineData("a = 1.2.3", "is not a valid number")]
    public void Floats_need_digits_around_the_point(string document, string message)
    {
        Invalid(document, 1, message);
    }

    [Fact]
    public void Floats_with_underscores()
    {
        Assert.Equal(224617.445991228, Parse("flt8 = 224_617.445_991_228")["flt8"]);
    }

    [Fact]
    public void Special_floats()
    {
        var doc = Parse("""
            # infinity
            sf1 = inf  # positive infinity
            sf2 = +inf # positive infinity
            sf3 = -inf # negative infinity

            # not a number
            sf4 = nan  # actual sNaN/qNaN encoding is implementation-specific
            sf5 = +nan # same as `nan`
            sf6 = -nan # valid, actual encoding is implementation-specific
            """);

        Assert.Equal(double.PositiveInfinity, doc["sf1"]);
        Assert.Equal(double.PositiveInfinity, doc["sf2"]);
        Assert.Equal(double.NegativeInfinity, doc["sf3"]);
        Assert.True(double.IsNaN((double)doc["sf4"]));
        Assert.True(double.IsNaN((double)doc["sf5"]));
        Assert.True(double.IsNaN((double)doc["sf6"]));
    }

    [Fact]
    public void Signed_zero_floats_and_leading_zero_exponents()
    {
        var doc = Parse("a = -0.0\nb = +0.0\nc = 1e-06\nd = 0e0");
        Assert.True(double.IsNegative((double)doc["a"]));
        Assert.Equal(0.0, doc["b"]);
        Assert.Equal(1e-6, doc["c"]);
        Assert.Equal(0.0, doc["d"]);
    }

    [Theory]
    [InlineData("a = Inf", "special floats are lowercase")]
    [InlineData("a = NaN", "special floats are lowercase")]
    [InlineData("a = infinity", "is not a TOML value")]
    public void Special_floats_are_lowercase(string document, string message)
    {
        Invalid(document, 1, message);
    }

    [Fact]
    public void Booleans()
    {
        var doc = Parse("""
            bool1 = true
            bool2 = false
            """);

        Assert.Equal(true, doc["bool1"]);
        Assert.Equal(false, doc["bool2"]);
    }

    [Theory]
    [InlineData("a = True", "booleans are lowercase")]
    [InlineData("a = FALSE", "booleans are lowercase")]
    [InlineData("a = truex", "is not a TOML value")]
    [InlineData("a = hello", "Strings must be quoted")]
    public void Booleans_are_lowercase_and_strings_are_quoted(string document, string message)
    {
        Invalid(document, 1, message);
    }
}
