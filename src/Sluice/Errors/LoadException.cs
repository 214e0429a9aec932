namespace Sluice.Errors;

/// <summary>
/// A pipeline stage (extract, normalize, load) could not finish. <see cref="IsTransient"/> is true when rerunning the
/// pipeline unchanged may succeed (the package stays on disk and resumes where it stopped).
/// </summary>
public class LoadException : SluiceException
{
    private readonly bool _transient;

    public LoadException(string message, bool isTransient = false, Exception? innerException = null)
        : base(message, innerException) => _transient = isTransient;

    /// <summary>The load package the failure belongs to, when there is one.</summary>
    public string? LoadId { get; init; }

    /// <inheritdoc/>
    public override bool IsTransient => _transient;
}
