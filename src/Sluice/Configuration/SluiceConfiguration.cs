using System.Collections;
using Sluice.Configuration.Toml;
using Sluice.Errors;

namespace Sluice.Configuration;

/// <summary>
/// Sluice's configuration, in dlt's layout: <c>&lt;project&gt;/.sluice/config.toml</c>,
/// <c>&lt;project&gt;/.sluice/secrets.toml</c> (both optional) and environment variables named after the section path
/// (<c>DESTINATION__ATHENA__CREDENTIALS__AWS_ACCESS_KEY_ID</c>).
/// </summary>
/// <remarks>
/// <para>
/// Precedence follows dlt: for each lookup, environment variables are searched first, then secrets.toml, then
/// config.toml; within each provider the most specific section comes first, then explicit sections are dropped from
/// the end toward the root (see <see cref="ConfigKey"/>). With a <see cref="PipelineName"/>, keys prefixed by the
/// pipeline name are searched before all of that.
/// </para>
/// <para>
/// Secrets: every value in secrets.toml, and every value whose key is named like a secret
/// (<see cref="SecretNames"/>), is secret. Secret keys are never read from config.toml; finding one there is an
/// error. Every known secret is registered with <see cref="Redactor"/> when the configuration is loaded, and
/// <see cref="ToString"/>, <see cref="Dump"/> and every exception message never contain a secret value.
/// </para>
/// <para>The files are read once, at <see cref="Load"/>; the instance is immutable and thread-safe afterwards.</para>
/// </remarks>
public sealed partial class SluiceConfiguration
{
    /// <summary>The folder, inside the project, that holds the configuration files.</summary>
    public const string FolderName = ".sluice";

    private readonly TomlTable? _config;
    private readonly TomlTable? _secrets;
    private readonly IReadOnlyDictionary<string, string> _environment;

    private SluiceConfiguration(
        string projectDirectory,
        TomlTable? config,
        TomlTable? secrets,
        IReadOnlyDictionary<string, string> environment,
        string? pipelineName)
    {
        ProjectDirectory = projectDirectory;
        ConfigPath = Path.Combine(projectDirectory, FolderName, "config.toml");
        SecretsPath = Path.Combine(projectDirectory, FolderName, "secrets.toml");
        _config = config;
        _secrets = secrets;
        _environment = environment;
        PipelineName = pipelineName;
        RegisterSecrets();
    }

    /// <summary>The project folder the files were read from.</summary>
    public string ProjectDirectory { get; }

    /// <summary>Path of config.toml (which may not exist).</summary>
    public string ConfigPath { get; }

    /// <summary>Path of secrets.toml (which may not exist).</summary>
    public string SecretsPath { get; }

    /// <summary>When set, keys under a top-level section of this name are searched first (dlt's pipeline-scoped config).</summary>
    public string? PipelineName { get; }

    /// <summary>Knows every secret value of this configuration; apply it to every log line, error and written file.</summary>
    public Redactor Redactor { get; } = new();

    /// <summary>True when config.toml exists.</summary>
    public bool HasConfigFile => _config is not null;

    /// <summary>True when secrets.toml exists.</summary>
    public bool HasSecretsFile => _secrets is not null;

    /// <summary>Loads the configuration of a project.</summary>
    /// <param name="projectDirectory">The project folder; its <c>.sluice</c> sub-folder holds the files.</param>
    /// <param name="environment">
    /// The environment variables to use; null reads the process environment once, now. Tests pass their own
    /// dictionary so they never touch the process environment.
    /// </param>
    /// <param name="pipelineName">Optional pipeline name for pipeline-scoped lookups.</param>
    /// <exception cref="ConfigurationException">A file exists but cannot be read or is not valid TOML (then a <see cref="TomlException"/>).</exception>
    public static SluiceConfiguration Load(
        string projectDirectory,
        IReadOnlyDictionary<string, string>? environment = null,
        string? pipelineName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(projectDirectory);
        var root = Path.GetFullPath(projectDirectory);
        var folder = Path.Combine(root, FolderName);
        var config = ReadOptional(Path.Combine(folder, "config.toml"), sensitive: false);
        var secrets = ReadOptional(Path.Combine(folder, "secrets.toml"), sensitive: true);
        return new SluiceConfiguration(root, config, secrets, environment ?? ReadProcessEnvironment(), pipelineName);
    }

    /// <summary>A summary without any value: the project, the files and their key counts.</summary>
    public override string ToString() =>
        $"SluiceConfiguration {{ project = {ProjectDirectory}, config.toml = {Describe(_config)}, secrets.toml = {Describe(_secrets)}, pipeline = {PipelineName ?? "(none)"} }}";

    private static string Describe(TomlTable? table) => table is null ? "missing" : $"{Leaves(table, []).Count()} keys";

    private static TomlTable? ReadOptional(string path, bool sensitive)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return TomlReader.ReadFile(path, sensitive);
        }
        catch (IOException ex)
        {
            throw new ConfigurationException($"Cannot read the configuration file {path}: {ex.Message} Check that the file is readable by the user running Sluice.", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ConfigurationException($"Cannot read the configuration file {path}: access denied. Give the user running Sluice read permission on it.", ex);
        }
    }

    private static Dictionary<string, string> ReadProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                result[name] = value;
            }
        }

        return result;
    }

    /// <summary>Every leaf (non-table value) of a table with its full path; arrays are leaves.</summary>
    private static IEnumerable<(string[] Path, object Value)> Leaves(TomlTable table, string[] prefix)
    {
        foreach (var (key, value) in table)
        {
            string[] path = [.. prefix, key];
            if (value is TomlTable sub)
            {
                foreach (var leaf in Leaves(sub, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return (path, value);
            }
        }
    }

    /// <summary>Every scalar inside a value, descending into arrays and tables.</summary>
    private static IEnumerable<object> Scalars(object value)
    {
        switch (value)
        {
            case TomlArray array:
                foreach (var item in array.SelectMany(Scalars))
                {
                    yield return item;
                }

                break;
            case TomlTable table:
                foreach (var item in table.Values.SelectMany(Scalars))
                {
                    yield return item;
                }

                break;
            default:
                yield return value;
                break;
        }
    }

    private void RegisterSecrets()
    {
        // secrets.toml: every string is secret. Numbers and booleans only under secret names: a port or a flag in
        // secrets.toml is not worth masking in every log line.
        if (_secrets is not null)
        {
            foreach (var (path, value) in Leaves(_secrets, []))
            {
                var secretName = SecretNames.IsSecret(path[^1]);
                foreach (var scalar in Scalars(value))
                {
                    if (scalar is string || secretName)
                    {
                        Redactor.Add(ConfigValueFormatter.ScalarText(scalar));
                    }
                }
            }
        }

        // A secret misplaced in config.toml is refused at lookup, but must not leak meanwhile.
        if (_config is not null)
        {
            foreach (var (path, value) in Leaves(_config, []))
            {
                if (SecretNames.IsSecret(path[^1]))
                {
                    foreach (var scalar in Scalars(value))
                    {
                        Redactor.Add(ConfigValueFormatter.ScalarText(scalar));
                    }
                }
            }
        }

        foreach (var (name, value) in _environment)
        {
            if (SecretNames.IsSecret(LastSegment(name)))
            {
                Redactor.Add(value);
            }
        }
    }

    private static string LastSegment(string variableName)
    {
        var index = variableName.LastIndexOf("__", StringComparison.Ordinal);
        return index < 0 ? variableName : variableName[(index + 2)..];
    }
}
