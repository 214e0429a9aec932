namespace Sluice.Templating;

/// <summary>Base of the syntax tree. Every node knows where it starts, so runtime errors can point at it.</summary>
internal abstract class Node
{
    protected Node(Location location)
    {
        Location = location;
    }

    public Location Location { get; }

    /// <summary>Adds this node's position to errors that have none and wraps host exceptions.</summary>
    protected Exception Locate(Exception e) => e switch
    {
        // Sorting wraps comparer failures ("'<' not supported ...") in InvalidOperationException.
        InvalidOperationException { InnerException: TemplateException inner } => Locate(inner),
        TemplateException { HasLocation: true } => e,
        TemplateException te => te.WithLocation(Location.Template, Location.Line, Location.Column),
        MacroReturn or OperationCanceledException => e,
        _ => new TemplateException(e.Message, Location.Template, Location.Line, Location.Column, e),
    };

    protected static bool ShouldLocate(Exception e) =>
        e is not MacroReturn and not OperationCanceledException && e is not TemplateException { HasLocation: true };
}

/// <summary>A position in a template source.</summary>
internal sealed record Location(string? Template, int Line, int Column);
