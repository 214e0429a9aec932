using Sluice.Storage;

namespace Sluice.Pipelines.Tests;

/// <summary>An object store that dies on a chosen put, before or after the object is written.</summary>
public sealed class CrashingStore(IObjectStore inner, int crashAt, bool afterWrite) : IObjectStore
{
    private int _puts;

    public bool Crashed { get; private set; }

    public async Task PutFileAsync(string localFile, S3Uri target, CancellationToken cancellationToken = default)
    {
        if (++_puts == crashAt)
        {
            Crashed = true;
            if (afterWrite)
            {
                await inner.PutFileAsync(localFile, target, cancellationToken);
            }

            throw new SimulatedCrashException();
        }

        await inner.PutFileAsync(localFile, target, cancellationToken);
    }

    public Task<IReadOnlyList<S3Uri>> ListAsync(S3Uri prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(S3Uri target, CancellationToken cancellationToken = default) => inner.DeleteAsync(target, cancellationToken);
}
