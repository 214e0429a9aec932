namespace Sluice.Errors;

/// <summary>
/// Data does not fit the schema Sluice can build or load: two source names that normalise to one name, a NULL in a
/// key column, a type Athena cannot store. Never transient: the data or the resource hints must change.
/// </summary>
public class SchemaException : SluiceException
{
    public SchemaException(string message)
        : base(message)
    {
    }

    public SchemaException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The table the problem is in, when there is one.</summary>
    public string? Table { get; init; }

    /// <inheritdoc/>
    public override bool IsTransient => false;
}
