namespace Sluice.Templating;

/// <summary>Lexer and runtime switches. The defaults are Jinja2's defaults, which dbt uses unchanged.</summary>
public sealed record JinjaOptions
{
    /// <summary>Remove the first newline after a block tag (Jinja <c>trim_blocks</c>). Default false.</summary>
    public bool TrimBlocks { get; init; }

    /// <summary>Strip spaces and tabs from the start of a line up to a block or comment tag (Jinja <c>lstrip_blocks</c>). Default false.</summary>
    public bool LstripBlocks { get; init; }

    /// <summary>Keep a single trailing newline of the template source (Jinja <c>keep_trailing_newline</c>). Default false: it is removed.</summary>
    public bool KeepTrailingNewline { get; init; }

    /// <summary>
    /// Make every use of an undefined value other than <c>is defined</c> and <c>default</c> an error (Jinja's
    /// <c>StrictUndefined</c>). Default false: undefined renders as an empty string and is falsy.
    /// </summary>
    public bool StrictUndefined { get; init; }

    /// <summary>
    /// Make reading an attribute or item of an undefined value, and calling it, give undefined instead of failing: dbt's
    /// parse-time undefined, so a first render can capture <c>ref()</c>/<c>config()</c> calls even where macros or
    /// objects that only exist at run time are used. Cannot be combined with <see cref="StrictUndefined"/>.
    /// </summary>
    public bool LenientUndefined { get; init; }
}
