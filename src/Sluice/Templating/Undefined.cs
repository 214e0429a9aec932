namespace Sluice.Templating;

/// <summary>
/// The value of a missing variable, attribute or item. By default it renders as an empty string, is falsy, iterates as
/// empty and equals only other undefined values; reading an attribute of it, calling it or doing arithmetic with it fails
/// with <see cref="Message"/>. With <see cref="JinjaOptions.StrictUndefined"/> every use except <c>is defined</c> and
/// <c>default</c> fails. With <see cref="JinjaOptions.LenientUndefined"/> reading an attribute or item of it and calling
/// it give undefined again.
/// </summary>
public sealed class Undefined
{
    internal Undefined(string message, bool strict, bool lenient = false)
    {
        Message = message;
        IsStrict = strict;
        IsLenient = lenient;
    }

    /// <summary>Why the value is undefined, e.g. <c>'x' is undefined</c>.</summary>
    public string Message { get; }

    internal bool IsStrict { get; }

    internal bool IsLenient { get; }

    internal TemplateException Fail() => new(Message);

    /// <summary>The empty string; rendering goes through the engine, which enforces strict mode.</summary>
    public override string ToString() => string.Empty;
}
