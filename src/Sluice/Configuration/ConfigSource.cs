namespace Sluice.Configuration;

/// <summary>Where a configuration value came from, in precedence order: earlier members win.</summary>
public enum ConfigSource
{
    /// <summary>An environment variable such as <c>DESTINATION__ATHENA__REGION_NAME</c>.</summary>
    Environment,

    /// <summary><c>.sluice/secrets.toml</c>: every value from it is treated as a secret.</summary>
    SecretsToml,

    /// <summary><c>.sluice/config.toml</c>: never consulted for secret keys.</summary>
    ConfigToml,
}
