namespace Sluice.Extract;

/// <summary>
/// A named stream of items (JSON documents, dictionaries, objects; a list item is a batch) and the hints that say
/// how they are loaded. The stream is read once per extract; after a crash during extract it is read again.
/// </summary>
public sealed record Resource
{
    public required string Name { get; init; }

    public required IAsyncEnumerable<object?> Items { get; init; }

    public ResourceHints Hints { get; init; } = new();

    public static Resource From(string name, IEnumerable<object?> items, ResourceHints? hints = null) =>
        new() { Name = name, Items = ToAsync(items), Hints = hints ?? new ResourceHints() };

    public static Resource From(string name, IAsyncEnumerable<object?> items, ResourceHints? hints = null) =>
        new() { Name = name, Items = items, Hints = hints ?? new ResourceHints() };

    private static async IAsyncEnumerable<object?> ToAsync(IEnumerable<object?> items)
    {
        foreach (var item in items)
        {
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
