using System.Buffers;
using System.Text;
using System.Text.Json;
using Sluice.Extract;

namespace Sluice.Tests.Load;

/// <summary>Extract copies a JSON object item as it is only when reading it back gives the same values.</summary>
public sealed class RawJsonLineTests
{
    [Theory]
    [InlineData("""{"id": 1, "name": "a", "n": {"x": [1, 2.5, null, true]}}""")]
    [InlineData("""  {"escaped": "line\nbreak \u00e9", "int": -9223372036854775808, "exp": 1e3}  """)]
    [InlineData("""{}""")]
    public void Plain_objects_are_copied_and_read_back_as_the_converter_reads_them(string json)
    {
        var line = new ArrayBufferWriter<byte>();
        Assert.True(RawJsonLine.TryWrite(json, JsonSerializer.SerializeToUtf8Bytes("events"), line));
        var text = Encoding.UTF8.GetString(line.WrittenSpan);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Count(c => c == '\n'));

        var reader = new Utf8JsonReader(line.WrittenSpan[..^1]);
        reader.Read();
        var copied = Assert.IsType<Dictionary<string, object?>>(TypedJson.Read(ref reader));
        Assert.Equal("events", copied["t"]);
        var expected = Assert.Single(ItemConverter.ToRecords(json));
        Assert.Equal(Describe(expected), Describe(copied["i"]));
    }

    /// <summary>Values with their .NET types: a long and a double that print alike must not compare equal.</summary>
    private static string Describe(object? value) => value switch
    {
        null => "null",
        Dictionary<string, object?> d => "{" + string.Join(",", d.Select(p => p.Key + ":" + Describe(p.Value))) + "}",
        List<object?> l => "[" + string.Join(",", l.Select(Describe)) + "]",
        IFormattable f => value.GetType().Name + ":" + f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.GetType().Name + ":" + value,
    };

    [Theory]
    [InlineData("""[{"id": 1}]""")] // a batch
    [InlineData("""42""")]
    [InlineData("""null""")]
    [InlineData("""{"id": 1""")] // invalid: the general path reports it
    [InlineData("""{"id": 1} {"id": 2}""")]
    [InlineData("{\"id\": 1,\n \"b\": 2}")] // a line break would split the package line
    [InlineData("{\"s\": \"\uE000tagged\"}")]
    [InlineData("""{"s": "\uE000tagged"}""")]
    [InlineData("""{"s": "\ue000tagged"}""")]
    [InlineData("""{"big": 123456789012345678901234567890}""")]
    [InlineData("""{"huge": 1e400}""")]
    [InlineData("""{"id": 1, /* comment */ "b": 2}""")]
    public void Anything_else_takes_the_general_path(string json)
    {
        var line = new ArrayBufferWriter<byte>();
        Assert.False(RawJsonLine.TryWrite(json, JsonSerializer.SerializeToUtf8Bytes("events"), line));
        Assert.Equal(0, line.WrittenCount);
    }
}
