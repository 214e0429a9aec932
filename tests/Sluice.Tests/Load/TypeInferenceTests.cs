using Sluice.Schema;

namespace Sluice.Tests.Load;

public sealed class TypeInferenceTests
{
    [Theory]
    [InlineData("2024-01-02T03:04:05Z", DataType.Timestamp)]
    [InlineData("2024-01-02T03:04:05.123456+02:00", DataType.Timestamp)]
    [InlineData("2024-01-02 03:04", DataType.Timestamp)]
    [InlineData("2024-01-02", DataType.Date)]
    [InlineData("2024-13-02", DataType.Text)]
    [InlineData("hello", DataType.Text)]
    [InlineData("2024-01-02T03:04:05 trailing", DataType.Text)]
    public void Strings_are_detected(string value, DataType expected)
    {
        Assert.True(DataTypeInference.TryClassify(value, out var type, out _));
        Assert.Equal(expected, type);
    }

    [Fact]
    public void Timestamps_with_offsets_are_normalised_to_utc()
    {
        Assert.True(DataTypeInference.TryClassify("2024-01-02T03:04:05+02:00", out _, out var value));
        Assert.Equal(new DateTime(2024, 1, 2, 1, 4, 5, DateTimeKind.Utc), value);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)value).Kind);
    }

    [Fact]
    public void Clr_values_map_to_types()
    {
        (object Value, DataType Type)[] cases =
        [
            (1, DataType.Bigint), (1L, DataType.Bigint), (ulong.MaxValue, DataType.Decimal), (1.5, DataType.Double), (1.5m, DataType.Decimal),
            (true, DataType.Bool), (new byte[] { 1 }, DataType.Binary), (new DateOnly(2024, 1, 1), DataType.Date),
            (new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), DataType.Timestamp), (new TimeOnly(1, 2), DataType.Time),
            (new JsonText("{}"), DataType.Json), (Guid.Empty, DataType.Text),
        ];
        foreach (var (value, expected) in cases)
        {
            Assert.True(DataTypeInference.TryClassify(value, out var type, out _));
            Assert.Equal(expected, type);
        }
    }

    [Fact]
    public void Coercion_keeps_information_or_refuses()
    {
        Assert.True(DataTypeInference.TryCoerce(2.0, DataType.Double, DataType.Bigint, out var two));
        Assert.Equal(2L, two);
        Assert.False(DataTypeInference.TryCoerce(2.5, DataType.Double, DataType.Bigint, out _));
        Assert.True(DataTypeInference.TryCoerce("42", DataType.Text, DataType.Bigint, out var parsed));
        Assert.Equal(42L, parsed);
        Assert.True(DataTypeInference.TryCoerce(3L, DataType.Bigint, DataType.Double, out var three));
        Assert.Equal(3.0, three);
        Assert.True(DataTypeInference.TryCoerce(3L, DataType.Bigint, DataType.Text, out var text));
        Assert.Equal("3", text);
        Assert.False(DataTypeInference.TryCoerce("abc", DataType.Text, DataType.Bigint, out _));
        Assert.True(DataTypeInference.TryCoerce("true", DataType.Text, DataType.Bool, out var flag));
        Assert.Equal(true, flag);
    }
}
