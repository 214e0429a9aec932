namespace Sluice.Errors;

/// <summary>
/// A transform project cannot be compiled: a YAML file, a model's Jinja, a <c>ref</c> to an unknown node, a cycle,
/// or a configuration that cannot work. Never transient: a file must be edited first. <see cref="File"/>,
/// <see cref="Line"/> and <see cref="Column"/> point at the place to fix when it is known.
/// </summary>
public class CompileException : SluiceException
{
    public CompileException(string message, string? file = null, int line = 0, int column = 0, Exception? innerException = null)
        : base(Format(message, file, line, column), innerException)
    {
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>The project-relative file the error is in, when known.</summary>
    public string? File { get; }

    /// <summary>1-based line, 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>1-based column, 0 when unknown.</summary>
    public int Column { get; }

    /// <inheritdoc/>
    public override bool IsTransient => false;

    private static string Format(string message, string? file, int line, int column)
    {
        if (file is null)
        {
            return message;
        }

        var where = line > 0 ? $"{file}:{line}:{column}" : file;
        return where + ": " + message;
    }
}
