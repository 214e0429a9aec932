namespace Sluice.Sql;

/// <summary>
/// A statement that Athena would reject, with Athena's error name and the 1-based position Athena reports.
/// </summary>
/// <remarks>
/// <para><see cref="Exception.Message"/> is shaped like the text after the error name in Athena's
/// <c>StateChangeReason</c>: <c>line 1:8: mismatched input 'x'. Expecting: ...</c>; <see cref="StateChangeReason"/>
/// adds the name in front (<c>SYNTAX_ERROR: line 1:8: ...</c>).</para>
/// <para>Self-contained on purpose: it derives from <see cref="Exception"/> so it can be re-parented under the Sluice
/// exception root without changing its members. Parse errors are never transient.</para>
/// </remarks>
public class SqlException : Sluice.Errors.SluiceException
{
    /// <summary>Creates an error at a position; <paramref name="line"/> 0 means "no position".</summary>
    public SqlException(string errorName, string detail, int line, int column)
        : base(Format(detail, line, column))
    {
        ErrorName = errorName;
        Detail = detail;
        Line = line;
        Column = column;
    }

    /// <summary>Creates an error without a position (Athena reports some errors, e.g. request limits, without one).</summary>
    public SqlException(string errorName, string detail)
        : this(errorName, detail, 0, 0)
    {
    }

    /// <summary>Athena's error name, one of <see cref="SqlErrorNames"/>.</summary>
    public string ErrorName { get; }

    /// <summary>The message without the <c>line L:C: </c> prefix.</summary>
    public string Detail { get; }

    /// <summary>1-based line, 0 when the error has no position.</summary>
    public int Line { get; }

    /// <summary>1-based column in code points (as Trino's ANTLR lexer counts), 0 when the error has no position.</summary>
    public int Column { get; }

    /// <summary>Always false: the same text fails the same way every time.</summary>
    public override bool IsTransient => false;

    /// <summary>The text Athena puts in <c>Status.StateChangeReason</c>: <c>NAME: line L:C: detail</c>.</summary>
    public string StateChangeReason => ErrorName + ": " + Message;

    private static string Format(string detail, int line, int column) =>
        line > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {line}:{column}: {detail}") : detail;
}
