namespace Sluice.Configuration;

/// <summary>
/// The address of one configuration value: a section path (<c>destination.athena.credentials</c>) and a key name
/// (<c>aws_secret_access_key</c>), in dlt's spelling.
/// </summary>
/// <remarks>
/// <para>
/// Sections split into explicit sections (<c>destination</c>, <c>athena</c>) and trailing embedded sections
/// (<c>credentials</c>): the sections of a nested configuration object. A lookup falls back by dropping explicit
/// sections from the end, one at a time, always keeping the embedded ones, exactly as dlt does:
/// <c>destination.athena.credentials.password</c>, then <c>destination.credentials.password</c>, then
/// <c>credentials.password</c>. By default a trailing <c>credentials</c> section is embedded and every other
/// section is explicit.
/// </para>
/// </remarks>
public sealed class ConfigKey : IEquatable<ConfigKey>
{
    private readonly string[] _sections;

    /// <summary>Creates a key.</summary>
    /// <param name="sections">The section path from the root, e.g. <c>["destination", "athena"]</c>.</param>
    /// <param name="name">The key name, e.g. <c>query_result_bucket</c>.</param>
    /// <param name="embeddedSectionCount">
    /// How many trailing sections are embedded (kept during fallback). Null: 1 when the last section is
    /// <c>credentials</c>, otherwise 0.
    /// </param>
    public ConfigKey(IEnumerable<string> sections, string name, int? embeddedSectionCount = null)
    {
        ArgumentNullException.ThrowIfNull(sections);
        _sections = [.. sections];
        Name = name;
        foreach (var part in _sections.Append(name))
        {
            if (string.IsNullOrWhiteSpace(part) || part.Contains('.', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Configuration key parts must be non-empty and contain no '.', got '{string.Join('.', _sections.Append(name))}'.", nameof(sections));
            }
        }

        EmbeddedSectionCount = embeddedSectionCount
            ?? (_sections.Length > 0 && _sections[^1].Equals("credentials", StringComparison.Ordinal) ? 1 : 0);
        if (EmbeddedSectionCount < 0 || EmbeddedSectionCount > _sections.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(embeddedSectionCount), "The embedded section count must be between 0 and the number of sections.");
        }
    }

    /// <summary>The section path from the root.</summary>
    public IReadOnlyList<string> Sections => _sections;

    /// <summary>The key name within the innermost section.</summary>
    public string Name { get; }

    /// <summary>How many trailing sections are kept while falling back toward the root.</summary>
    public int EmbeddedSectionCount { get; }

    /// <summary>
    /// Parses a dotted path whose last part is the key name: <c>destination.athena.credentials.region_name</c>.
    /// </summary>
    public static ConfigKey Parse(string dottedPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dottedPath);
        var parts = dottedPath.Split('.');
        return new ConfigKey(parts[..^1], parts[^1]);
    }

    /// <summary>Creates a key from a dotted section path (may be empty for the root) and a key name.</summary>
    public static ConfigKey Of(string sectionPath, string name)
    {
        ArgumentNullException.ThrowIfNull(sectionPath);
        return new ConfigKey(sectionPath.Length == 0 ? [] : sectionPath.Split('.'), name);
    }

    /// <summary>
    /// The keys tried for this key, most specific first: explicit sections are dropped from the end one at a time,
    /// embedded sections are kept. Each is a full path from the root (without any pipeline-name prefix).
    /// </summary>
    public IEnumerable<string[]> FallbackPaths()
    {
        var explicitCount = _sections.Length - EmbeddedSectionCount;
        var embedded = _sections[explicitCount..];
        for (var n = explicitCount; n >= 0; n--)
        {
            yield return [.. _sections[..n], .. embedded, Name];
        }
    }

    /// <summary>dlt's environment variable name for a path: parts upper-cased (invariant) and joined by <c>__</c>.</summary>
    public static string EnvironmentVariableName(IEnumerable<string> path) =>
        string.Join("__", path).ToUpperInvariant();

    /// <summary>The environment variable for this exact key, e.g. <c>DESTINATION__ATHENA__REGION_NAME</c>.</summary>
    public string EnvironmentVariableName() => EnvironmentVariableName(_sections.Append(Name));

    /// <summary>The dotted section path, empty for the root.</summary>
    public string SectionPath => string.Join('.', _sections);

    /// <summary>The dotted path, e.g. <c>destination.athena.query_result_bucket</c>.</summary>
    public override string ToString() => string.Join('.', _sections.Append(Name));

    public bool Equals(ConfigKey? other) =>
        other is not null && other.Name.Equals(Name, StringComparison.Ordinal)
        && other.EmbeddedSectionCount == EmbeddedSectionCount && other._sections.SequenceEqual(_sections, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ConfigKey);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());
}
