using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Sluice.DuckDb.Native;

namespace Sluice.DuckDb.Vectors;

/// <summary>
/// Writes .NET values into one DuckDB vector of a data chunk that Sluice owns (appender chunks, scalar function
/// results). Bound to the vector after every chunk reset; nested types recurse into child vectors.
/// </summary>
internal sealed unsafe class VectorWriter
{
    private const long UnixEpochTicks = 621355968000000000L;
    private const int UnixEpochDayNumber = 719162;

    private readonly VectorWriter[] _children;
    private readonly Dictionary<string, int>? _enumIndex;
    private nint _vector;
    private void* _data;
    private ulong* _validity;

    public VectorWriter(DuckDbColumnType type, string name)
    {
        Type = type;
        Name = name;
        _children = type.Id switch
        {
            DuckDbTypeId.List or DuckDbTypeId.Array => [new VectorWriter(type.ElementType!, name + "[]")],
            DuckDbTypeId.Map => [new VectorWriter(type.KeyType!, name + ".key"), new VectorWriter(type.ValueType!, name + ".value")],
            DuckDbTypeId.Struct => type.Fields.Select(f => new VectorWriter(f.Type, name + "." + f.Name)).ToArray(),
            _ => [],
        };
        if (type.Id == DuckDbTypeId.Enum)
        {
            _enumIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < type.EnumValues.Count; i++)
            {
                _enumIndex[type.EnumValues[i]] = i;
            }
        }
    }

    public DuckDbColumnType Type { get; }

    public string Name { get; }

    public void Bind(nint vector)
    {
        _vector = vector;
        _data = NativeMethods.duckdb_vector_get_data(vector);
        _validity = null;
        switch (Type.Id)
        {
            case DuckDbTypeId.Array:
                _children[0].Bind(NativeMethods.duckdb_array_vector_get_child(vector));
                break;
            case DuckDbTypeId.Struct:
                for (var i = 0; i < _children.Length; i++)
                {
                    _children[i].Bind(NativeMethods.duckdb_struct_vector_get_child(vector, (ulong)i));
                }

                break;

            // LIST and MAP children are bound when written: reserving list space may move the child's buffers.
        }
    }

    public void SetNull(ulong row)
    {
        if (_validity == null)
        {
            NativeMethods.duckdb_vector_ensure_validity_writable(_vector);
            _validity = NativeMethods.duckdb_vector_get_validity(_vector);
        }

        _validity[row >> 6] &= ~(1UL << (int)(row & 63));
        if (Type.Id == DuckDbTypeId.Struct)
        {
            // A NULL struct still needs its children marked, or DuckDB reads garbage through them.
            foreach (var child in _children)
            {
                child.SetNull(row);
            }
        }
        else if (Type.Id == DuckDbTypeId.Array)
        {
            for (var i = 0UL; i < Type.ArraySize; i++)
            {
                _children[0].SetNull((row * Type.ArraySize) + i);
            }
        }
        else if (Type.Id is DuckDbTypeId.List or DuckDbTypeId.Map)
        {
            ((DuckDbListEntry*)_data)[row] = default;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteRaw<T>(ulong row, T value)
        where T : unmanaged => ((T*)_data)[row] = value;

    public void WriteInt64(ulong row, long value)
    {
        switch (Type.Id)
        {
            case DuckDbTypeId.BigInt: WriteRaw(row, value); break;
            case DuckDbTypeId.Integer: WriteRaw(row, checked((int)value)); break;
            case DuckDbTypeId.SmallInt: WriteRaw(row, checked((short)value)); break;
            case DuckDbTypeId.TinyInt: WriteRaw(row, checked((sbyte)value)); break;
            case DuckDbTypeId.UTinyInt: WriteRaw(row, checked((byte)value)); break;
            case DuckDbTypeId.USmallInt: WriteRaw(row, checked((ushort)value)); break;
            case DuckDbTypeId.UInteger: WriteRaw(row, checked((uint)value)); break;
            case DuckDbTypeId.UBigInt: WriteRaw(row, checked((ulong)value)); break;
            case DuckDbTypeId.HugeInt: WriteRaw(row, (Int128)value); break;
            case DuckDbTypeId.UHugeInt: WriteRaw(row, checked((UInt128)value)); break;
            case DuckDbTypeId.Double: WriteRaw(row, (double)value); break;
            case DuckDbTypeId.Float: WriteRaw(row, (float)value); break;
            case DuckDbTypeId.Decimal: WriteDecimal(row, new DuckDbDecimal(value, 0)); break;
            default: throw Mismatch(value);
        }
    }

    public void WriteDouble(ulong row, double value)
    {
        switch (Type.Id)
        {
            case DuckDbTypeId.Double: WriteRaw(row, value); break;
            case DuckDbTypeId.Float: WriteRaw(row, (float)value); break;
            case DuckDbTypeId.Decimal: WriteDecimal(row, DuckDbDecimal.FromDecimal((decimal)value)); break;
            default: throw Mismatch(value);
        }
    }

    public void WriteString(ulong row, string value)
    {
        switch (Type.Id)
        {
            case DuckDbTypeId.Varchar:
            case DuckDbTypeId.Blob:
            {
                var max = Encoding.UTF8.GetMaxByteCount(value.Length);
                if (max <= 512)
                {
                    byte* buffer = stackalloc byte[max];
                    int written;
                    fixed (char* chars = value)
                    {
                        written = Encoding.UTF8.GetBytes(chars, value.Length, buffer, max);
                    }

                    NativeMethods.duckdb_vector_assign_string_element_len(_vector, row, buffer, (ulong)written);
                }
                else
                {
                    WriteBytes(row, Encoding.UTF8.GetBytes(value));
                }

                break;
            }

            case DuckDbTypeId.Enum:
                if (!_enumIndex!.TryGetValue(value, out var index))
                {
                    throw new ArgumentException($"'{value}' is not a value of the ENUM column '{Name}' ({Type}).");
                }

                switch (Type.InternalType)
                {
                    case DuckDbTypeId.UTinyInt: WriteRaw(row, (byte)index); break;
                    case DuckDbTypeId.USmallInt: WriteRaw(row, (ushort)index); break;
                    default: WriteRaw(row, (uint)index); break;
                }

                break;
            default:
                throw Mismatch(value);
        }
    }

    public void WriteBytes(ulong row, ReadOnlySpan<byte> value)
    {
        if (Type.Id is not (DuckDbTypeId.Blob or DuckDbTypeId.Varchar))
        {
            throw Mismatch(value.ToArray());
        }

        fixed (byte* p = value)
        {
            NativeMethods.duckdb_vector_assign_string_element_len(_vector, row, p, (ulong)value.Length);
        }
    }

    public void WriteDateTime(ulong row, DateTime value)
    {
        if (value.Kind == DateTimeKind.Local)
        {
            value = value.ToUniversalTime();
        }

        var ticks = value.Ticks - UnixEpochTicks;
        switch (Type.Id)
        {
            case DuckDbTypeId.Timestamp:
            case DuckDbTypeId.TimestampTz:
                WriteRaw(row, ticks / 10); break;
            case DuckDbTypeId.TimestampMs: WriteRaw(row, ticks / TimeSpan.TicksPerMillisecond); break;
            case DuckDbTypeId.TimestampS: WriteRaw(row, ticks / TimeSpan.TicksPerSecond); break;
            case DuckDbTypeId.TimestampNs: WriteRaw(row, checked(ticks * 100)); break;
            case DuckDbTypeId.Date: WriteRaw(row, DateOnly.FromDateTime(value).DayNumber - UnixEpochDayNumber); break;
            default: throw Mismatch(value);
        }
    }

    public void WriteDecimal(ulong row, DuckDbDecimal value)
    {
        switch (Type.Id)
        {
            case DuckDbTypeId.Decimal:
            {
                var unscaled = value.Rescale(Type.DecimalScale).Unscaled;
                var limit = DuckDbDecimal.Int128Pow10(Type.DecimalWidth);
                if (unscaled >= limit || unscaled <= -limit)
                {
                    throw new OverflowException($"The value {value} does not fit column '{Name}' ({Type}).");
                }

                switch (Type.InternalType)
                {
                    case DuckDbTypeId.SmallInt: WriteRaw(row, (short)unscaled); break;
                    case DuckDbTypeId.Integer: WriteRaw(row, (int)unscaled); break;
                    case DuckDbTypeId.BigInt: WriteRaw(row, (long)unscaled); break;
                    default: WriteRaw(row, unscaled); break;
                }

                break;
            }

            case DuckDbTypeId.Double: WriteRaw(row, (double)value.ToDecimal()); break;
            case DuckDbTypeId.Float: WriteRaw(row, (float)value.ToDecimal()); break;
            default: throw Mismatch(value);
        }
    }

    /// <summary>Writes any supported value (null for NULL), converting where the conversion loses nothing.</summary>
    public void Write(ulong row, object? value)
    {
        switch (value)
        {
            case null or DBNull: SetNull(row); return;
            case string s: WriteString(row, s); return;
            case long l: WriteInt64(row, l); return;
            case int i: WriteInt64(row, i); return;
            case short s16: WriteInt64(row, s16); return;
            case sbyte s8: WriteInt64(row, s8); return;
            case byte u8: WriteInt64(row, u8); return;
            case ushort u16: WriteInt64(row, u16); return;
            case uint u32: WriteInt64(row, u32); return;
            case ulong u64 when Type.Id == DuckDbTypeId.UBigInt: WriteRaw(row, u64); return;
            case ulong u64: WriteInt64(row, checked((long)u64)); return;
            case double d: WriteDouble(row, d); return;
            case float f when Type.Id == DuckDbTypeId.Float: WriteRaw(row, f); return;
            case float f: WriteDouble(row, f); return;
            case decimal m: WriteDecimal(row, DuckDbDecimal.FromDecimal(m)); return;
            case DuckDbDecimal wide: WriteDecimal(row, wide); return;
            case bool b when Type.Id == DuckDbTypeId.Boolean: WriteRaw(row, (byte)(b ? 1 : 0)); return;
            case DateTime dt: WriteDateTime(row, dt); return;
            case DateTimeOffset dto: WriteDateTime(row, dto.UtcDateTime); return;
            case DateOnly date when Type.Id == DuckDbTypeId.Date: WriteRaw(row, date.DayNumber - UnixEpochDayNumber); return;
            case DateOnly date: WriteDateTime(row, date.ToDateTime(TimeOnly.MinValue)); return;
            case TimeOnly time when Type.Id == DuckDbTypeId.Time: WriteRaw(row, time.Ticks / 10); return;
            case TimeOnly time when Type.Id == DuckDbTypeId.TimeNs: WriteRaw(row, time.Ticks * 100); return;
            case DuckDbTimeTz timeTz when Type.Id == DuckDbTypeId.TimeTz: WriteRaw(row, timeTz.ToBits()); return;
            case DuckDbInterval iv when Type.Id == DuckDbTypeId.Interval:
                WriteRaw(row, new DuckDbIntervalStruct { Months = iv.Months, Days = iv.Days, Micros = iv.Microseconds }); return;
            case TimeSpan span when Type.Id == DuckDbTypeId.Interval:
                WriteRaw(row, new DuckDbIntervalStruct { Micros = span.Ticks / 10 }); return;
            case Guid guid when Type.Id == DuckDbTypeId.Uuid: WriteGuid(row, guid); return;
            case Int128 big when Type.Id == DuckDbTypeId.HugeInt: WriteRaw(row, big); return;
            case UInt128 ubig when Type.Id == DuckDbTypeId.UHugeInt: WriteRaw(row, ubig); return;
            case BigInteger bi when Type.Id == DuckDbTypeId.HugeInt: WriteRaw(row, (Int128)bi); return;
            case byte[] bytes: WriteBytes(row, bytes); return;
        }

        switch (Type.Id)
        {
            case DuckDbTypeId.List when value is IEnumerable items && value is not IDictionary:
                WriteList(row, items.Cast<object?>().ToList());
                return;
            case DuckDbTypeId.Array when value is IEnumerable items:
                WriteArray(row, items.Cast<object?>().ToList());
                return;
            case DuckDbTypeId.Map when value is IDictionary map:
            {
                var entries = new List<KeyValuePair<object?, object?>>(map.Count);
                var enumerator = map.GetEnumerator();
                while (enumerator.MoveNext())
                {
                    entries.Add(new KeyValuePair<object?, object?>(enumerator.Key, enumerator.Value));
                }

                WriteMap(row, entries);
                return;
            }

            case DuckDbTypeId.Struct when value is IDictionary<string, object?> fields:
                WriteStruct(row, name => fields.TryGetValue(name, out var v) ? v : null);
                return;
            case DuckDbTypeId.Struct when value is ITuple tuple && tuple.Length == _children.Length:
                WriteStruct(row, Type.Fields.Select((f, i) => (f.Name, Value: tuple[i])).ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal).GetValueOrDefault);
                return;
            case DuckDbTypeId.Struct when value is IList positional && positional.Count == _children.Length:
                WriteStruct(row, Type.Fields.Select((f, i) => (f.Name, Value: positional[i])).ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal).GetValueOrDefault);
                return;
            default:
                throw Mismatch(value);
        }
    }

    private void WriteGuid(ulong row, Guid guid)
    {
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        WriteRaw(row, new DuckDbHugeIntStruct
        {
            Upper = (long)(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes) ^ 0x8000000000000000UL),
            Lower = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
        });
    }

    private void WriteList(ulong row, List<object?> items)
    {
        var offset = NativeMethods.duckdb_list_vector_get_size(_vector);
        var newSize = offset + (ulong)items.Count;
        NativeMethods.duckdb_list_vector_reserve(_vector, newSize);
        NativeMethods.duckdb_list_vector_set_size(_vector, newSize);
        _data = NativeMethods.duckdb_vector_get_data(_vector);
        _children[0].Bind(NativeMethods.duckdb_list_vector_get_child(_vector));
        for (var i = 0; i < items.Count; i++)
        {
            _children[0].Write(offset + (ulong)i, items[i]);
        }

        ((DuckDbListEntry*)_data)[row] = new DuckDbListEntry { Offset = offset, Length = (ulong)items.Count };
    }

    private void WriteArray(ulong row, List<object?> items)
    {
        if ((ulong)items.Count != Type.ArraySize)
        {
            throw new ArgumentException($"Column '{Name}' is {Type} and needs exactly {Type.ArraySize} elements; got {items.Count}.");
        }

        for (var i = 0; i < items.Count; i++)
        {
            _children[0].Write((row * Type.ArraySize) + (ulong)i, items[i]);
        }
    }

    private void WriteMap(ulong row, List<KeyValuePair<object?, object?>> entries)
    {
        var offset = NativeMethods.duckdb_list_vector_get_size(_vector);
        var newSize = offset + (ulong)entries.Count;
        NativeMethods.duckdb_list_vector_reserve(_vector, newSize);
        NativeMethods.duckdb_list_vector_set_size(_vector, newSize);
        _data = NativeMethods.duckdb_vector_get_data(_vector);
        var structVector = NativeMethods.duckdb_list_vector_get_child(_vector);
        _children[0].Bind(NativeMethods.duckdb_struct_vector_get_child(structVector, 0));
        _children[1].Bind(NativeMethods.duckdb_struct_vector_get_child(structVector, 1));
        for (var i = 0; i < entries.Count; i++)
        {
            var key = entries[i].Key ?? throw new ArgumentException($"Column '{Name}' is a MAP, and a MAP key cannot be NULL.");
            _children[0].Write(offset + (ulong)i, key);
            _children[1].Write(offset + (ulong)i, entries[i].Value);
        }

        ((DuckDbListEntry*)_data)[row] = new DuckDbListEntry { Offset = offset, Length = (ulong)entries.Count };
    }

    private void WriteStruct(ulong row, Func<string, object?> field)
    {
        for (var i = 0; i < _children.Length; i++)
        {
            _children[i].Write(row, field(Type.Fields[i].Name));
        }
    }

    private ArgumentException Mismatch(object value) => new(
        string.Create(CultureInfo.InvariantCulture, $"Column '{Name}' is {Type} and cannot take the .NET value {Describe(value)} ({value.GetType().Name}). ") +
        "Pass a value of the matching .NET type (see DuckDbColumnType.ClrType) or CAST in SQL.");

    private static string Describe(object value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        return text.Length > 40 ? "'" + text[..40] + "...'" : "'" + text + "'";
    }
}
