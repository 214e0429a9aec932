namespace Sluice.Errors;

/// <summary>
/// The root of every error Sluice raises on purpose. Subclasses name the phase that failed
/// (configuration, schema, compile, load, engine).
/// </summary>
/// <remarks>
/// A message says what failed (quoting the value, unless it is a secret), why, and the exact fix.
/// Callers decide whether to retry from <see cref="IsTransient"/> alone, never from the message text.
/// </remarks>
public abstract class SluiceException : Exception
{
    protected SluiceException(string message)
        : base(message)
    {
    }

    protected SluiceException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// True when the same operation may succeed if it is run again unchanged (throttling, a lost connection);
    /// false when something must be fixed first.
    /// </summary>
    public abstract bool IsTransient { get; }
}
