using System.Buffers;

namespace Sluice.Extract;

/// <summary>
/// Writes package lines to an items file in blocks of whole lines (<see cref="PackageFeed.BlockSize"/>), and passes
/// each block, once written to the file, to a <see cref="PackageFeed"/> when one is given.
/// </summary>
internal sealed class PackageLineWriter : IAsyncDisposable
{
    private readonly FileStream _stream;
    private readonly PackageFeed? _feed;
    private readonly CancellationToken _cancellationToken;
    private byte[] _block;
    private int _used;

    public PackageLineWriter(string path, PackageFeed? feed, CancellationToken cancellationToken)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        _feed = feed;
        _cancellationToken = cancellationToken;
        _block = Rent(PackageFeed.BlockSize);
    }

    /// <summary>Bytes written so far (in the file or waiting in the block).</summary>
    public long Position => _stream.Position + _used;

    /// <summary>Adds one line; <paramref name="line"/> ends with its newline.</summary>
    public ValueTask WriteAsync(ReadOnlySpan<byte> line)
    {
        if (_used + line.Length <= _block.Length)
        {
            line.CopyTo(_block.AsSpan(_used));
            _used += line.Length;
            return ValueTask.CompletedTask;
        }

        return WriteSlowAsync(line.ToArray());
    }

    private async ValueTask WriteSlowAsync(byte[] line)
    {
        await FlushBlockAsync(Math.Max(PackageFeed.BlockSize, line.Length)).ConfigureAwait(false);
        line.CopyTo(_block.AsSpan());
        _used = line.Length;
    }

    /// <summary>Writes the last block and flushes the file to disk.</summary>
    public async Task CompleteAsync()
    {
        await FlushBlockAsync(PackageFeed.BlockSize).ConfigureAwait(false);
        _stream.Flush(flushToDisk: true);
    }

    private async ValueTask FlushBlockAsync(int nextSize)
    {
        if (_used > 0)
        {
            _stream.Write(_block, 0, _used);
            if (_feed is not null)
            {
                // The reader returns the block to the pool.
                await _feed.WriteAsync(_block, _used, _cancellationToken).ConfigureAwait(false);
                _block = Rent(nextSize);
                _used = 0;
                return;
            }
        }

        if (_block.Length < nextSize)
        {
            ArrayPool<byte>.Shared.Return(_block);
            _block = Rent(nextSize);
        }

        _used = 0;
    }

    private static byte[] Rent(int size) => ArrayPool<byte>.Shared.Rent(size);

    public async ValueTask DisposeAsync()
    {
        if (_block.Length > 0)
        {
            // The current block was never passed on.
            ArrayPool<byte>.Shared.Return(_block);
        }

        _block = [];
        await _stream.DisposeAsync().ConfigureAwait(false);
    }
}
