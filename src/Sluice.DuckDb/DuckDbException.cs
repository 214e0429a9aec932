using System.Globalization;

namespace Sluice.DuckDb;

/// <summary>
/// A failure reported by DuckDB. <see cref="Exception.Message"/> is DuckDB's own message (for example
/// <c>Catalog Error: Table with name t does not exist!</c>); <see cref="ErrorType"/> is its category.
/// </summary>
public sealed class DuckDbException : Exception
{
    public DuckDbException(string message, DuckDbErrorType errorType)
        : base(message) => ErrorType = errorType;

    public DuckDbException(string message, DuckDbErrorType errorType, Exception? inner)
        : base(message, inner) => ErrorType = errorType;

    public DuckDbException()
        : this("DuckDB failed.", DuckDbErrorType.Invalid)
    {
    }

    public DuckDbException(string message)
        : this(message, FromMessage(message))
    {
    }

    public DuckDbException(string message, Exception inner)
        : this(message, FromMessage(message), inner)
    {
    }

    /// <summary>DuckDB's error category.</summary>
    public DuckDbErrorType ErrorType { get; }

    /// <summary>
    /// Infers the category from DuckDB's message prefix (<c>"Parser Error: ..."</c>), for the calls whose C API
    /// returns only a message (prepare, extract, pending).
    /// </summary>
    public static DuckDbErrorType FromMessage(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return DuckDbErrorType.Invalid;
        }

        var end = message.IndexOf(" Error:", StringComparison.Ordinal);
        if (end <= 0)
        {
            return DuckDbErrorType.Invalid;
        }

        var prefix = message[..end].Replace(" ", string.Empty, StringComparison.Ordinal);
        return prefix.ToUpperInvariant() switch
        {
            "OUTOFRANGE" => DuckDbErrorType.OutOfRange,
            "CONVERSION" => DuckDbErrorType.Conversion,
            "UNKNOWNTYPE" => DuckDbErrorType.UnknownType,
            "DECIMAL" => DuckDbErrorType.Decimal,
            "MISMATCHTYPE" => DuckDbErrorType.MismatchType,
            "DIVIDEBYZERO" => DuckDbErrorType.DivideByZero,
            "OBJECTSIZE" => DuckDbErrorType.ObjectSize,
            "INVALIDTYPE" => DuckDbErrorType.InvalidType,
            "SERIALIZATION" => DuckDbErrorType.Serialization,
            "TRANSACTIONCONTEXT" or "TRANSACTION" => DuckDbErrorType.Transaction,
            "NOTIMPLEMENTED" => DuckDbErrorType.NotImplemented,
            "EXPRESSION" => DuckDbErrorType.Expression,
            "CATALOG" => DuckDbErrorType.Catalog,
            "PARSER" => DuckDbErrorType.Parser,
            "PLANNER" => DuckDbErrorType.Planner,
            "SCHEDULER" => DuckDbErrorType.Scheduler,
            "EXECUTOR" => DuckDbErrorType.Executor,
            "CONSTRAINT" => DuckDbErrorType.Constraint,
            "INDEX" => DuckDbErrorType.Index,
            "STAT" => DuckDbErrorType.Stat,
            "CONNECTION" => DuckDbErrorType.Connection,
            "SYNTAX" => DuckDbErrorType.Syntax,
            "SETTINGS" => DuckDbErrorType.Settings,
            "BINDER" => DuckDbErrorType.Binder,
            "NETWORK" => DuckDbErrorType.Network,
            "OPTIMIZER" => DuckDbErrorType.Optimizer,
            "NULLPOINTER" => DuckDbErrorType.NullPointer,
            "IO" => DuckDbErrorType.IO,
            "INTERRUPT" => DuckDbErrorType.Interrupt,
            "FATAL" => DuckDbErrorType.Fatal,
            "INTERNAL" => DuckDbErrorType.Internal,
            "INVALIDINPUT" => DuckDbErrorType.InvalidInput,
            "OUTOFMEMORY" => DuckDbErrorType.OutOfMemory,
            "PERMISSION" => DuckDbErrorType.Permission,
            "PARAMETERNOTRESOLVED" => DuckDbErrorType.ParameterNotResolved,
            "PARAMETERNOTALLOWED" => DuckDbErrorType.ParameterNotAllowed,
            "DEPENDENCY" => DuckDbErrorType.Dependency,
            "HTTP" => DuckDbErrorType.Http,
            "MISSINGEXTENSION" => DuckDbErrorType.MissingExtension,
            "AUTOLOAD" => DuckDbErrorType.Autoload,
            "SEQUENCE" => DuckDbErrorType.Sequence,
            "INVALIDCONFIGURATION" => DuckDbErrorType.InvalidConfiguration,
            _ => DuckDbErrorType.Invalid,
        };
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{nameof(DuckDbException)} ({ErrorType}): {base.ToString()}");
}
