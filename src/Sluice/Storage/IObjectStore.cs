namespace Sluice.Storage;

/// <summary>
/// Objects in S3 (or the local lakehouse's bucket folder). Loader code puts, lists and deletes data files only
/// through this interface, and deletes only under prefixes it owns (docs/loading.md).
/// </summary>
public interface IObjectStore
{
    /// <summary>Uploads <paramref name="localFile"/> to <paramref name="target"/>, replacing it. Readers see the old object or the whole new one.</summary>
    Task PutFileAsync(string localFile, S3Uri target, CancellationToken cancellationToken = default);

    /// <summary>Every object under <paramref name="prefix"/> (read as a folder: <c>t/</c> never matches <c>t_old/</c>).</summary>
    Task<IReadOnlyList<S3Uri>> ListAsync(S3Uri prefix, CancellationToken cancellationToken = default);

    /// <summary>Deletes one object; a missing object is not an error.</summary>
    Task DeleteAsync(S3Uri target, CancellationToken cancellationToken = default);
}

/// <summary>Prefix-wide operations built on <see cref="IObjectStore"/>.</summary>
public static class ObjectStoreExtensions
{
    /// <summary>
    /// Deletes every object under <paramref name="prefix"/> (read as a folder) and returns how many went. Callers pass
    /// only prefixes Sluice owns.
    /// </summary>
    public static async Task<int> DeletePrefixAsync(this IObjectStore store, S3Uri prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.AsFolder().Key.Length == 0)
        {
            throw new ArgumentException($"Refusing to delete the whole bucket {prefix}: name a folder under it.", nameof(prefix));
        }

        var objects = await store.ListAsync(prefix, cancellationToken).ConfigureAwait(false);
        foreach (var item in objects)
        {
            await store.DeleteAsync(item, cancellationToken).ConfigureAwait(false);
        }

        return objects.Count;
    }
}
