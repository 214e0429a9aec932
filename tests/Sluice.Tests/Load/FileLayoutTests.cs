using Sluice.Errors;
using Sluice.Load;

namespace Sluice.Tests.Load;

public sealed class FileLayoutTests
{
    [Theory]
    [InlineData("{table_name}/{load_id}.{file_id}.{ext}")]
    [InlineData("{table_name}/{load_id}/{file_id}.{ext}")]
    [InlineData("{table_name}/{YYYY}/{MM}/{file_id}.{ext}")]
    public void Valid_layouts_parse(string layout) => Assert.Equal(layout, FileLayout.Parse(layout).Text);

    [Theory]
    [InlineData("{schema_name}/{table_name}/{load_id}.{file_id}.{ext}", "must start with '{table_name}'")]
    [InlineData("{table_name}_{load_id}.{file_id}.{ext}", "must be followed by '/'")]
    [InlineData("{table_name}/{load_id}.{ext}", "'{file_id}' must appear")]
    [InlineData("{table_name}/{nope}/{file_id}.{ext}", "'{nope}' is unknown")]
    public void Invalid_layouts_say_which_rule_failed(string layout, string why)
    {
        var error = Assert.Throws<ConfigurationException>(() => FileLayout.Parse(layout));
        Assert.Contains("'" + layout + "'", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_uses_the_package_time()
    {
        var time = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        Assert.Equal("2024/05/q2/1.abc.parquet", FileLayout.Parse("{table_name}/{YYYY}/{MM}/q{Q}/{load_id}.{file_id}.{ext}").Render("s", "t", "1", "abc", "parquet", time, time));
        Assert.Equal("1.abc.parquet", FileLayout.Parse(null).Render("s", "t", "1", "abc", "parquet", time, time));
    }
}
