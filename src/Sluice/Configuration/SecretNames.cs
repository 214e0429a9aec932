namespace Sluice.Configuration;

/// <summary>Decides whether a key name denotes a secret, whatever file or variable it comes from.</summary>
/// <remarks>
/// A key is secret when its name (compared case-insensitively) ends with one of <see cref="Suffixes"/>, which covers
/// dlt's secret fields (<c>aws_secret_access_key</c>, <c>aws_session_token</c>, <c>password</c>, <c>api_key</c>, ...)
/// and the usual names of tokens and keys in environment variables (<c>GITHUB_TOKEN</c>, <c>DB_PASSWORD</c>).
/// <c>aws_access_key_id</c> is an identifier, not a secret, unless it comes from secrets.toml.
/// </remarks>
public static class SecretNames
{
    /// <summary>Name endings that mark a key as secret.</summary>
    public static IReadOnlyList<string> Suffixes { get; } =
    [
        "password", "passwd", "passphrase", "secret", "secret_key", "secret_access_key", "token", "session_token",
        "api_key", "apikey", "private_key", "client_secret", "credentials_json", "connection_string",
    ];

    /// <summary>True when <paramref name="keyName"/> (a key name or the last part of a variable name) is a secret.</summary>
    public static bool IsSecret(string keyName)
    {
        ArgumentNullException.ThrowIfNull(keyName);
        foreach (var suffix in Suffixes)
        {
            if (keyName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
