using System.Text.RegularExpressions;
using Sluice.DuckDb;
using Sluice.Engines;

namespace Sluice.Local;

/// <summary>Turns DuckDB's errors into Athena's error names and message shapes (athena.md §6).</summary>
internal static class AthenaErrors
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public static EngineException TableNotFound(string database, string table) =>
        new("TABLE_NOT_FOUND", $"Table 'awsdatacatalog.{database}.{table}' does not exist");

    public static EngineException SchemaNotFound(string database) =>
        new("SCHEMA_NOT_FOUND", $"Schema '{database}' does not exist");

    public static EngineException NotSupported(string message) => new("NOT_SUPPORTED", message);

    /// <param name="e">DuckDB's error.</param>
    /// <param name="context">The statement's context (its default database names missing tables).</param>
    /// <param name="queryId">The statement's id.</param>
    /// <param name="statement">The statement as submitted: DuckDB numbers lines of the SQL it ran (often only the query
    /// inside a CTAS or view), Athena of the whole statement, so the line is found again in this text.</param>
    public static EngineException FromDuckDb(DuckDbException e, Engines.QueryContext context, string queryId, string? statement = null)
    {
        var (line, column) = InStatement(statement, Position(e.Message), Snippet(e.Message));
        var where = line > 0 ? $"line {line}:{column}: " : string.Empty;
        var first = FirstLine(e.Message);
        var (name, message) = e.ErrorType switch
        {
            // The translation layer's own functions raise Athena's error as "NAME: message" (Translation/TrinoScalarFunctions).
            _ when Match(StripPrefix(first), @"^(?:Invalid Input Error: )?((?:DIVISION_BY_ZERO|INVALID_FUNCTION_ARGUMENT|INVALID_CAST_ARGUMENT|NUMERIC_VALUE_OUT_OF_RANGE|NOT_SUPPORTED|FUNCTION_NOT_FOUND): .*)$") is { } own =>
                (own[..own.IndexOf(':', StringComparison.Ordinal)], own[(own.IndexOf(':', StringComparison.Ordinal) + 2)..]),
            DuckDbErrorType.Parser or DuckDbErrorType.Syntax => ("SYNTAX_ERROR", where + StripPrefix(first)),
            DuckDbErrorType.Catalog when Match(first, @"Table with name (\S+) does not exist") is { } t =>
                ("TABLE_NOT_FOUND", $"{where}Table 'awsdatacatalog.{context.Database}.{t}' does not exist"),
            DuckDbErrorType.Catalog when Match(first, @"Schema with name (\S+) does not exist") is { } s =>
                ("SCHEMA_NOT_FOUND", $"{where}Schema '{s}' does not exist"),
            DuckDbErrorType.Catalog when Match(first, @"Function with name (\S+) does not exist") is { } f =>
                ("FUNCTION_NOT_FOUND", $"{where}Function '{f}' not registered"),
            DuckDbErrorType.Binder when Match(first, @"Referenced column ""?([^""\s]+)""? not found") is { } c =>
                ("COLUMN_NOT_FOUND", $"{where}Column '{c}' cannot be resolved or requester is not authorized to access requested resources"),
            DuckDbErrorType.Binder when first.Contains("No function matches", StringComparison.Ordinal) =>
                ("FUNCTION_NOT_FOUND", where + StripPrefix(first)),
            DuckDbErrorType.Binder or DuckDbErrorType.MismatchType => ("TYPE_MISMATCH", where + StripPrefix(first)),
            DuckDbErrorType.Conversion when first.Contains("'DIVISION_BY_ZERO'", StringComparison.Ordinal) => ("DIVISION_BY_ZERO", "Division by zero"),
            // Trino: an integer that does not fit the target integer type is NUMERIC_VALUE_OUT_OF_RANGE, not a cast error.
            DuckDbErrorType.Conversion when Match(first, @"out of range for the destination type (INT\d+)") is not null =>
                ("NUMERIC_VALUE_OUT_OF_RANGE", StripPrefix(first)),
            DuckDbErrorType.Conversion => ("INVALID_CAST_ARGUMENT", StripPrefix(first)),
            DuckDbErrorType.DivideByZero => ("DIVISION_BY_ZERO", "Division by zero"),
            DuckDbErrorType.OutOfRange => ("NUMERIC_VALUE_OUT_OF_RANGE", StripPrefix(first)),
            DuckDbErrorType.InvalidInput => ("INVALID_FUNCTION_ARGUMENT", StripPrefix(first)),
            DuckDbErrorType.NotImplemented => ("NOT_SUPPORTED", where + StripPrefix(first)),
            DuckDbErrorType.Constraint => ("CONSTRAINT_VIOLATION", StripPrefix(first)),
            DuckDbErrorType.Transaction => ("ICEBERG_COMMIT_ERROR", "Failed to commit Iceberg update to table: " + StripPrefix(first)),
            _ => ("GENERIC_INTERNAL_ERROR", StripPrefix(first)),
        };
        return new EngineException(name, message, e)
        {
            QueryExecutionId = queryId,
            ErrorCategory = name == "GENERIC_INTERNAL_ERROR" ? 1 : 2,
            Retryable = name == "ICEBERG_COMMIT_ERROR",
        };
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }

    private static string StripPrefix(string message)
    {
        var marker = message.IndexOf(" Error: ", StringComparison.Ordinal);
        return marker > 0 && marker < 40 ? message[(marker + " Error: ".Length)..] : message;
    }

    private static string? Match(string text, string pattern)
    {
        var m = Regex.Match(text, pattern, RegexOptions.CultureInvariant, RegexTimeout);
        return m.Success ? m.Groups[1].Value.TrimEnd('!', '.') : null;
    }

    /// <summary>
    /// The line of <paramref name="snippet"/> in the submitted statement: kept when that line already matches, else the
    /// only line of the statement that matches (the query DuckDB ran sat inside a CTAS or view, or was wrapped for a
    /// describe); else unchanged. DuckDB may cut the snippet (<c>...</c>) or show the wrapper's text after the line.
    /// </summary>
    private static (int Line, int Column) InStatement(string? statement, (int Line, int Column) position, string? snippet)
    {
        if (statement is null || snippet is null || position.Line == 0)
        {
            return position;
        }

        var shown = snippet.EndsWith("...", StringComparison.Ordinal) ? snippet[..^3] : snippet;
        bool Matches(string line) => line.Trim().Length > 0 && (shown.StartsWith(line, StringComparison.Ordinal) || line.StartsWith(shown, StringComparison.Ordinal));
        var lines = statement.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (position.Line <= lines.Count && Matches(lines[position.Line - 1]))
        {
            return position;
        }

        var hits = lines.Select((text, index) => (text, index)).Where(x => Matches(x.text)).ToList();
        return hits.Count == 1 ? (hits[0].index + 1, position.Column) : position;
    }

    private static string? Snippet(string message)
    {
        var m = Regex.Match(message, @"\nLINE \d+: (.*)\n *\^", RegexOptions.CultureInvariant, RegexTimeout);
        return m.Success && !m.Groups[1].Value.StartsWith("...", StringComparison.Ordinal) ? m.Groups[1].Value.TrimEnd('\r') : null;
    }

    /// <summary>DuckDB shows "LINE n: snippet" and a caret under the offending character; turn that into line:column.</summary>
    private static (int Line, int Column) Position(string message)
    {
        var m = Regex.Match(message, @"\nLINE (\d+): (.*)\n( *)\^", RegexOptions.CultureInvariant, RegexTimeout);
        if (!m.Success || m.Groups[2].Value.StartsWith("...", StringComparison.Ordinal))
        {
            return (0, 0);
        }

        var line = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var prefix = "LINE ".Length + m.Groups[1].Value.Length + 2;
        return (line, m.Groups[3].Value.Length - prefix + 1);
    }
}
