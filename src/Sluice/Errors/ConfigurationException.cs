namespace Sluice.Errors;

/// <summary>
/// A configuration value is missing, malformed or in the wrong place, or a configuration file cannot be read.
/// Never transient: the configuration must be changed before the run can succeed.
/// </summary>
/// <remarks>
/// Messages never contain secret values. A message about a missing value lists every place that was
/// looked in, in lookup order, followed by the fix.
/// </remarks>
public class ConfigurationException : SluiceException
{
    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the error for a missing value, keeping the key and the places searched for tools to show.</summary>
    public ConfigurationException(string message, string key, IReadOnlyList<string> placesSearched)
        : base(message)
    {
        Key = key;
        PlacesSearched = placesSearched;
    }

    /// <summary>The dotted key that was missing, when the error is about a missing value.</summary>
    public string? Key { get; }

    /// <summary>Every place that was looked in, in lookup order; empty unless the error is about a missing value.</summary>
    public IReadOnlyList<string> PlacesSearched { get; } = [];

    /// <inheritdoc/>
    public override bool IsTransient => false;
}
