namespace Sluice.Sql;

/// <summary>The error names the statement front end raises, spelled as Athena reports them (athena.md §6).</summary>
public static class SqlErrorNames
{
    /// <summary>Grammar errors, bad identifiers and literals (Athena ErrorType 1006).</summary>
    public const string SyntaxError = "SYNTAX_ERROR";

    /// <summary>Valid syntax that Athena refuses (e.g. <c>CREATE TABLE</c> without <c>EXTERNAL</c>).</summary>
    public const string NotSupported = "NOT_SUPPORTED";

    /// <summary>A CTAS or Iceberg table property that is unknown, badly typed or conflicts with another (ErrorType 1103).</summary>
    public const string InvalidTableProperty = "INVALID_TABLE_PROPERTY";

    /// <summary>A type name that does not exist.</summary>
    public const string TypeNotFound = "TYPE_NOT_FOUND";

    /// <summary>Request-level rejections made before parsing (query length, more than one statement).</summary>
    public const string InvalidRequest = "InvalidRequestException";

    /// <summary>Glue's rejection of a name (longer than 255 characters), which Athena relays for DDL.</summary>
    public const string InvalidInput = "InvalidInputException";
}
