using System.Globalization;
using Sluice.DuckDb.Vectors;

namespace Sluice.DuckDb;

public sealed partial class DuckDbDataReader
{
    // Typed getters read the vector directly when the column has the matching type and convert otherwise.
    // They throw InvalidCastException on NULL; check IsNull first.

    public bool GetBoolean(int ordinal) => Column(ordinal).Type.Id == DuckDbTypeId.Boolean
        ? Column(ordinal).Raw<byte>(_row) != 0
        : Convert.ToBoolean(GetValueOrThrow(ordinal), CultureInfo.InvariantCulture);

    public int GetInt32(int ordinal) => Column(ordinal).Type.Id == DuckDbTypeId.Integer
        ? Column(ordinal).Raw<int>(_row)
        : Convert.ToInt32(GetValueOrThrow(ordinal), CultureInfo.InvariantCulture);

    public long GetInt64(int ordinal)
    {
        var column = Column(ordinal);
        return column.Type.Id switch
        {
            DuckDbTypeId.BigInt => column.Raw<long>(_row),
            DuckDbTypeId.Integer => column.Raw<int>(_row),
            DuckDbTypeId.HugeInt => checked((long)column.Raw<Int128>(_row)),
            _ => Convert.ToInt64(GetValueOrThrow(ordinal), CultureInfo.InvariantCulture),
        };
    }

    public double GetDouble(int ordinal) => Column(ordinal).Type.Id == DuckDbTypeId.Double
        ? Column(ordinal).Raw<double>(_row)
        : Convert.ToDouble(GetValueOrThrow(ordinal), CultureInfo.InvariantCulture);

    public float GetFloat(int ordinal) => Column(ordinal).Type.Id == DuckDbTypeId.Float
        ? Column(ordinal).Raw<float>(_row)
        : Convert.ToSingle(GetValueOrThrow(ordinal), CultureInfo.InvariantCulture);

    public decimal GetDecimal(int ordinal) => Column(ordinal).Type.Id == DuckDbTypeId.Decimal
        ? Column(ordinal).GetDecimal(_row)
        : Convert.ToDecimal(GetValueOrThrow(ordinal), CultureInfo.InvariantCulture);

    public string GetString(int ordinal) => Column(ordinal).Type.Id == DuckDbTypeId.Varchar
        ? Column(ordinal).GetString(_row)
        : Convert.ToString(GetValueOrThrow(ordinal), CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>The raw UTF-8 bytes of a VARCHAR or BLOB value, valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<byte> GetUtf8(int ordinal) => Column(ordinal).Type.Id is DuckDbTypeId.Varchar or DuckDbTypeId.Blob
        ? Column(ordinal).GetUtf8(_row)
        : throw new InvalidCastException($"Column {ordinal} is {Column(ordinal).Type}, not VARCHAR or BLOB.");

    public DateTime GetDateTime(int ordinal) => Column(ordinal).Type.Id switch
    {
        DuckDbTypeId.Timestamp or DuckDbTypeId.TimestampS or DuckDbTypeId.TimestampMs or DuckDbTypeId.TimestampNs
            or DuckDbTypeId.TimestampTz => Column(ordinal).GetDateTime(_row),
        DuckDbTypeId.Date => Column(ordinal).GetDate(_row).ToDateTime(TimeOnly.MinValue),
        _ => Convert.ToDateTime(GetValueOrThrow(ordinal), CultureInfo.InvariantCulture),
    };

    public DateOnly GetDate(int ordinal) => Column(ordinal).Type.Id == DuckDbTypeId.Date
        ? Column(ordinal).GetDate(_row)
        : DateOnly.FromDateTime(GetDateTime(ordinal));

    public Guid GetGuid(int ordinal) => Column(ordinal).Type.Id == DuckDbTypeId.Uuid
        ? Column(ordinal).GetGuid(_row)
        : Guid.Parse(GetString(ordinal), CultureInfo.InvariantCulture);

    public byte[] GetBytes(int ordinal) => Column(ordinal).GetBytes(_row);

    /// <summary>The value as <typeparamref name="T"/>: the reader's own type for the column, or a conversion of it.</summary>
    public T GetFieldValue<T>(int ordinal)
    {
        var value = GetValueOrThrow(ordinal);
        if (value is T typed)
        {
            return typed;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return value switch
        {
            Int128 big when target == typeof(long) => (T)(object)checked((long)big),
            Int128 big when target == typeof(decimal) => (T)(object)(decimal)big,
            DuckDbDecimal wide when target == typeof(decimal) => (T)(object)wide.ToDecimal(),
            DateOnly date when target == typeof(DateTime) => (T)(object)date.ToDateTime(TimeOnly.MinValue),
            DateTimeOffset offset when target == typeof(DateTime) => (T)(object)offset.UtcDateTime,
            _ when target == typeof(string) => (T)(object)(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
            _ => (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture),
        };
    }

    private VectorReader Column(int ordinal) => _columns[ordinal];

    private object GetValueOrThrow(int ordinal) =>
        _columns[ordinal].GetValue(_row)
        ?? throw new InvalidCastException($"Column {ordinal} ('{_names[ordinal]}') is NULL in this row; check IsNull first.");
}
