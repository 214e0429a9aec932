using System.Buffers;
using System.Threading.Channels;

namespace Sluice.Extract;

/// <summary>
/// Hands the lines extract writes to its package files to a normalizer running at the same time, in blocks of whole
/// lines, in file order: normalize works on the first items while extract reads the rest. The files on disk stay the
/// only state: the feed is a copy of what was written, and the normalizer commits its package only after
/// <see cref="Completion"/>, which extract sets after it committed its own (a crash before that leaves two partial
/// folders, both discarded on resume; after it, the committed extracted package is normalized again from its files).
/// Memory is bounded: at most <see cref="Capacity"/> blocks wait for the normalizer.
/// </summary>
internal sealed class PackageFeed
{
    /// <summary>The size of a block of lines (a longer line gets a block of its own).</summary>
    public const int BlockSize = 1 << 20;

    /// <summary>Blocks that may wait for the normalizer before extract waits for it.</summary>
    public const int Capacity = 4;

    private readonly Channel<FeedBlock> _blocks = Channel.CreateBounded<FeedBlock>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly TaskCompletionSource<(string LoadId, string SchemaName)> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The load id and schema of the package, once extract created its folder.</summary>
    public Task<(string LoadId, string SchemaName)> Started => _started.Task;

    /// <summary>Completes when extract committed its package (<c>extract/&lt;load_id&gt;/</c>); fails when extract failed.</summary>
    public Task Completion => _completion.Task;

    public ChannelReader<FeedBlock> Blocks => _blocks.Reader;

    public void Start(string loadId, string schemaName) => _started.TrySetResult((loadId, schemaName));

    /// <summary>Extract begins the items of <paramref name="resource"/> (the lines that follow belong to it).</summary>
    public ValueTask BeginResourceAsync(PackageResource resource, CancellationToken cancellationToken) =>
        _blocks.Writer.WriteAsync(new FeedBlock(resource, null, 0), cancellationToken);

    /// <summary>Passes <paramref name="length"/> bytes of whole lines in <paramref name="block"/> (rented from <see cref="ArrayPool{T}.Shared"/>; the reader returns it).</summary>
    public ValueTask WriteAsync(byte[] block, int length, CancellationToken cancellationToken) =>
        _blocks.Writer.WriteAsync(new FeedBlock(null, block, length), cancellationToken);

    /// <summary>Extract committed its package: the normalizer may commit its own once it has read every block.</summary>
    public void Complete()
    {
        _blocks.Writer.TryComplete();
        _completion.TrySetResult();
    }

    /// <summary>Extract failed or was cancelled: nothing is committed and the normalizer stops with <paramref name="error"/>.</summary>
    public void Fail(Exception error)
    {
        _completion.TrySetException(error);
        _started.TrySetException(error);
        _blocks.Writer.TryComplete(error);
    }

    /// <summary>Returns the blocks nobody will read (the normalizer failed) until extract ends.</summary>
    public async Task DrainAsync()
    {
        try
        {
            await foreach (var block in _blocks.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                block.Return();
            }
        }
        catch (Exception) when (!_completion.Task.IsCompletedSuccessfully)
        {
            // Extract failed too; its error is reported by the run.
        }
    }

    /// <summary>The start of a resource (<see cref="Resource"/> set), or a block of whole lines.</summary>
    internal readonly record struct FeedBlock(PackageResource? Resource, byte[]? Block, int Length)
    {
        public void Return()
        {
            if (Block is not null)
            {
                ArrayPool<byte>.Shared.Return(Block);
            }
        }
    }
}
