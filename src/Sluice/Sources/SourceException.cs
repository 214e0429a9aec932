using Sluice.Errors;

namespace Sluice.Sources;

/// <summary>
/// A source could not read its data: an HTTP endpoint refused or kept failing, a database query failed, a response
/// did not have the expected shape. Messages name the URL or table but never a token, key or password.
/// </summary>
public sealed class SourceException : SluiceException
{
    private readonly bool _transient;

    public SourceException(string message, bool isTransient = false, Exception? innerException = null)
        : base(message, innerException) => _transient = isTransient;

    /// <summary>The HTTP status of the failing response, when there was one.</summary>
    public int? StatusCode { get; init; }

    /// <inheritdoc/>
    public override bool IsTransient => _transient;
}
