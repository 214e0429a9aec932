namespace Sluice.Templating;

/// <summary>
/// Bounds nested macro calls, includes and imports on this thread, so runaway recursion (a macro calling itself
/// without end, a template including itself) fails as a template error instead of overflowing the stack.
/// </summary>
internal static class RecursionGuard
{
    public const int MaxDepth = 200;

    [ThreadStatic]
    private static int _depth;

    /// <summary>Enters one level; <paramref name="what"/> names it in the error (e.g. <c>macro 'm'</c>).</summary>
    public static Scope Enter(string what)
    {
        // The level cap keeps recursion errors deterministic; the stack probe protects threads with small stacks.
        if (_depth >= MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new TemplateException($"Recursion too deep: {what} is nested more than {MaxDepth} levels (a macro that calls itself, or a template that includes or imports itself, without end).");
        }

        _depth++;
        return default;
    }

    internal readonly struct Scope : IDisposable
    {
        public void Dispose() => _depth--;
    }
}
