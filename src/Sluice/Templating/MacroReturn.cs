namespace Sluice.Templating;

/// <summary>
/// Thrown by a host function to end the innermost running macro, which then returns <see cref="Value"/> instead of its
/// rendered text. This is how dbt's <c>return()</c> works. Thrown outside any macro, rendering fails.
/// </summary>
public sealed class MacroReturn : Exception
{
    public MacroReturn(object? value)
        : base("return() was called outside of a macro.")
    {
        Value = value;
    }

    public MacroReturn()
        : this(null)
    {
    }

    public MacroReturn(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The value the macro call evaluates to.</summary>
    public object? Value { get; }
}
