using Sluice.Naming;

namespace Sluice.Tests.Load;

public sealed class NamingTests
{
    [Theory]
    [InlineData("userId", "user_id")]
    [InlineData("UserID", "user_id")]
    [InlineData("HTTPServer", "http_server")]
    [InlineData("already_snake", "already_snake")]
    [InlineData("with space-and.dots", "with_space_and_dots")]
    [InlineData("a__b", "a_b")]
    [InlineData("trailing_", "trailingx")]
    [InlineData("1st", "_1st")]
    [InlineData("", "_empty")]
    [InlineData("Ünïcode", "_n_code")]
    [InlineData("version2Name", "version2_name")]
    public void Fragments_become_snake_case(string source, string expected) =>
        Assert.Equal(expected, SnakeCaseNaming.NormalizeFragment(source));

    [Fact]
    public void Fragments_never_contain_the_path_separator()
    {
        foreach (var name in new[] { "a__b", "a___b", "_a_", "__", "x-_-y" })
        {
            Assert.DoesNotContain("__", SnakeCaseNaming.NormalizeFragment(name), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Long_names_are_shortened_deterministically_and_stay_distinct()
    {
        var a = new string('a', 300) + "x";
        var b = new string('a', 300) + "y";
        var shortA = SnakeCaseNaming.NormalizeFragment(a);
        Assert.Equal(SnakeCaseNaming.MaxLength, shortA.Length);
        Assert.Equal(shortA, SnakeCaseNaming.NormalizeFragment(a));
        Assert.NotEqual(shortA, SnakeCaseNaming.NormalizeFragment(b));
        Assert.EndsWith("x", shortA, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_join_with_double_underscore() =>
        Assert.Equal("orders__items", SnakeCaseNaming.JoinPath("orders", "items"));
}
