namespace Sluice.Storage;

/// <summary>
/// An <c>s3://bucket/key</c> location. Parsing rejects what S3 and Athena reject (no bucket, bad bucket names) and
/// what would escape a local root (<c>..</c> segments).
/// </summary>
public sealed record S3Uri(string Bucket, string Key)
{
    public const string Scheme = "s3://";

    public override string ToString() => Scheme + Bucket + "/" + Key;

    /// <summary>This location as a folder: the key ends with <c>/</c> (or is empty for the bucket root).</summary>
    public S3Uri AsFolder() => Key.Length == 0 || Key.EndsWith('/') ? this : this with { Key = Key + "/" };

    public S3Uri Combine(string relative) => this with { Key = AsFolder().Key + relative.TrimStart('/') };

    public static S3Uri Parse(string text)
    {
        if (!TryParse(text, out var uri, out var error))
        {
            throw new FormatException(error);
        }

        return uri;
    }

    public static bool TryParse(string? text, out S3Uri uri, out string error)
    {
        uri = new S3Uri(string.Empty, string.Empty);
        if (string.IsNullOrWhiteSpace(text) || !text.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{text}' is not an S3 location: write it as s3://bucket/prefix/.";
            return false;
        }

        var rest = text[Scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var key = slash < 0 ? string.Empty : rest[(slash + 1)..];
        if (bucket.Length is < 3 or > 63 || !bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.') ||
            !char.IsAsciiLetterOrDigit(bucket[0]) || !char.IsAsciiLetterOrDigit(bucket[^1]))
        {
            error = $"'{text}' has an invalid bucket name '{bucket}': use 3-63 lower-case letters, digits, '-' or '.', starting and ending with a letter or digit.";
            return false;
        }

        if (key.Split('/').Any(segment => segment is ".." or "."))
        {
            error = $"'{text}' contains a '.' or '..' path segment, which S3 keys may hold but Sluice refuses, because it would escape the location on disk.";
            return false;
        }

        uri = new S3Uri(bucket, key);
        error = string.Empty;
        return true;
    }
}
