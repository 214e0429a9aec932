namespace Sluice.Configuration;

/// <summary>A configuration value that was found, with where it was found.</summary>
/// <remarks><see cref="ToString"/> never reveals a secret value.</remarks>
public sealed class ConfigValue
{
    internal ConfigValue(object value, string[] path, ConfigSource source, string location, bool isSecret)
    {
        Value = value;
        Path = path;
        Source = source;
        Location = location;
        IsSecret = isSecret;
    }

    /// <summary>
    /// The raw value: a <see cref="string"/> from the environment; from TOML any type a
    /// <see cref="Toml.TomlTable"/> holds.
    /// </summary>
    public object Value { get; }

    /// <summary>The path the value was found under (after fallback and any pipeline-name prefix).</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>The provider that supplied the value.</summary>
    public ConfigSource Source { get; }

    /// <summary>Human-readable place, e.g. <c>/p/.sluice/config.toml: destination.athena.region_name</c> or <c>environment variable X</c>.</summary>
    public string Location { get; }

    /// <summary>True when the value came from secrets.toml or its key is named like a secret.</summary>
    public bool IsSecret { get; }

    /// <summary>The location and the value, or <c>***</c> for secrets.</summary>
    public override string ToString() => $"{string.Join('.', Path)} = {(IsSecret ? Redactor.Mask : ConfigValueFormatter.Format(Value))} ({Location})";
}
