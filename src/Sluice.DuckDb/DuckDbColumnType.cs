using System.Globalization;
using System.Text;
using Sluice.DuckDb.Native;

namespace Sluice.DuckDb;

/// <summary>
/// A DuckDB logical type, fully described (decimal width and scale, list/array children, struct fields, map key and
/// value, enum dictionary, union members, and the alias such as <c>JSON</c>). Immutable; safe to share.
/// </summary>
public sealed class DuckDbColumnType : IEquatable<DuckDbColumnType>
{
    private DuckDbColumnType(DuckDbTypeId id) => Id = id;

    public DuckDbTypeId Id { get; private init; }

    /// <summary>The type's alias, such as <c>JSON</c> for DuckDB's JSON type (a VARCHAR underneath); otherwise null.</summary>
    public string? Alias { get; private init; }

    public byte DecimalWidth { get; private init; }

    public byte DecimalScale { get; private init; }

    /// <summary>The storage type of a DECIMAL (SMALLINT, INTEGER, BIGINT or HUGEINT) or of an ENUM's index.</summary>
    public DuckDbTypeId InternalType { get; private init; }

    /// <summary>The element type of a LIST or ARRAY.</summary>
    public DuckDbColumnType? ElementType { get; private init; }

    public ulong ArraySize { get; private init; }

    /// <summary>STRUCT fields and UNION members, in order.</summary>
    public IReadOnlyList<DuckDbField> Fields { get; private init; } = [];

    public DuckDbColumnType? KeyType { get; private init; }

    public DuckDbColumnType? ValueType { get; private init; }

    public IReadOnlyList<string> EnumValues { get; private init; } = [];

    public bool IsJson => string.Equals(Alias, "JSON", StringComparison.OrdinalIgnoreCase);

    public static DuckDbColumnType Boolean { get; } = new(DuckDbTypeId.Boolean);
    public static DuckDbColumnType TinyInt { get; } = new(DuckDbTypeId.TinyInt);
    public static DuckDbColumnType SmallInt { get; } = new(DuckDbTypeId.SmallInt);
    public static DuckDbColumnType Integer { get; } = new(DuckDbTypeId.Integer);
    public static DuckDbColumnType BigInt { get; } = new(DuckDbTypeId.BigInt);
    public static DuckDbColumnType HugeInt { get; } = new(DuckDbTypeId.HugeInt);
    public static DuckDbColumnType UBigInt { get; } = new(DuckDbTypeId.UBigInt);
    public static DuckDbColumnType Float { get; } = new(DuckDbTypeId.Float);
    public static DuckDbColumnType Double { get; } = new(DuckDbTypeId.Double);
    public static DuckDbColumnType Varchar { get; } = new(DuckDbTypeId.Varchar);
    public static DuckDbColumnType Blob { get; } = new(DuckDbTypeId.Blob);
    public static DuckDbColumnType Date { get; } = new(DuckDbTypeId.Date);
    public static DuckDbColumnType Time { get; } = new(DuckDbTypeId.Time);
    public static DuckDbColumnType Timestamp { get; } = new(DuckDbTypeId.Timestamp);
    public static DuckDbColumnType TimestampMs { get; } = new(DuckDbTypeId.TimestampMs);
    public static DuckDbColumnType TimestampTz { get; } = new(DuckDbTypeId.TimestampTz);
    public static DuckDbColumnType Interval { get; } = new(DuckDbTypeId.Interval);
    public static DuckDbColumnType Uuid { get; } = new(DuckDbTypeId.Uuid);
    public static DuckDbColumnType Any { get; } = new(DuckDbTypeId.Any);
    public static DuckDbColumnType Json { get; } = new(DuckDbTypeId.Varchar) { Alias = "JSON" };

    /// <summary>A type with no parameters (not DECIMAL, LIST, ARRAY, STRUCT, MAP, ENUM or UNION).</summary>
    public static DuckDbColumnType Of(DuckDbTypeId id) => id switch
    {
        DuckDbTypeId.Decimal or DuckDbTypeId.List or DuckDbTypeId.Array or DuckDbTypeId.Struct or DuckDbTypeId.Map
            or DuckDbTypeId.Enum or DuckDbTypeId.Union =>
            throw new ArgumentException($"{id} needs parameters; use the matching factory method.", nameof(id)),
        _ => new DuckDbColumnType(id),
    };

    public static DuckDbColumnType Decimal(byte width, byte scale)
    {
        if (width is < 1 or > 38 || scale > width)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"DECIMAL({width},{scale}) is not valid: width must be 1..38 and scale at most the width.");
        }

        return new DuckDbColumnType(DuckDbTypeId.Decimal)
        {
            DecimalWidth = width,
            DecimalScale = scale,
            InternalType = width switch
            {
                <= 4 => DuckDbTypeId.SmallInt,
                <= 9 => DuckDbTypeId.Integer,
                <= 18 => DuckDbTypeId.BigInt,
                _ => DuckDbTypeId.HugeInt,
            },
        };
    }

    public static DuckDbColumnType ListOf(DuckDbColumnType element) =>
        new(DuckDbTypeId.List) { ElementType = element };

    public static DuckDbColumnType ArrayOf(DuckDbColumnType element, ulong size) =>
        new(DuckDbTypeId.Array) { ElementType = element, ArraySize = size };

    public static DuckDbColumnType MapOf(DuckDbColumnType key, DuckDbColumnType value) =>
        new(DuckDbTypeId.Map) { KeyType = key, ValueType = value };

    public static DuckDbColumnType StructOf(params IEnumerable<DuckDbField> fields) =>
        new(DuckDbTypeId.Struct) { Fields = fields.ToArray() };

    public static DuckDbColumnType EnumOf(params IEnumerable<string> values)
    {
        var list = values.ToArray();
        return new DuckDbColumnType(DuckDbTypeId.Enum)
        {
            EnumValues = list,
            InternalType = list.Length switch
            {
                <= byte.MaxValue => DuckDbTypeId.UTinyInt,
                <= ushort.MaxValue => DuckDbTypeId.USmallInt,
                _ => DuckDbTypeId.UInteger,
            },
        };
    }

    /// <summary>The .NET type that the reader returns for a non-NULL value of this type.</summary>
    public Type ClrType => Id switch
    {
        DuckDbTypeId.Boolean => typeof(bool),
        DuckDbTypeId.TinyInt => typeof(sbyte),
        DuckDbTypeId.SmallInt => typeof(short),
        DuckDbTypeId.Integer => typeof(int),
        DuckDbTypeId.BigInt => typeof(long),
        DuckDbTypeId.UTinyInt => typeof(byte),
        DuckDbTypeId.USmallInt => typeof(ushort),
        DuckDbTypeId.UInteger => typeof(uint),
        DuckDbTypeId.UBigInt => typeof(ulong),
        DuckDbTypeId.HugeInt => typeof(Int128),
        DuckDbTypeId.UHugeInt => typeof(UInt128),
        DuckDbTypeId.Float => typeof(float),
        DuckDbTypeId.Double => typeof(double),
        DuckDbTypeId.Decimal => DecimalWidth <= DuckDbDecimal.MaxSystemDecimalPrecision ? typeof(decimal) : typeof(DuckDbDecimal),
        DuckDbTypeId.Varchar or DuckDbTypeId.Enum or DuckDbTypeId.Bit => typeof(string),
        DuckDbTypeId.Blob or DuckDbTypeId.Geometry or DuckDbTypeId.BigNum => typeof(byte[]),
        DuckDbTypeId.Date => typeof(DateOnly),
        DuckDbTypeId.Time or DuckDbTypeId.TimeNs => typeof(TimeOnly),
        DuckDbTypeId.TimeTz => typeof(DuckDbTimeTz),
        DuckDbTypeId.Timestamp or DuckDbTypeId.TimestampS or DuckDbTypeId.TimestampMs or DuckDbTypeId.TimestampNs => typeof(DateTime),
        DuckDbTypeId.TimestampTz => typeof(DateTimeOffset),
        DuckDbTypeId.Interval => typeof(DuckDbInterval),
        DuckDbTypeId.Uuid => typeof(Guid),
        DuckDbTypeId.List or DuckDbTypeId.Array => typeof(List<object?>),
        DuckDbTypeId.Struct => typeof(Dictionary<string, object?>),
        DuckDbTypeId.Map => typeof(Dictionary<object, object?>),
        DuckDbTypeId.Union => typeof(object),
        DuckDbTypeId.SqlNull => typeof(object),
        _ => typeof(object),
    };

    /// <summary>DuckDB's SQL spelling of the type, e.g. <c>DECIMAL(18,3)</c>, <c>INTEGER[]</c>, <c>STRUCT(a INTEGER)</c>.</summary>
    public override string ToString()
    {
        if (Alias is not null)
        {
            return Alias.ToUpperInvariant();
        }

        return Id switch
        {
            DuckDbTypeId.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({DecimalWidth},{DecimalScale})"),
            DuckDbTypeId.List => $"{ElementType}[]",
            DuckDbTypeId.Array => string.Create(CultureInfo.InvariantCulture, $"{ElementType}[{ArraySize}]"),
            DuckDbTypeId.Map => $"MAP({KeyType}, {ValueType})",
            DuckDbTypeId.Struct => $"STRUCT({string.Join(", ", Fields.Select(f => $"{QuoteName(f.Name)} {f.Type}"))})",
            DuckDbTypeId.Union => $"UNION({string.Join(", ", Fields.Select(f => $"{QuoteName(f.Name)} {f.Type}"))})",
            DuckDbTypeId.Enum => $"ENUM({string.Join(", ", EnumValues.Select(v => "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'"))})",
            _ => SqlName(Id),
        };
    }

    private static string QuoteName(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && name.Length > 0 && !char.IsAsciiDigit(name[0])
            ? name
            : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string SqlName(DuckDbTypeId id) => id switch
    {
        DuckDbTypeId.TinyInt => "TINYINT",
        DuckDbTypeId.SmallInt => "SMALLINT",
        DuckDbTypeId.Integer => "INTEGER",
        DuckDbTypeId.BigInt => "BIGINT",
        DuckDbTypeId.UTinyInt => "UTINYINT",
        DuckDbTypeId.USmallInt => "USMALLINT",
        DuckDbTypeId.UInteger => "UINTEGER",
        DuckDbTypeId.UBigInt => "UBIGINT",
        DuckDbTypeId.HugeInt => "HUGEINT",
        DuckDbTypeId.UHugeInt => "UHUGEINT",
        DuckDbTypeId.TimestampS => "TIMESTAMP_S",
        DuckDbTypeId.TimestampMs => "TIMESTAMP_MS",
        DuckDbTypeId.TimestampNs => "TIMESTAMP_NS",
        DuckDbTypeId.TimestampTz => "TIMESTAMP WITH TIME ZONE",
        DuckDbTypeId.TimeTz => "TIME WITH TIME ZONE",
        DuckDbTypeId.TimeNs => "TIME_NS",
        DuckDbTypeId.SqlNull => "\"NULL\"",
        DuckDbTypeId.BigNum => "BIGNUM",
        _ => id.ToString().ToUpperInvariant(),
    };

    public bool Equals(DuckDbColumnType? other) =>
        other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is DuckDbColumnType other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>Describes a native logical type. Does not take ownership of <paramref name="type"/>.</summary>
    internal static unsafe DuckDbColumnType FromNative(nint type)
    {
        var id = NativeMethods.duckdb_get_type_id(type);
        var alias = NativeMethods.ReadAndFree(NativeMethods.duckdb_logical_type_get_alias(type));
        switch (id)
        {
            case DuckDbTypeId.Decimal:
                return new DuckDbColumnType(id)
                {
                    Alias = alias,
                    DecimalWidth = NativeMethods.duckdb_decimal_width(type),
                    DecimalScale = NativeMethods.duckdb_decimal_scale(type),
                    InternalType = NativeMethods.duckdb_decimal_internal_type(type),
                };
            case DuckDbTypeId.Enum:
            {
                var size = NativeMethods.duckdb_enum_dictionary_size(type);
                var values = new string[size];
                for (uint i = 0; i < size; i++)
                {
                    values[i] = NativeMethods.ReadAndFree(NativeMethods.duckdb_enum_dictionary_value(type, i)) ?? string.Empty;
                }

                return new DuckDbColumnType(id) { Alias = alias, EnumValues = values, InternalType = NativeMethods.duckdb_enum_internal_type(type) };
            }

            case DuckDbTypeId.List:
                return new DuckDbColumnType(id) { Alias = alias, ElementType = Child(NativeMethods.duckdb_list_type_child_type(type)) };
            case DuckDbTypeId.Array:
                return new DuckDbColumnType(id)
                {
                    Alias = alias,
                    ElementType = Child(NativeMethods.duckdb_array_type_child_type(type)),
                    ArraySize = NativeMethods.duckdb_array_type_array_size(type),
                };
            case DuckDbTypeId.Map:
                return new DuckDbColumnType(id)
                {
                    Alias = alias,
                    KeyType = Child(NativeMethods.duckdb_map_type_key_type(type)),
                    ValueType = Child(NativeMethods.duckdb_map_type_value_type(type)),
                };
            case DuckDbTypeId.Struct:
            {
                var count = NativeMethods.duckdb_struct_type_child_count(type);
                var fields = new DuckDbField[count];
                for (ulong i = 0; i < count; i++)
                {
                    fields[i] = new DuckDbField(
                        NativeMethods.ReadAndFree(NativeMethods.duckdb_struct_type_child_name(type, i)) ?? string.Empty,
                        Child(NativeMethods.duckdb_struct_type_child_type(type, i)));
                }

                return new DuckDbColumnType(id) { Alias = alias, Fields = fields };
            }

            case DuckDbTypeId.Union:
            {
                var count = NativeMethods.duckdb_union_type_member_count(type);
                var fields = new DuckDbField[count];
                for (ulong i = 0; i < count; i++)
                {
                    fields[i] = new DuckDbField(
                        NativeMethods.ReadAndFree(NativeMethods.duckdb_union_type_member_name(type, i)) ?? string.Empty,
                        Child(NativeMethods.duckdb_union_type_member_type(type, i)));
                }

                return new DuckDbColumnType(id) { Alias = alias, Fields = fields };
            }

            default:
                return new DuckDbColumnType(id) { Alias = alias };
        }
    }

    private static DuckDbColumnType Child(nint owned)
    {
        try
        {
            return FromNative(owned);
        }
        finally
        {
            NativeMethods.duckdb_destroy_logical_type(ref owned);
        }
    }

    /// <summary>Creates a native logical type; the caller destroys it.</summary>
    internal unsafe nint ToNative()
    {
        nint created;
        switch (Id)
        {
            case DuckDbTypeId.Decimal:
                created = NativeMethods.duckdb_create_decimal_type(DecimalWidth, DecimalScale);
                break;
            case DuckDbTypeId.List:
            {
                var child = ElementType!.ToNative();
                created = NativeMethods.duckdb_create_list_type(child);
                NativeMethods.duckdb_destroy_logical_type(ref child);
                break;
            }

            case DuckDbTypeId.Array:
            {
                var child = ElementType!.ToNative();
                created = NativeMethods.duckdb_create_array_type(child, ArraySize);
                NativeMethods.duckdb_destroy_logical_type(ref child);
                break;
            }

            case DuckDbTypeId.Map:
            {
                var key = KeyType!.ToNative();
                var value = ValueType!.ToNative();
                created = NativeMethods.duckdb_create_map_type(key, value);
                NativeMethods.duckdb_destroy_logical_type(ref key);
                NativeMethods.duckdb_destroy_logical_type(ref value);
                break;
            }

            case DuckDbTypeId.Struct:
                created = CreateWithNames(Fields.Select(f => f.Name).ToArray(), Fields.Select(f => f.Type).ToArray());
                break;
            case DuckDbTypeId.Enum:
                created = CreateWithNames(EnumValues.ToArray(), null);
                break;
            case DuckDbTypeId.Union:
                throw new NotSupportedException("Creating UNION types from .NET is not supported; declare the column in SQL instead.");
            default:
                created = NativeMethods.duckdb_create_logical_type(Id);
                break;
        }

        if (Alias is not null)
        {
            NativeMethods.duckdb_logical_type_set_alias(created, Alias);
        }

        return created;
    }

    private static unsafe nint CreateWithNames(string[] names, DuckDbColumnType[]? types)
    {
        var count = names.Length;
        var nameBytes = names.Select(n => Encoding.UTF8.GetBytes(n + "\0")).ToArray();
        var handles = new System.Runtime.InteropServices.GCHandle[count];
        var namePtrs = new byte*[count];
        var typePtrs = new nint[count];
        try
        {
            for (var i = 0; i < count; i++)
            {
                handles[i] = System.Runtime.InteropServices.GCHandle.Alloc(nameBytes[i], System.Runtime.InteropServices.GCHandleType.Pinned);
                namePtrs[i] = (byte*)handles[i].AddrOfPinnedObject();
                if (types is not null)
                {
                    typePtrs[i] = types[i].ToNative();
                }
            }

            fixed (byte** np = namePtrs)
            fixed (nint* tp = typePtrs)
            {
                return types is null
                    ? NativeMethods.duckdb_create_enum_type(np, (ulong)count)
                    : NativeMethods.duckdb_create_struct_type(tp, np, (ulong)count);
            }
        }
        finally
        {
            for (var i = 0; i < count; i++)
            {
                if (handles[i].IsAllocated)
                {
                    handles[i].Free();
                }

                if (typePtrs[i] != 0)
                {
                    NativeMethods.duckdb_destroy_logical_type(ref typePtrs[i]);
                }
            }
        }
    }
}
