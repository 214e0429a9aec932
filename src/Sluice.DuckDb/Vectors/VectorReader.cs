using System.Runtime.CompilerServices;
using System.Text;
using Sluice.DuckDb.Native;

namespace Sluice.DuckDb.Vectors;

/// <summary>
/// Reads values out of one DuckDB vector (and, for nested types, its child vectors). Bound to a new vector for every
/// chunk; holds raw pointers that are valid only while that chunk lives.
/// </summary>
internal sealed unsafe class VectorReader
{
    private const long UnixEpochTicks = 621355968000000000L;
    private const int UnixEpochDayNumber = 719162;

    private readonly VectorReader[] _children;
    private void* _data;
    private ulong* _validity;

    public VectorReader(DuckDbColumnType type)
    {
        Type = type;
        _children = type.Id switch
        {
            DuckDbTypeId.List or DuckDbTypeId.Array => [new VectorReader(type.ElementType!)],
            DuckDbTypeId.Map => [new VectorReader(type.KeyType!), new VectorReader(type.ValueType!)],
            DuckDbTypeId.Struct => type.Fields.Select(f => new VectorReader(f.Type)).ToArray(),
            DuckDbTypeId.Union => [new VectorReader(DuckDbColumnType.Of(DuckDbTypeId.UTinyInt)), .. type.Fields.Select(f => new VectorReader(f.Type))],
            _ => [],
        };
    }

    public DuckDbColumnType Type { get; }

    public void Bind(nint vector)
    {
        _data = NativeMethods.duckdb_vector_get_data(vector);
        _validity = NativeMethods.duckdb_vector_get_validity(vector);
        switch (Type.Id)
        {
            case DuckDbTypeId.List:
                _children[0].Bind(NativeMethods.duckdb_list_vector_get_child(vector));
                break;
            case DuckDbTypeId.Array:
                _children[0].Bind(NativeMethods.duckdb_array_vector_get_child(vector));
                break;
            case DuckDbTypeId.Map:
            {
                // A MAP is a LIST of STRUCT(key, value).
                var entries = NativeMethods.duckdb_list_vector_get_child(vector);
                _children[0].Bind(NativeMethods.duckdb_struct_vector_get_child(entries, 0));
                _children[1].Bind(NativeMethods.duckdb_struct_vector_get_child(entries, 1));
                break;
            }

            case DuckDbTypeId.Struct:
            case DuckDbTypeId.Union: // a UNION is a STRUCT whose child 0 is the tag
                for (var i = 0; i < _children.Length; i++)
                {
                    _children[i].Bind(NativeMethods.duckdb_struct_vector_get_child(vector, (ulong)i));
                }

                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsValid(ulong row) => _validity == null || (_validity[row >> 6] & (1UL << (int)(row & 63))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Raw<T>(ulong row)
        where T : unmanaged => ((T*)_data)[row];

    public object? GetValue(ulong row) => IsValid(row) ? GetValidValue(row) : null;

    private object? GetValidValue(ulong row) => Type.Id switch
    {
        DuckDbTypeId.Boolean => Raw<byte>(row) != 0,
        DuckDbTypeId.TinyInt => Raw<sbyte>(row),
        DuckDbTypeId.SmallInt => Raw<short>(row),
        DuckDbTypeId.Integer => Raw<int>(row),
        DuckDbTypeId.BigInt => Raw<long>(row),
        DuckDbTypeId.UTinyInt => Raw<byte>(row),
        DuckDbTypeId.USmallInt => Raw<ushort>(row),
        DuckDbTypeId.UInteger => Raw<uint>(row),
        DuckDbTypeId.UBigInt => Raw<ulong>(row),
        DuckDbTypeId.HugeInt => Raw<Int128>(row),
        DuckDbTypeId.UHugeInt => Raw<UInt128>(row),
        DuckDbTypeId.Float => Raw<float>(row),
        DuckDbTypeId.Double => Raw<double>(row),
        DuckDbTypeId.Decimal => Type.DecimalWidth <= DuckDbDecimal.MaxSystemDecimalPrecision ? GetDecimal(row) : GetWideDecimal(row),
        DuckDbTypeId.Varchar => GetString(row),
        DuckDbTypeId.Blob or DuckDbTypeId.Geometry or DuckDbTypeId.BigNum => GetBytes(row),
        DuckDbTypeId.Bit => GetBitString(row),
        DuckDbTypeId.Enum => GetEnum(row),
        DuckDbTypeId.Date => GetDate(row),
        DuckDbTypeId.Time => new TimeOnly(Raw<long>(row) * 10),
        DuckDbTypeId.TimeNs => new TimeOnly(Raw<long>(row) / 100),
        DuckDbTypeId.TimeTz => DuckDbTimeTz.FromBits(Raw<ulong>(row)),
        DuckDbTypeId.Timestamp or DuckDbTypeId.TimestampS or DuckDbTypeId.TimestampMs or DuckDbTypeId.TimestampNs => GetDateTime(row),
        DuckDbTypeId.TimestampTz => new DateTimeOffset(GetDateTime(row).Ticks, TimeSpan.Zero),
        DuckDbTypeId.Interval => GetInterval(row),
        DuckDbTypeId.Uuid => GetGuid(row),
        DuckDbTypeId.List => GetList(row),
        DuckDbTypeId.Array => GetArray(row),
        DuckDbTypeId.Struct => GetStruct(row),
        DuckDbTypeId.Map => GetMap(row),
        DuckDbTypeId.Union => GetUnion(row),
        _ => throw new NotSupportedException(
            $"Reading DuckDB type {Type} into .NET is not supported; CAST it to VARCHAR or JSON in the query."),
    };

    public string GetString(ulong row)
    {
        var s = (DuckDbStringT*)_data + row;
        var length = (int)s->Length;
        var bytes = length <= 12 ? (byte*)s + 4 : (byte*)s->Pointer;
        return Encoding.UTF8.GetString(bytes, length);
    }

    public ReadOnlySpan<byte> GetUtf8(ulong row)
    {
        var s = (DuckDbStringT*)_data + row;
        var length = (int)s->Length;
        var bytes = length <= 12 ? (byte*)s + 4 : (byte*)s->Pointer;
        return new ReadOnlySpan<byte>(bytes, length);
    }

    public byte[] GetBytes(ulong row) => GetUtf8(row).ToArray();

    private string GetBitString(ulong row)
    {
        // BIT: the first byte counts the padding bits at the front of the second byte.
        var raw = GetUtf8(row);
        var padding = raw[0];
        var builder = new StringBuilder((raw.Length - 1) * 8);
        for (var i = 1; i < raw.Length; i++)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                if (i == 1 && 7 - bit < padding)
                {
                    continue;
                }

                builder.Append((raw[i] >> bit & 1) == 1 ? '1' : '0');
            }
        }

        return builder.ToString();
    }

    private string GetEnum(ulong row)
    {
        var index = Type.InternalType switch
        {
            DuckDbTypeId.UTinyInt => Raw<byte>(row),
            DuckDbTypeId.USmallInt => Raw<ushort>(row),
            _ => (int)Raw<uint>(row),
        };
        return Type.EnumValues[index];
    }

    public Int128 GetUnscaledDecimal(ulong row) => Type.InternalType switch
    {
        DuckDbTypeId.SmallInt => Raw<short>(row),
        DuckDbTypeId.Integer => Raw<int>(row),
        DuckDbTypeId.BigInt => Raw<long>(row),
        _ => Raw<Int128>(row),
    };

    public decimal GetDecimal(ulong row)
    {
        var unscaled = GetUnscaledDecimal(row);
        if (Type.DecimalWidth <= DuckDbDecimal.MaxSystemDecimalPrecision)
        {
            var negative = unscaled < 0;
            var magnitude = (UInt128)(negative ? -unscaled : unscaled);
            return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, Type.DecimalScale);
        }

        return new DuckDbDecimal(unscaled, Type.DecimalScale).ToDecimal();
    }

    public DuckDbDecimal GetWideDecimal(ulong row) => new(GetUnscaledDecimal(row), Type.DecimalScale);

    public DateOnly GetDate(ulong row)
    {
        var days = Raw<int>(row);
        return days switch
        {
            int.MaxValue => DateOnly.MaxValue, // DuckDB's 'infinity'
            -int.MaxValue => DateOnly.MinValue, // '-infinity'
            _ => DateOnly.FromDayNumber(checked(days + UnixEpochDayNumber)),
        };
    }

    public DateTime GetDateTime(ulong row)
    {
        var value = Raw<long>(row);
        if (value == long.MaxValue)
        {
            return DateTime.MaxValue; // 'infinity'
        }

        if (value == -long.MaxValue)
        {
            return DateTime.MinValue; // '-infinity'
        }

        var ticks = Type.Id switch
        {
            DuckDbTypeId.TimestampS => checked(value * TimeSpan.TicksPerSecond),
            DuckDbTypeId.TimestampMs => checked(value * TimeSpan.TicksPerMillisecond),
            DuckDbTypeId.TimestampNs => value / 100,
            _ => checked(value * 10),
        };
        return new DateTime(checked(UnixEpochTicks + ticks), Type.Id == DuckDbTypeId.TimestampTz ? DateTimeKind.Utc : DateTimeKind.Unspecified);
    }

    private DuckDbInterval GetInterval(ulong row)
    {
        var i = Raw<DuckDbIntervalStruct>(row);
        return new DuckDbInterval(i.Months, i.Days, i.Micros);
    }

    public Guid GetGuid(ulong row)
    {
        // DuckDB stores a UUID as a hugeint with the top bit flipped, so that signed order is byte order.
        var h = Raw<DuckDbHugeIntStruct>(row);
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)h.Upper ^ 0x8000000000000000UL);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], h.Lower);
        return new Guid(bytes, bigEndian: true);
    }

    private List<object?> GetList(ulong row)
    {
        var entry = Raw<DuckDbListEntry>(row);
        var list = new List<object?>((int)entry.Length);
        for (var i = 0UL; i < entry.Length; i++)
        {
            list.Add(_children[0].GetValue(entry.Offset + i));
        }

        return list;
    }

    private List<object?> GetArray(ulong row)
    {
        var size = Type.ArraySize;
        var list = new List<object?>((int)size);
        for (var i = 0UL; i < size; i++)
        {
            list.Add(_children[0].GetValue((row * size) + i));
        }

        return list;
    }

    private Dictionary<string, object?> GetStruct(ulong row)
    {
        var fields = Type.Fields;
        var result = new Dictionary<string, object?>(fields.Count, StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            result[fields[i].Name] = _children[i].GetValue(row);
        }

        return result;
    }

    private Dictionary<object, object?> GetMap(ulong row)
    {
        var entry = Raw<DuckDbListEntry>(row);
        var result = new Dictionary<object, object?>((int)entry.Length);
        for (var i = 0UL; i < entry.Length; i++)
        {
            var key = _children[0].GetValue(entry.Offset + i)
                ?? throw new InvalidOperationException("DuckDB returned a MAP entry with a NULL key.");
            result[key] = _children[1].GetValue(entry.Offset + i);
        }

        return result;
    }

    private object? GetUnion(ulong row)
    {
        var tag = _children[0].Raw<byte>(row);
        return _children[tag + 1].GetValue(row);
    }
}
