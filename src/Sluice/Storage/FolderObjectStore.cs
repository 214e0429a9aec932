namespace Sluice.Storage;

/// <summary>
/// <see cref="IObjectStore"/> on a local folder laid out like the local lakehouse: <c>s3://bucket/key</c> is
/// <c>&lt;root&gt;/s3/bucket/key</c>. A put copies under a hidden temporary name (a leading <c>.</c>, which Athena-style
/// listings skip) and renames, so readers never see half a file.
/// </summary>
public sealed class FolderObjectStore : IObjectStore
{
    private readonly string _objects;

    /// <param name="lakehouseRoot">The lakehouse root; objects live in its <c>s3</c> folder.</param>
    public FolderObjectStore(string lakehouseRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(lakehouseRoot);
        _objects = Path.Combine(Path.GetFullPath(lakehouseRoot), "s3");
    }

    /// <summary>The local path of an object.</summary>
    public string LocalPath(S3Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return Path.Combine(_objects, uri.Bucket, uri.Key.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <inheritdoc/>
    public Task PutFileAsync(string localFile, S3Uri target, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = LocalPath(target);
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + ".put");
        File.Copy(localFile, temporary, overwrite: true);
        File.Move(temporary, path, overwrite: true);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<S3Uri>> ListAsync(S3Uri prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var folder = prefix.AsFolder();
        var path = LocalPath(folder);
        if (!Directory.Exists(path))
        {
            return Task.FromResult<IReadOnlyList<S3Uri>>([]);
        }

        var bucketRoot = Path.Combine(_objects, folder.Bucket);
        IReadOnlyList<S3Uri> found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
            .Select(f => new S3Uri(folder.Bucket, Path.GetRelativePath(bucketRoot, f).Replace(Path.DirectorySeparatorChar, '/')))
            .OrderBy(u => u.Key, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(found);
    }

    /// <inheritdoc/>
    public Task DeleteAsync(S3Uri target, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = LocalPath(target);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        // Empty folders are not objects; removing them keeps listings of the local bucket tidy.
        var bucket = Path.Combine(_objects, target.Bucket);
        var directory = Path.GetDirectoryName(path);
        while (directory is not null && directory.Length > bucket.Length && Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
            directory = Path.GetDirectoryName(directory);
        }

        return Task.CompletedTask;
    }
}
