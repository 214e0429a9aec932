using System.Buffers.Binary;
using System.Numerics;

namespace Sluice.Local.Translation;

/// <summary>XXH64 with seed 0, as Trino's <c>xxhash64</c> computes it; the result is the 8 bytes big-endian.</summary>
internal static class XxHash64
{
    private const ulong P1 = 11400714785074694791UL;
    private const ulong P2 = 14029467366897019727UL;
    private const ulong P3 = 1609587929392839161UL;
    private const ulong P4 = 9650029242287828579UL;
    private const ulong P5 = 2870177450012600261UL;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var length = data.Length;
        ulong h;
        var i = 0;
        if (length >= 32)
        {
            ulong v1 = unchecked(P1 + P2), v2 = P2, v3 = 0, v4 = unchecked(0 - P1);
            while (i + 32 <= length)
            {
                v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
                v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 8)..]));
                v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 16)..]));
                v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(data[(i + 24)..]));
                i += 32;
            }

            h = unchecked(BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7) + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18));
            h = Merge(h, v1);
            h = Merge(h, v2);
            h = Merge(h, v3);
            h = Merge(h, v4);
        }
        else
        {
            h = P5;
        }

        h = unchecked(h + (ulong)length);
        while (i + 8 <= length)
        {
            h ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
            h = unchecked((BitOperations.RotateLeft(h, 27) * P1) + P4);
            i += 8;
        }

        if (i + 4 <= length)
        {
            h ^= unchecked(BinaryPrimitives.ReadUInt32LittleEndian(data[i..]) * P1);
            h = unchecked((BitOperations.RotateLeft(h, 23) * P2) + P3);
            i += 4;
        }

        while (i < length)
        {
            h ^= unchecked(data[i] * P5);
            h = unchecked(BitOperations.RotateLeft(h, 11) * P1);
            i++;
        }

        h ^= h >> 33;
        h = unchecked(h * P2);
        h ^= h >> 29;
        h = unchecked(h * P3);
        h ^= h >> 32;
        var result = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(result, h);
        return result;
    }

    private static ulong Round(ulong acc, ulong input) => unchecked(BitOperations.RotateLeft(acc + (input * P2), 31) * P1);

    private static ulong Merge(ulong acc, ulong value) => unchecked(((acc ^ Round(0, value)) * P1) + P4);
}
