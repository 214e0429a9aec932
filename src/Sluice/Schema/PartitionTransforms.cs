using System.Buffers.Binary;
using System.Text;

namespace Sluice.Schema;

/// <summary>
/// Iceberg's bucket transform (spec "Bucket Transform Details"): 32-bit Murmur3 (x86, seed 0) of the value's bytes,
/// <c>(hash &amp; int.MaxValue) % n</c>. Integers, dates (days since 1970-01-01) and timestamps (microseconds since the
/// epoch) hash as their 8 little-endian bytes, strings as UTF-8, binary as is. A Hive table with <c>bucket(n, col)</c>
/// therefore puts a row in the same bucket as an Iceberg table with the same hint.
/// </summary>
public static class PartitionTransforms
{
    /// <summary>The bucket (0 to <paramref name="count"/> - 1) of <paramref name="value"/>; null for null.</summary>
    public static long? Bucket(object? value, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var hash = value switch
        {
            null => (int?)null,
            long l => HashLong(l),
            int i => HashLong(i),
            string s => Murmur3(Encoding.UTF8.GetBytes(s)),
            byte[] b => Murmur3(b),
            DateOnly d => HashLong(d.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber),
            DateTime t => HashLong((t.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks) / 10),
            DateTimeOffset t => HashLong((t.UtcTicks - DateTime.UnixEpoch.Ticks) / 10),
            _ => throw new ArgumentException($"Values of type {value.GetType().Name} cannot be bucketed; bucket bigint, text, date, timestamp or binary columns.", nameof(value)),
        };
        return hash is { } h ? (h & int.MaxValue) % count : null;
    }

    /// <summary>Murmur3 x86 32-bit of a long's 8 little-endian bytes.</summary>
    public static int HashLong(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return Murmur3(bytes);
    }

    /// <summary>Murmur3 x86 32-bit, seed 0.</summary>
    public static int Murmur3(ReadOnlySpan<byte> data)
    {
        const uint c1 = 0xcc9e2d51;
        const uint c2 = 0x1b873593;
        uint h = 0;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(i * 4, 4));
            k *= c1;
            k = uint.RotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = uint.RotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }

        uint tail = 0;
        var rest = data[(blocks * 4)..];
        switch (rest.Length)
        {
            case 3:
                tail ^= (uint)rest[2] << 16;
                goto case 2;
            case 2:
                tail ^= (uint)rest[1] << 8;
                goto case 1;
            case 1:
                tail ^= rest[0];
                tail *= c1;
                tail = uint.RotateLeft(tail, 15);
                tail *= c2;
                h ^= tail;
                break;
        }

        h ^= (uint)data.Length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return (int)h;
    }
}
