namespace Sluice.Errors;

/// <summary>
/// A transform node failed while it ran (a materialization could not be applied safely, a test query failed).
/// Engine failures are wrapped with the node that caused them; <see cref="SluiceException.IsTransient"/> follows the cause.
/// </summary>
public class TransformException : SluiceException
{
    public TransformException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <inheritdoc/>
    public override bool IsTransient => InnerException is SluiceException { IsTransient: true };
}
