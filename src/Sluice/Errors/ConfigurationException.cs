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

    /// <inheritdoc/>
    public override bool IsTransient => false;
}
