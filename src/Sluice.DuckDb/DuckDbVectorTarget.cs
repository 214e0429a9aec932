using Sluice.DuckDb.Vectors;

namespace Sluice.DuckDb;

/// <summary>
/// Fills a run of rows of one appender column: index 0 is the first row given to
/// <see cref="IDuckDbColumnSource.WriteTo"/>. Values are written straight into DuckDB's vector; each method expects
/// the column's own type (BIGINT for <see cref="WriteInt64"/>, BOOLEAN for <see cref="WriteBoolean"/>, DATE for
/// <see cref="WriteDate"/>, VARCHAR or BLOB for <see cref="WriteBytes"/>, ...), with the same conversions as the
/// row-wise <c>Append</c> methods.
/// </summary>
public readonly ref struct DuckDbVectorTarget
{
    private const int UnixEpochDayNumber = 719162;
    private readonly VectorWriter _writer;
    private readonly ulong _offset;

    internal DuckDbVectorTarget(VectorWriter writer, ulong offset)
    {
        _writer = writer;
        _offset = offset;
    }

    /// <summary>The column's DuckDB type.</summary>
    public DuckDbColumnType Type => _writer.Type;

    public void SetNull(int index) => _writer.SetNull(_offset + (ulong)index);

    public void WriteInt64(int index, long value) => _writer.WriteInt64(_offset + (ulong)index, value);

    public void WriteDouble(int index, double value) => _writer.WriteDouble(_offset + (ulong)index, value);

    public void WriteBoolean(int index, bool value)
    {
        if (_writer.Type.Id != DuckDbTypeId.Boolean)
        {
            _writer.Write(_offset + (ulong)index, value);
            return;
        }

        _writer.WriteRaw(_offset + (ulong)index, (byte)(value ? 1 : 0));
    }

    public void WriteDecimal(int index, decimal value) => _writer.WriteDecimal(_offset + (ulong)index, DuckDbDecimal.FromDecimal(value));

    public void WriteDateTime(int index, DateTime value) => _writer.WriteDateTime(_offset + (ulong)index, value);

    public void WriteDate(int index, DateOnly value)
    {
        if (_writer.Type.Id != DuckDbTypeId.Date)
        {
            _writer.Write(_offset + (ulong)index, value);
            return;
        }

        _writer.WriteRaw(_offset + (ulong)index, value.DayNumber - UnixEpochDayNumber);
    }

    /// <summary>Writes UTF-8 text into a VARCHAR column, or bytes into a BLOB column.</summary>
    public void WriteBytes(int index, ReadOnlySpan<byte> value) => _writer.WriteBytes(_offset + (ulong)index, value);
}

/// <summary>One column's values for <see cref="DuckDbAppender.AppendColumnSources"/> or a <see cref="DuckDbColumnScan"/>.</summary>
public interface IDuckDbColumnSource
{
    /// <summary>Writes values <paramref name="start"/> .. <paramref name="start"/> + <paramref name="count"/> - 1 to target indexes 0 .. count - 1.</summary>
    void WriteTo(DuckDbVectorTarget target, int start, int count);
}
