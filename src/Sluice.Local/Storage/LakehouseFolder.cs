using Sluice.Storage;

namespace Sluice.Local.Storage;

/// <summary>
/// The lakehouse root on disk: <c>s3://bucket/key</c> is <c>&lt;root&gt;/s3/bucket/key</c>, so LOCATION strings are the
/// same locally and on AWS. Sluice's own working files live under <c>&lt;root&gt;/.sluice/</c>.
/// </summary>
public sealed class LakehouseFolder
{
    public LakehouseFolder(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string CatalogFile => Path.Combine(Root, "lakehouse.duckdb");

    public string ObjectsRoot => Path.Combine(Root, "s3");

    public string StagingRoot => Path.Combine(Root, ".sluice", "staging");

    public string TemplatesRoot => Path.Combine(Root, ".sluice", "templates");

    /// <summary>The local path of an S3 location (a folder when the key ends with '/').</summary>
    public string LocalPath(S3Uri uri)
    {
        var path = Path.Combine(ObjectsRoot, uri.Bucket, uri.Key.Replace('/', Path.DirectorySeparatorChar));
        var full = Path.GetFullPath(path);
        if (!full.StartsWith(ObjectsRoot, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The location '{uri}' resolves outside the lakehouse at '{Root}'.", nameof(uri));
        }

        return full;
    }

    public string LocalPath(string s3Location) => LocalPath(S3Uri.Parse(s3Location));

    /// <summary>The S3 location of a local path under the objects root.</summary>
    public S3Uri ToS3(string localPath)
    {
        var full = Path.GetFullPath(localPath);
        var relative = Path.GetRelativePath(ObjectsRoot, full);
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new ArgumentException($"'{localPath}' is not under the lakehouse objects folder '{ObjectsRoot}'.", nameof(localPath));
        }

        var parts = relative.Split(Path.DirectorySeparatorChar, 2);
        return new S3Uri(parts[0], parts.Length > 1 ? parts[1].Replace(Path.DirectorySeparatorChar, '/') : string.Empty);
    }
}
