using Sluice.Templating;

namespace Sluice.Tests.Templating;

public sealed class FileSystemTemplateLoaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sluice-templating-" + Guid.NewGuid().ToString("N"));

    public FileSystemTemplateLoaderTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "macros"));
        File.WriteAllText(Path.Combine(_root, "macros", "util.sql"), "{% macro q(x) %}\"{{ x }}\"{% endmacro %}");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(_root)!, Path.GetFileName(_root) + "-outside.sql"), "secret");
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        File.Delete(Path.Combine(Path.GetDirectoryName(_root)!, Path.GetFileName(_root) + "-outside.sql"));
    }

    [Fact]
    public void Loads_templates_by_relative_name()
    {
        var env = new JinjaEnvironment(new FileSystemTemplateLoader(_root));
        Assert.Equal("\"id\"", env.Parse("m", "{% from 'macros/util.sql' import q %}{{ q('id') }}").Render());
    }

    [Fact]
    public void Names_outside_the_root_are_not_found()
    {
        var loader = new FileSystemTemplateLoader(_root);
        Assert.Null(loader.Load("../" + Path.GetFileName(_root) + "-outside.sql"));
        Assert.Null(loader.Load(Path.Combine(_root, "macros", "util.sql")));
        Assert.Null(loader.Load("macros/missing.sql"));
        Assert.NotNull(loader.Load("macros/util.sql"));
    }
}
