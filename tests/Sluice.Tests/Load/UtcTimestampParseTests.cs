using System.Globalization;
using System.Text;
using Sluice.Normalize;
using Sluice.Schema;

namespace Sluice.Tests.Load;

/// <summary>The streaming normalizer's allocation-free timestamp parser agrees with the inference rules wherever it answers.</summary>
public sealed class UtcTimestampParseTests
{
    [Theory]
    [InlineData("2024-01-01T00:00:00Z", true)]
    [InlineData("2024-02-29 23:59:59z", true)]
    [InlineData("1999-12-31T23:59:59.1Z", true)]
    [InlineData("2024-06-30T12:34:56.1234567Z", true)]
    [InlineData("0001-01-01T00:00:00Z", true)]
    [InlineData("2023-02-29T00:00:00Z", false)] // no such day: the general path decides (it is text)
    [InlineData("2024-13-01T00:00:00Z", false)]
    [InlineData("2024-01-01T24:00:00Z", false)]
    [InlineData("2024-01-01T23:59:60Z", false)]
    [InlineData("2024-01-01T10:00:00+02:00", false)] // offsets take the general path
    [InlineData("2024-01-01T10:00:00.12345678Z", false)]
    [InlineData("2024-01-01T10:00:00", false)]
    [InlineData("2024-01-01T10:00Z", false)]
    [InlineData("2024-01-01X10:00:00Z", false)]
    [InlineData("2024-01-01T10:00:00.Z", false)]
    [InlineData("２024-01-01T10:00:00Z", false)]
    public void Answers_only_for_the_plain_utc_form_and_then_like_the_inference_rules(string text, bool answers)
    {
        var parsed = StreamingNormalizer.TryParseUtcTimestamp(Encoding.UTF8.GetBytes(text), out var ticks);
        Assert.Equal(answers, parsed);
        if (parsed)
        {
            Assert.True(DataTypeInference.TryParseTimestamp(text, out var expected));
            Assert.Equal(expected.Ticks, ticks);
            Assert.Equal(DateTimeKind.Utc, expected.Kind);
        }
    }

    [Fact]
    public void Agrees_with_the_inference_rules_over_many_generated_values()
    {
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            var text = string.Create(CultureInfo.InvariantCulture,
                $"{random.Next(1, 10000):D4}-{random.Next(0, 14):D2}-{random.Next(0, 33):D2}{(random.Next(2) == 0 ? 'T' : ' ')}{random.Next(0, 25):D2}:{random.Next(0, 61):D2}:{random.Next(0, 61):D2}{(random.Next(3) == 0 ? "." + random.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture)[..random.Next(1, 8)] : string.Empty)}Z");
            if (StreamingNormalizer.TryParseUtcTimestamp(Encoding.UTF8.GetBytes(text), out var ticks))
            {
                Assert.True(DataTypeInference.TryParseTimestamp(text, out var expected), text);
                Assert.Equal(expected.Ticks, ticks);
            }
            else
            {
                Assert.False(DataTypeInference.TryParseTimestamp(text, out _) && IsPlainUtc(text), text);
            }
        }
    }

    // A value the fast parser declines must be outside its form or invalid; plain valid UTC values must be answered.
    private static bool IsPlainUtc(string text) => text.Length <= 28 && !text.Contains('+', StringComparison.Ordinal) &&
        int.Parse(text.AsSpan(17, 2), CultureInfo.InvariantCulture) < 60;
}
