using System.Globalization;
using Sluice.Errors;

namespace Sluice.Configuration.Toml;

/// <summary>
/// A TOML document is not valid TOML 1.0.0. Carries the 1-based line and column of the offending character
/// and a reason that says what is wrong and how to fix it.
/// </summary>
/// <remarks>
/// When the document was read as sensitive (a secrets file), the reason never quotes document text,
/// so a malformed secret cannot leak through the error.
/// </remarks>
public sealed class TomlException : ConfigurationException
{
    public TomlException(string reason, int line, int column, string? sourceName = null)
        : base(Format(reason, line, column, sourceName))
    {
        Reason = reason;
        Line = line;
        Column = column;
        SourceName = sourceName;
    }

    /// <summary>What is wrong and how to fix it, without the position.</summary>
    public string Reason { get; }

    /// <summary>1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>1-based column of the error, counted in UTF-16 code units (a tab counts as one).</summary>
    public int Column { get; }

    /// <summary>The file path or other name the document was read from, if known.</summary>
    public string? SourceName { get; }

    private static string Format(string reason, int line, int column, string? sourceName) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{sourceName ?? "TOML"}:{line}:{column}: {reason}");
}
