using System.Security.Cryptography;
using System.Text;

namespace Sluice.Normalize;

/// <summary>
/// Row keys: 10 bytes, base64 without padding (14 characters). Root rows get random keys, or a hash of their primary
/// key values (upsert, insert-only) so a re-sent row keeps its key; child rows get a hash of their parent key, table
/// and list position, so the same nested data always gets the same keys.
/// </summary>
public static class RowIds
{
    private const int Bytes = 10;

    public static string Random()
    {
        Span<byte> bytes = stackalloc byte[Bytes];
        RandomNumberGenerator.Fill(bytes);
        return Encode(bytes);
    }

    /// <summary>The key of element <paramref name="listIndex"/> of <paramref name="childTable"/> under <paramref name="parentId"/>.</summary>
    public static string Child(string parentId, string childTable, long listIndex) =>
        Hash(parentId + "_" + childTable + "_" + listIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The key of a root row identified by its primary-key values (already in text form).</summary>
    public static string FromKey(IEnumerable<string> keyValues) => Hash(string.Join('\u001f', keyValues));

    private static string Hash(string text) => Encode(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, Bytes));

    private static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');
}
