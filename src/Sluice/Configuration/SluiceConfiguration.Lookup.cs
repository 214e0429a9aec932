using System.Text;
using Sluice.Configuration.Toml;
using Sluice.Errors;

namespace Sluice.Configuration;

public sealed partial class SluiceConfiguration
{
    /// <summary>
    /// Finds a value, or returns null when no provider has it. <paramref name="alternatives"/> are other spellings
    /// of the same setting (dlt and older dlt names, e.g. <c>athena_work_group</c> and <c>workgroup</c>); within each
    /// provider the key comes before its alternatives, so a higher-precedence provider always wins.
    /// </summary>
    /// <exception cref="ConfigurationException">A secret key was found in config.toml.</exception>
    public ConfigValue? Find(ConfigKey key, params ConfigKey[] alternatives)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Search([key, .. alternatives], tried: null);
    }

    /// <summary>Finds a value by dotted path (<c>destination.athena.query_result_bucket</c>), or null.</summary>
    public ConfigValue? Find(string dottedPath) => Find(ConfigKey.Parse(dottedPath));

    /// <summary>Finds a value or raises the error that lists every place looked in.</summary>
    /// <exception cref="ConfigurationException">No provider has the value, or a secret was found in config.toml.</exception>
    public ConfigValue Require(ConfigKey key, params ConfigKey[] alternatives)
    {
        ArgumentNullException.ThrowIfNull(key);
        ConfigKey[] keys = [key, .. alternatives];
        var tried = new List<string>();
        return Search(keys, tried) ?? throw MissingValue(keys, tried);
    }

    /// <summary>Every place a lookup of <paramref name="key"/> searches, in order (for documentation and errors).</summary>
    public IReadOnlyList<string> PlacesSearched(ConfigKey key, params ConfigKey[] alternatives)
    {
        ArgumentNullException.ThrowIfNull(key);
        var tried = new List<string>();
        Search([key, .. alternatives], tried, stopAtFirst: false);
        return tried;
    }

    private IEnumerable<string[]> Prefixes() =>
        PipelineName is { Length: > 0 } name ? [[name], []] : [[]];

    private ConfigValue? Search(ConfigKey[] keys, List<string>? tried, bool stopAtFirst = true)
    {
        foreach (var prefix in Prefixes())
        {
            foreach (var source in (ConfigSource[])[ConfigSource.Environment, ConfigSource.SecretsToml, ConfigSource.ConfigToml])
            {
                foreach (var key in keys)
                {
                    var isSecretKey = SecretNames.IsSecret(key.Name);
                    foreach (var relative in key.FallbackPaths())
                    {
                        string[] path = [.. prefix, .. relative];
                        var found = source switch
                        {
                            ConfigSource.Environment => FromEnvironment(path, tried),
                            ConfigSource.SecretsToml => FromToml(_secrets, SecretsPath, ConfigSource.SecretsToml, path, tried),
                            _ => isSecretKey ? RefuseSecretInConfig(key, path) : FromToml(_config, ConfigPath, ConfigSource.ConfigToml, path, tried),
                        };
                        if (found is not null && stopAtFirst)
                        {
                            return found;
                        }
                    }
                }
            }
        }

        return null;
    }

    private ConfigValue? FromEnvironment(string[] path, List<string>? tried)
    {
        var name = ConfigKey.EnvironmentVariableName(path);
        var location = $"environment variable {name}";
        tried?.Add(location);
        if (!_environment.TryGetValue(name, out var value))
        {
            return null;
        }

        var secret = SecretNames.IsSecret(path[^1]);
        if (secret)
        {
            Redactor.Add(value);
        }

        return new ConfigValue(value, path, ConfigSource.Environment, location, secret);
    }

    private static ConfigValue? FromToml(TomlTable? root, string file, ConfigSource source, string[] path, List<string>? tried)
    {
        var dotted = string.Join('.', path);
        var location = $"{file}: {dotted}";
        tried?.Add(root is null ? $"{location} (file does not exist)" : location);
        var value = Navigate(root, path);
        if (value is null)
        {
            return null;
        }

        var secret = source == ConfigSource.SecretsToml || SecretNames.IsSecret(path[^1]);
        return new ConfigValue(value, path, source, location, secret);
    }

    private static object? Navigate(TomlTable? root, string[] path)
    {
        object? current = root;
        foreach (var part in path)
        {
            if (current is not TomlTable table || !table.TryGetValue(part, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>dlt never reads secrets from config.toml; Sluice says so loudly instead of ignoring the value.</summary>
    private ConfigValue? RefuseSecretInConfig(ConfigKey key, string[] path)
    {
        if (Navigate(_config, path) is null)
        {
            return null;
        }

        var dotted = string.Join('.', path);
        throw new ConfigurationException(
            $"The secret '{dotted}' is set in {ConfigPath}, which holds non-secret settings and is usually committed to version control; "
            + $"secrets are read only from {SecretsPath} and environment variables. "
            + $"Fix: move it to {SecretsPath} under [{string.Join('.', path[..^1])}] (as {path[^1]} = \"...\"), "
            + $"or set the environment variable {ConfigKey.EnvironmentVariableName(path)}; then remove it from {ConfigPath} and rotate it if that file was shared. "
            + $"(Looking up '{key}'.)");
    }

    private ConfigurationException MissingValue(ConfigKey[] keys, List<string> tried)
    {
        var key = keys[0];
        var secret = SecretNames.IsSecret(key.Name);
        var sb = new StringBuilder();
        sb.Append("Missing required configuration value '").Append(key).Append('\'');
        if (keys.Length > 1)
        {
            sb.Append(" (also accepted: ").AppendJoin(", ", keys.Skip(1).Select(k => $"'{k}'")).Append(')');
        }

        sb.AppendLine(".").AppendLine("Looked in, in this order:");
        foreach (var place in tried)
        {
            sb.Append("  - ").AppendLine(place);
        }

        if (secret)
        {
            sb.Append("  (").Append(ConfigPath).AppendLine(" is not searched: it never holds secrets.)");
        }

        var file = secret ? SecretsPath : ConfigPath;
        sb.Append("Fix: add to ").Append(file).AppendLine(":");
        if (key.Sections.Count > 0)
        {
            sb.Append("  [").AppendJoin('.', key.Sections).AppendLine("]");
        }

        sb.Append("  ").Append(key.Name).AppendLine(" = \"...\"");
        sb.Append("or set the environment variable ").Append(key.EnvironmentVariableName()).Append('.');
        return new ConfigurationException(Redactor.Redact(sb.ToString()), key.ToString(), tried);
    }
}
