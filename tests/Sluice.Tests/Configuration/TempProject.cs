namespace Sluice.Tests.Configuration;

/// <summary>A project folder in the temp directory with a <c>.sluice</c> sub-folder; deleted on dispose.</summary>
internal sealed class TempProject : IDisposable
{
    public TempProject()
    {
        Root = Path.Combine(Path.GetTempPath(), "sluice-config-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, ".sluice"));
    }

    public string Root { get; }

    public string ConfigPath => Path.Combine(Root, ".sluice", "config.toml");

    public string SecretsPath => Path.Combine(Root, ".sluice", "secrets.toml");

    public TempProject Config(string toml)
    {
        File.WriteAllText(ConfigPath, toml);
        return this;
    }

    public TempProject Secrets(string toml)
    {
        File.WriteAllText(SecretsPath, toml);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
