using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Sluice.Normalize;

/// <summary>
/// Row keys: 10 bytes, base64 without padding (14 characters). Root rows get random keys, or the first 10 bytes of
/// SHA-256 of their primary key values (upsert, insert-only) so a re-sent row keeps its key and crafted key values
/// cannot make two rows share one.
/// <para>
/// Child rows get keys derived from their parent key, table and list position, so the same nested data always gets
/// the same keys: once per list, k0 and k1 = MurmurHash3 x64 128 (seed 0) of <c>"&lt;parent_id&gt;_&lt;child_table&gt;_"</c>
/// in UTF-8 (<see cref="ChildKey"/>); for element <c>i</c> of that list <c>a = fmix64(k0 + (i + 1) * φ)</c> and
/// <c>b = fmix64(k1 ^ a)</c> (φ = 0x9E3779B97F4A7C15, fmix64 MurmurHash3's finalizer); the key is the 8
/// little-endian bytes of <c>a</c> followed by the 2 low bytes of <c>b</c>. Multiplying by an odd constant, adding and
/// fmix64 are bijections on 64 bits, so the elements of one list always get distinct keys; keys of different lists
/// agree only when 80 bits derived from two different 128-bit hashes agree (as likely as for random keys). A
/// non-cryptographic hash is enough here: whoever controls the parent key (an item's own <c>_sluice_id</c>) can repeat
/// it anyway, and computed parent keys are random or SHA-256 outputs. A SHA-256 per child row (the earlier scheme,
/// <c>"&lt;parent_id&gt;_&lt;child_table&gt;_&lt;list_idx&gt;"</c>) took about half of the time normalizing nested data.
/// </para>
/// </summary>
public static class RowIds
{
    private const int Bytes = 10;

    /// <summary>The length of a key in characters.</summary>
    public const int Length = 14;

    public static string Random()
    {
        Span<byte> bytes = stackalloc byte[Bytes];
        RandomNumberGenerator.Fill(bytes);
        return Encode(bytes);
    }

    /// <summary>The key of element <paramref name="listIndex"/> of <paramref name="childTable"/> under <paramref name="parentId"/>.</summary>
    public static string Child(string parentId, string childTable, long listIndex) => Child(ChildKey(parentId, childTable), listIndex);

    /// <summary>The key of element <paramref name="listIndex"/> of the list whose <see cref="ChildKey"/> is <paramref name="list"/>.</summary>
    public static string Child(ChildListKey list, long listIndex)
    {
        Span<byte> utf8 = stackalloc byte[Length];
        Child(list, listIndex, utf8);
        return Encoding.ASCII.GetString(utf8);
    }

    /// <summary>Writes the key of element <paramref name="listIndex"/> as 14 UTF-8 characters into <paramref name="utf8"/>.</summary>
    public static void Child(ChildListKey list, long listIndex, Span<byte> utf8)
    {
        var a = Murmur3.Fmix64(list.K0 + (((ulong)listIndex + 1) * 0x9E3779B97F4A7C15UL));
        var b = Murmur3.Fmix64(list.K1 ^ a);
        Span<byte> bytes = stackalloc byte[Bytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, a);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes[8..], (ushort)b);
        EncodeUtf8(bytes, utf8);
    }

    /// <summary>The per-list part of child keys: MurmurHash3 x64 128 of <c>"&lt;parent_id&gt;_&lt;child_table&gt;_"</c>.</summary>
    public static ChildListKey ChildKey(string parentId, string childTable)
    {
        ArgumentNullException.ThrowIfNull(parentId);
        ArgumentNullException.ThrowIfNull(childTable);
        return ChildListKey.FromPrefix(Encoding.UTF8.GetBytes(parentId + "_" + childTable + "_"));
    }

    /// <summary>The key of a root row identified by its primary-key values (already in text form).</summary>
    public static string FromKey(IEnumerable<string> keyValues) => Hash(string.Join('\u001f', keyValues));

    private static string Hash(string text) => Encode(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, Bytes));

    private static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    /// <summary>10 bytes as base64 without padding (14 characters), as UTF-8.</summary>
    internal static void EncodeUtf8(ReadOnlySpan<byte> bytes, Span<byte> utf8)
    {
        Span<byte> encoded = stackalloc byte[16];
        Base64.EncodeToUtf8(bytes, encoded, out _, out _);
        encoded[..Length].CopyTo(utf8);
    }
}
