namespace Sluice.Normalize;

/// <summary>
/// The per-list part of child row keys: MurmurHash3 x64 128 of <c>"&lt;parent_id&gt;_&lt;child_table&gt;_"</c> in
/// UTF-8 (see <see cref="RowIds"/>).
/// </summary>
public readonly record struct ChildListKey(ulong K0, ulong K1)
{
    /// <summary>The key of the list whose prefix <c>"&lt;parent_id&gt;_&lt;child_table&gt;_"</c> is <paramref name="utf8"/>.</summary>
    public static ChildListKey FromPrefix(ReadOnlySpan<byte> utf8)
    {
        var (h1, h2) = Murmur3.Hash128(utf8);
        return new ChildListKey(h1, h2);
    }
}
