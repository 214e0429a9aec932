namespace Sluice.Templating;

/// <summary>
/// The cancellation token of the render running on this thread. Rendering is synchronous, so a thread-static token
/// reaches loops and macro calls without threading it through every node; nested renders restore the outer token.
/// </summary>
internal static class RenderCancellation
{
    [ThreadStatic]
    private static CancellationToken _current;

    public static CancellationToken Current => _current;

    /// <summary>Makes <paramref name="token"/> current until the returned scope is disposed; a default token keeps the outer one.</summary>
    public static Scope Enter(CancellationToken token)
    {
        var previous = _current;
        if (token.CanBeCanceled)
        {
            _current = token;
        }

        return new Scope(previous);
    }

    public static void ThrowIfRequested() => _current.ThrowIfCancellationRequested();

    internal readonly struct Scope(CancellationToken previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}
