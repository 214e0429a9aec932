namespace Sluice.Templating;

/// <summary>
/// A value templates can call: host functions (<c>ref()</c>, <c>config()</c>, ...), bound methods and macros.
/// A call may throw <see cref="MacroReturn"/> to end the innermost running macro with a value (dbt's <c>return()</c>).
/// </summary>
public interface IJinjaCallable
{
    /// <summary>Calls the value. Arguments are already evaluated; a <c>{% call %}</c> block arrives as the keyword <c>caller</c>.</summary>
    object? Call(JinjaArguments arguments);
}
