using Sluice.Errors;

namespace Sluice.Engines;

/// <summary>
/// A statement failed in the engine. <see cref="ErrorName"/> is Athena's (<c>TABLE_NOT_FOUND</c>, <c>SYNTAX_ERROR</c>,
/// ...) and the message has Athena's shape (<c>line 1:15: Table 'awsdatacatalog.db.t' does not exist</c>).
/// Remote failures carry the query execution id. Classify on <see cref="ErrorName"/>, never on the text.
/// </summary>
public sealed class EngineException : SluiceException
{
    public EngineException(string errorName, string message, Exception? innerException = null)
        : base(message, innerException) => ErrorName = errorName;

    /// <summary>Athena's error name, e.g. <c>HIVE_PATH_ALREADY_EXISTS</c>.</summary>
    public string ErrorName { get; }

    /// <summary>The query execution id, when the statement got one.</summary>
    public string? QueryExecutionId { get; init; }

    /// <summary>Athena's error category: 1 system, 2 user, 3 other.</summary>
    public int ErrorCategory { get; init; } = 2;

    public bool Retryable { get; init; }

    public override bool IsTransient => Retryable;

    /// <summary>The message as Athena's StateChangeReason shows it: <c>NAME: message</c>.</summary>
    public string StateChangeReason => ErrorName + ": " + Message;
}
