using System.Text;
using Sluice.DuckDb.Native;

namespace Sluice.DuckDb;

/// <summary>
/// A prepared statement with typed parameters. Parameters are 1-based (<c>?</c> or <c>$1</c>) or named
/// (<c>$name</c>). Bindings persist between executions until rebound or <see cref="ClearBindings"/>.
/// </summary>
public sealed unsafe class DuckDbPreparedStatement : IDisposable
{
    private const long UnixEpochTicks = 621355968000000000L;
    private readonly DuckDbConnection _connection;
    private readonly PreparedStatementHandle _handle;

    internal DuckDbPreparedStatement(DuckDbConnection connection, PreparedStatementHandle handle)
    {
        _connection = connection;
        _handle = handle;
    }

    public int ParameterCount => (int)NativeMethods.duckdb_nparams(Raw);

    private nint Raw
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    /// <summary>The 1-based index of the named parameter <c>$name</c>.</summary>
    public int IndexOf(string name)
    {
        if (NativeMethods.duckdb_bind_parameter_index(Raw, out var index, name) != DuckDbState.Success)
        {
            throw new ArgumentException($"The statement has no parameter named '${name}'.", nameof(name));
        }

        return (int)index;
    }

    public DuckDbPreparedStatement Bind(string name, object? value) => Bind(IndexOf(name), value);

    /// <summary>Binds one value. Supported: null, bool, all integer widths, Int128/UInt128, float, double, decimal,
    /// <see cref="DuckDbDecimal"/>, string, byte[], DateOnly, TimeOnly, DateTime, DateTimeOffset, TimeSpan,
    /// <see cref="DuckDbInterval"/>, Guid.</summary>
    public DuckDbPreparedStatement Bind(int index, object? value)
    {
        var i = (ulong)index;
        var p = Raw;
        var state = value switch
        {
            null or DBNull => NativeMethods.duckdb_bind_null(p, i),
            bool b => NativeMethods.duckdb_bind_boolean(p, i, b),
            sbyte v => NativeMethods.duckdb_bind_int8(p, i, v),
            short v => NativeMethods.duckdb_bind_int16(p, i, v),
            int v => NativeMethods.duckdb_bind_int32(p, i, v),
            long v => NativeMethods.duckdb_bind_int64(p, i, v),
            byte v => NativeMethods.duckdb_bind_uint8(p, i, v),
            ushort v => NativeMethods.duckdb_bind_uint16(p, i, v),
            uint v => NativeMethods.duckdb_bind_uint32(p, i, v),
            ulong v => NativeMethods.duckdb_bind_uint64(p, i, v),
            Int128 v => NativeMethods.duckdb_bind_hugeint(p, i, new DuckDbHugeIntStruct { Lower = (ulong)v, Upper = (long)(v >> 64) }),
            UInt128 v => NativeMethods.duckdb_bind_uhugeint(p, i, new DuckDbUHugeIntStruct { Lower = (ulong)v, Upper = (ulong)(v >> 64) }),
            float v => NativeMethods.duckdb_bind_float(p, i, v),
            double v => NativeMethods.duckdb_bind_double(p, i, v),
            decimal v => BindDecimal(p, i, DuckDbDecimal.FromDecimal(v)),
            DuckDbDecimal v => BindDecimal(p, i, v),
            string v => BindText(p, i, v),
            byte[] v => BindBlob(p, i, v),
            DateOnly v => NativeMethods.duckdb_bind_date(p, i, v.DayNumber - 719162),
            TimeOnly v => NativeMethods.duckdb_bind_time(p, i, v.Ticks / 10),
            DateTime v => NativeMethods.duckdb_bind_timestamp(p, i, (v.Ticks - UnixEpochTicks) / 10),
            DateTimeOffset v => NativeMethods.duckdb_bind_timestamp_tz(p, i, (v.UtcTicks - UnixEpochTicks) / 10),
            TimeSpan v => BindInterval(p, i, DuckDbInterval.FromTimeSpan(v)),
            DuckDbInterval v => BindInterval(p, i, v),
            Guid v => BindGuid(p, i, v),
            _ => throw new ArgumentException(
                $"A parameter of .NET type {value.GetType().Name} cannot be bound; pass one of the supported types or a string and CAST it in SQL.",
                nameof(value)),
        };
        if (state != DuckDbState.Success)
        {
            throw new DuckDbException(
                $"Could not bind parameter {index} (a {value?.GetType().Name ?? "NULL"}): the statement has {ParameterCount} parameter(s), or the value does not fit its type.",
                DuckDbErrorType.InvalidInput);
        }

        return this;
    }

    public DuckDbPreparedStatement ClearBindings()
    {
        NativeMethods.duckdb_clear_bindings(Raw);
        return this;
    }

    /// <summary>Executes and returns the rows changed (for INSERT, UPDATE, DELETE), otherwise 0.</summary>
    public long Execute(CancellationToken cancellationToken = default)
    {
        using var scope = _connection.Enter();
        using var result = _connection.Run(Raw, streaming: false, cancellationToken);
        return DuckDbConnection.RowsChanged(result);
    }

    /// <summary>Executes and streams the result. The statement must stay undisposed while the reader is read.</summary>
    public DuckDbDataReader Query(CancellationToken cancellationToken = default)
    {
        using var scope = _connection.Enter();
        return DuckDbDataReader.Start(_connection, Raw, cancellationToken);
    }

    public void Dispose() => _handle.Dispose();

    private static DuckDbState BindDecimal(nint p, ulong i, DuckDbDecimal value)
    {
        var digits = value.Unscaled == 0 ? 1 : (int)Math.Floor(System.Numerics.BigInteger.Log10(System.Numerics.BigInteger.Abs(value.Unscaled))) + 1;
        var width = (byte)Math.Clamp(Math.Max(digits, value.Scale + 1), 1, 38);
        return NativeMethods.duckdb_bind_decimal(p, i, new DuckDbDecimalStruct
        {
            Width = width,
            Scale = value.Scale,
            Value = new DuckDbHugeIntStruct { Lower = (ulong)value.Unscaled, Upper = (long)(value.Unscaled >> 64) },
        });
    }

    private static DuckDbState BindText(nint p, ulong i, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        fixed (byte* ptr = bytes)
        {
            return NativeMethods.duckdb_bind_varchar_length(p, i, ptr, (ulong)bytes.Length);
        }
    }

    private static DuckDbState BindBlob(nint p, ulong i, byte[] value)
    {
        fixed (byte* ptr = value)
        {
            return NativeMethods.duckdb_bind_blob(p, i, ptr, (ulong)value.Length);
        }
    }

    private static DuckDbState BindInterval(nint p, ulong i, DuckDbInterval value) =>
        NativeMethods.duckdb_bind_interval(p, i, new DuckDbIntervalStruct { Months = value.Months, Days = value.Days, Micros = value.Microseconds });

    private static DuckDbState BindGuid(nint p, ulong i, Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        var upper = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var lower = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        var uuid = NativeMethods.duckdb_create_uuid(new DuckDbUHugeIntStruct { Lower = lower, Upper = upper });
        try
        {
            return NativeMethods.duckdb_bind_value(p, i, uuid);
        }
        finally
        {
            NativeMethods.duckdb_destroy_value(ref uuid);
        }
    }
}
