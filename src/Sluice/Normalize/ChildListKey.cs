using System.Buffers.Binary;

namespace Sluice.Normalize;

/// <summary>
/// The per-list part of child row keys: the first two little-endian 64-bit words of SHA-256 of
/// <c>"&lt;parent_id&gt;_&lt;child_table&gt;_"</c> (see <see cref="RowIds"/>).
/// </summary>
public readonly record struct ChildListKey(ulong K0, ulong K1)
{
    /// <summary>The key from a SHA-256 digest of <c>"&lt;parent_id&gt;_&lt;child_table&gt;_"</c>.</summary>
    public static ChildListKey FromDigest(ReadOnlySpan<byte> digest) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(digest), BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]));
}
