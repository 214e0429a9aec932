namespace Sluice.Templating;

/// <summary>
/// A template could not be parsed or rendered. The message says what failed and ends with the template name,
/// line and column (1-based) of the construct that failed, when known.
/// </summary>
public sealed class TemplateException : Sluice.Errors.SluiceException
{
    /// <summary>A template error is fixed in the template, never by running it again.</summary>
    public override bool IsTransient => false;

    public TemplateException(string message)
        : base(message)
    {
        Reason = message;
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public TemplateException()
        : this("Template error.")
    {
    }

    internal TemplateException(string reason, string? templateName, int line, int column, Exception? innerException = null)
        : base(Format(reason, templateName, line, column), innerException)
    {
        Reason = reason;
        TemplateName = templateName;
        Line = line;
        Column = column;
    }

    /// <summary>What failed, without the location.</summary>
    public string Reason { get; }

    /// <summary>The template the failing construct is in; null when not known.</summary>
    public string? TemplateName { get; }

    /// <summary>1-based line of the failing construct; 0 when not known.</summary>
    public int Line { get; }

    /// <summary>1-based column of the failing construct; 0 when not known.</summary>
    public int Column { get; }

    internal bool HasLocation => Line > 0;

    internal TemplateException WithLocation(string? templateName, int line, int column) =>
        new(Reason, templateName, line, column, InnerException);

    private static string Format(string reason, string? templateName, int line, int column) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{reason} (template '{templateName ?? "<string>"}', line {line}, column {column})");
}
