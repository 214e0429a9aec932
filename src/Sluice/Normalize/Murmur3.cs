using System.Buffers.Binary;
using System.Numerics;

namespace Sluice.Normalize;

/// <summary>
/// MurmurHash3 x64 128-bit (Austin Appleby's <c>MurmurHash3_x64_128</c>): a fast, well-mixed, non-cryptographic hash,
/// used for the per-list part of child row keys (<see cref="RowIds"/>). Checked against the published test vectors.
/// </summary>
internal static class Murmur3
{
    private const ulong C1 = 0x87C37B91114253D5UL;
    private const ulong C2 = 0x4CF5AD432745937FUL;

    /// <summary>The two 64-bit halves (h1, h2) of the hash of <paramref name="data"/>; as bytes, h1 then h2 little-endian.</summary>
    public static (ulong H1, ulong H2) Hash128(ReadOnlySpan<byte> data, uint seed = 0)
    {
        ulong h1 = seed, h2 = seed;
        var blocks = data.Length / 16;
        for (var i = 0; i < blocks; i++)
        {
            var k1 = BinaryPrimitives.ReadUInt64LittleEndian(data[(i * 16)..]);
            var k2 = BinaryPrimitives.ReadUInt64LittleEndian(data[((i * 16) + 8)..]);
            h1 ^= MixK1(k1);
            h1 = (BitOperations.RotateLeft(h1, 27) + h2) * 5 + 0x52DCE729;
            h2 ^= MixK2(k2);
            h2 = (BitOperations.RotateLeft(h2, 31) + h1) * 5 + 0x38495AB5;
        }

        var tail = data[(blocks * 16)..];
        if (tail.Length > 8)
        {
            ulong k2 = 0;
            for (var i = tail.Length - 1; i >= 8; i--)
            {
                k2 = (k2 << 8) | tail[i];
            }

            h2 ^= MixK2(k2);
        }

        if (tail.Length > 0)
        {
            ulong k1 = 0;
            for (var i = Math.Min(tail.Length, 8) - 1; i >= 0; i--)
            {
                k1 = (k1 << 8) | tail[i];
            }

            h1 ^= MixK1(k1);
        }

        h1 ^= (ulong)data.Length;
        h2 ^= (ulong)data.Length;
        h1 += h2;
        h2 += h1;
        h1 = Fmix64(h1);
        h2 = Fmix64(h2);
        h1 += h2;
        h2 += h1;
        return (h1, h2);
    }

    /// <summary>The finalizer: a bijection on 64 bits that mixes every input bit into every output bit.</summary>
    public static ulong Fmix64(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return x;
    }

    private static ulong MixK1(ulong k) => BitOperations.RotateLeft(k * C1, 31) * C2;

    private static ulong MixK2(ulong k) => BitOperations.RotateLeft(k * C2, 33) * C1;
}
