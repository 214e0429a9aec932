using Sluice.Configuration.Toml;

namespace Sluice.Tests.Configuration.Toml;

/// <summary>Helpers shared by the TOML tests.</summary>
internal static class TomlAssert
{
    public static TomlTable Parse(string document) => TomlReader.Parse(document, "test.toml");

    /// <summary>Asserts the document is rejected, at the given line, with a reason containing each fragment.</summary>
    public static TomlException Invalid(string document, int line, params string[] fragments)
    {
        var ex = Assert.Throws<TomlException>(() => TomlReader.Parse(document, "test.toml"));
        Assert.True(line == ex.Line, $"Expected the error on line {line} but it was on line {ex.Line}: {ex.Message}");
        foreach (var fragment in fragments)
        {
            Assert.True(ex.Reason.Contains(fragment, StringComparison.Ordinal), $"Expected '{fragment}' in: {ex.Reason}");
        }

        Assert.StartsWith($"test.toml:{ex.Line}:{ex.Column}: ", ex.Message, StringComparison.Ordinal);
        return ex;
    }

    public static TomlTable Table(TomlTable parent, params string[] path)
    {
        var table = parent;
        foreach (var key in path)
        {
            table = Assert.IsType<TomlTable>(table[key]);
        }

        return table;
    }

    public static void Keys(TomlTable table, params string[] keys) => Assert.Equal(keys, table.Keys.ToArray());

    public static void OffsetDateTime(object actual, DateTimeOffset expected)
    {
        var value = Assert.IsType<DateTimeOffset>(actual);
        Assert.Equal(expected, value);
        Assert.Equal(expected.Offset, value.Offset);
        Assert.Equal(expected.Ticks, value.Ticks);
    }
}
