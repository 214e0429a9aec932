using System.Buffers;
using System.Text;
using Sluice.Schema;

namespace Sluice.Normalize;

/// <summary>
/// The values of one column for a batch of rows, stored by type without boxing: <see cref="Longs"/> for bigint, bool
/// (0/1), timestamp (UTC ticks) and date (day numbers), <see cref="Doubles"/>, <see cref="Decimals"/>, and UTF-8 bytes
/// in one arena for text, json and binary (<see cref="Bytes"/>). A row without a value is
/// NULL. The type is fixed by the first value (a column's type never changes once set); until then every row is NULL.
/// </summary>
public sealed class ColumnBuffer
{
    private bool[] _valid;
    private long[]? _longs;
    private double[]? _doubles;
    private decimal[]? _decimals;
    private byte[] _arena = [];
    private int[]? _starts;
    private int[]? _lengths;
    private int _arenaUsed;
    private int _capacity;

    internal ColumnBuffer(ColumnSchema column, int capacity)
    {
        Column = column;
        _capacity = Math.Max(16, capacity);
        _valid = RentCleared<bool>(_capacity);
    }

    /// <summary>The schema column this buffer fills.</summary>
    public ColumnSchema Column { get; }

    /// <summary>The storage type, or null while only NULLs were written.</summary>
    public DataType? Type { get; private set; }

    /// <summary>True when row <paramref name="row"/> has a value.</summary>
    public bool HasValue(int row) => row < _valid.Length && _valid[row];

    /// <summary>bigint values and bools (0/1), timestamps (UTC ticks) and dates (day numbers) by row.</summary>
    public ReadOnlySpan<long> Longs => _longs;

    public ReadOnlySpan<double> Doubles => _doubles;

    public ReadOnlySpan<decimal> Decimals => _decimals;

    /// <summary>The UTF-8 bytes of a text or json value, or the bytes of a binary value.</summary>
    public ReadOnlySpan<byte> Bytes(int row) => _arena.AsSpan(_starts![row], _lengths![row]);

    /// <summary>The value of <paramref name="row"/> in its canonical .NET form (what <see cref="RowNormalizer"/> produces).</summary>
    public object? Value(int row)
    {
        if (!HasValue(row))
        {
            return null;
        }

        return Type switch
        {
            DataType.Bigint => _longs![row],
            DataType.Bool => _longs![row] != 0,
            DataType.Timestamp => new DateTime(_longs![row], DateTimeKind.Utc),
            DataType.Date => DateOnly.FromDayNumber((int)_longs![row]),
            DataType.Double => _doubles![row],
            DataType.Decimal => _decimals![row],
            DataType.Text => Encoding.UTF8.GetString(Bytes(row)),
            DataType.Json => new JsonText(Encoding.UTF8.GetString(Bytes(row))),
            DataType.Binary => Bytes(row).ToArray(),
            _ => throw new InvalidOperationException($"Column '{Column.Name}' has no storage for type {Type}."),
        };
    }

    internal void ClearRow(int row)
    {
        if (row < _valid.Length)
        {
            _valid[row] = false;
        }
    }

    internal void SetLong(int row, long value, DataType type)
    {
        Prepare(row, type);
        _longs![row] = value;
    }

    internal void SetDouble(int row, double value)
    {
        Prepare(row, DataType.Double);
        _doubles![row] = value;
    }

    internal void SetDecimal(int row, decimal value)
    {
        Prepare(row, DataType.Decimal);
        _decimals![row] = value;
    }

    /// <summary>Stores UTF-8 text (or binary bytes); a repeated row replaces its value.</summary>
    internal void SetBytes(int row, ReadOnlySpan<byte> value, DataType type)
    {
        Prepare(row, type);
        Reserve(value.Length);
        value.CopyTo(_arena.AsSpan(_arenaUsed));
        Commit(row, value.Length);
    }

    internal void SetString(int row, string value, DataType type)
    {
        Prepare(row, type);
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        Reserve(max);
        Commit(row, Encoding.UTF8.GetBytes(value, _arena.AsSpan(_arenaUsed)));
    }

    /// <summary>Stores a canonical value (as <see cref="DataTypeInference"/> produces it) of this column's type.</summary>
    internal void SetValue(int row, object value, DataType type)
    {
        switch (value)
        {
            case long l: SetLong(row, l, type); break;
            case bool b: SetLong(row, b ? 1 : 0, type); break;
            case DateTime dt: SetLong(row, dt.Ticks, type); break;
            case DateOnly d: SetLong(row, d.DayNumber, type); break;
            case double d: SetDouble(row, d); break;
            case decimal m: SetDecimal(row, m); break;
            case string s: SetString(row, s, type); break;
            case JsonText j: SetString(row, j.Json, type); break;
            case byte[] bytes: SetBytes(row, bytes, type); break;
            default:
                throw new InvalidOperationException($"Column '{Column.Name}' cannot store a value of type {value.GetType().Name}.");
        }
    }

    private void Prepare(int row, DataType type)
    {
        if (Type is null)
        {
            Type = type;
        }
        else if (Type != type)
        {
            throw new InvalidOperationException($"Column '{Column.Name}' holds {Type} values; a {type} value cannot be added.");
        }

        if (row >= _capacity)
        {
            Grow(row + 1);
        }

        switch (type)
        {
            case DataType.Bigint or DataType.Bool or DataType.Timestamp or DataType.Date:
                _longs ??= ArrayPool<long>.Shared.Rent(_capacity);
                break;
            case DataType.Double:
                _doubles ??= ArrayPool<double>.Shared.Rent(_capacity);
                break;
            case DataType.Decimal:
                _decimals ??= ArrayPool<decimal>.Shared.Rent(_capacity);
                break;
            default:
                if (_starts is null)
                {
                    _starts = ArrayPool<int>.Shared.Rent(_capacity);
                    _lengths = ArrayPool<int>.Shared.Rent(_capacity);
                    _arena = ArrayPool<byte>.Shared.Rent(Math.Max(256, _capacity * 8));
                }

                break;
        }

        _valid[row] = true;
    }

    private void Reserve(int bytes)
    {
        if (_arenaUsed + bytes > _arena.Length)
        {
            Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaUsed + bytes), _arenaUsed);
        }
    }

    private void Commit(int row, int length)
    {
        _starts![row] = _arenaUsed;
        _lengths![row] = length;
        _arenaUsed += length;
    }

    private void Grow(int needed)
    {
        var capacity = Math.Max(needed, _capacity * 2);
        var valid = RentCleared<bool>(capacity);
        _valid.AsSpan(0, _capacity).CopyTo(valid);
        ArrayPool<bool>.Shared.Return(_valid);
        _valid = valid;
        if (_longs is not null)
        {
            Resize(ref _longs, capacity, _capacity);
        }

        if (_doubles is not null)
        {
            Resize(ref _doubles, capacity, _capacity);
        }

        if (_decimals is not null)
        {
            Resize(ref _decimals, capacity, _capacity);
        }

        if (_starts is not null)
        {
            Resize(ref _starts, capacity, _capacity);
            Resize(ref _lengths!, capacity, _capacity);
        }

        _capacity = capacity;
    }

    /// <summary>
    /// Gives the arrays back to the shared pool once the rows are written (the next file's buffers reuse them rather
    /// than allocating large arrays per file). The buffer must not be used afterwards.
    /// </summary>
    internal void Release()
    {
        ArrayPool<bool>.Shared.Return(_valid);
        _valid = [];
        Return(ref _longs);
        Return(ref _doubles);
        Return(ref _decimals);
        Return(ref _starts);
        Return(ref _lengths);
        if (_arena.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_arena);
            _arena = [];
        }
    }

    private static void Return<T>(ref T[]? array)
    {
        if (array is not null)
        {
            ArrayPool<T>.Shared.Return(array);
            array = null;
        }
    }

    private static T[] RentCleared<T>(int length)
    {
        var array = ArrayPool<T>.Shared.Rent(length);
        Array.Clear(array);
        return array;
    }

    private static void Resize<T>(ref T[] array, int length, int used)
    {
        var larger = ArrayPool<T>.Shared.Rent(length);
        array.AsSpan(0, Math.Min(used, array.Length)).CopyTo(larger);
        if (array.Length > 0)
        {
            ArrayPool<T>.Shared.Return(array);
        }

        array = larger;
    }
}
