using Sluice.DuckDb;
using Sluice.Load;
using Sluice.Normalize;
using Sluice.Parquet;
using Sluice.Schema;

namespace Sluice.Pipelines.Tests;

public sealed class ParquetWriterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sluice-parquet-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Every_type_round_trips_with_zstd_and_the_requested_timestamp_unit()
    {
        using var writer = new DuckDbParquetWriter();
        ParquetColumn[] columns =
        [
            new("t", DataType.Text), new("b", DataType.Bigint), new("d", DataType.Double), new("f", DataType.Bool), new("m", DataType.Decimal),
            new("ts", DataType.Timestamp), new("day", DataType.Date), new("bin", DataType.Binary), new("j", DataType.Json),
        ];
        var at = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234560);
        object?[] row = ["x", 5L, 1.5, true, 12.345678901m, at, new DateOnly(2024, 1, 2), new byte[] { 1, 2 }, new JsonText("""{"a":1}""")];
        var path = Path.Combine(_folder, "a.parquet");
        var bytes = await writer.WriteAsync(path, columns, [row, new object?[] { null }], TimestampPrecision.Milliseconds);
        Assert.Equal(new FileInfo(path).Length, bytes);
        Assert.Empty(Directory.EnumerateFiles(_folder, ".*"));

        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        using (var reader = connection.Query($"SELECT * FROM read_parquet('{path}') ORDER BY b NULLS LAST"))
        {
            Assert.True(reader.Read());
            Assert.Equal("x", reader.GetValue(0));
            Assert.Equal(5L, reader.GetValue(1));
            Assert.Equal("12.345678901", Convert.ToString(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, 123), reader.GetValue(5));
            Assert.Equal(new DateOnly(2024, 1, 2), reader.GetValue(6));
            Assert.Equal(new byte[] { 1, 2 }, reader.GetValue(7));
            Assert.Equal("""{"a":1}""", reader.GetValue(8));
            Assert.True(reader.Read());
            Assert.Null(reader.GetValue(0));
            Assert.Null(reader.GetValue(1));
        }

        Assert.Equal("ZSTD", connection.Scalar<string>($"SELECT DISTINCT compression FROM parquet_metadata('{path}') WHERE path_in_schema = 't'"));
        Assert.Contains("MILLIS", connection.Scalar<string>($"SELECT logical_type FROM parquet_schema('{path}') WHERE name = 'ts'"));

        var micro = Path.Combine(_folder, "b.parquet");
        await writer.WriteAsync(micro, [new ParquetColumn("ts", DataType.Timestamp)], [[at]], TimestampPrecision.Microseconds);
        Assert.Contains("MICROS", connection.Scalar<string>($"SELECT logical_type FROM parquet_schema('{micro}') WHERE name = 'ts'"));
        Assert.Equal(at, connection.Scalar<DateTime>($"SELECT ts FROM read_parquet('{micro}')"));
    }

    [Theory]
    [InlineData(TimestampPrecision.Milliseconds)]
    [InlineData(TimestampPrecision.Microseconds)]
    public async Task Column_buffers_and_rows_write_the_same_file_schema_and_values(TimestampPrecision precision)
    {
        // WriteColumnsAsync scans the buffers through a table function; WriteAsync appends rows to a scratch table.
        // Both must give Athena the same Parquet: same schema, same types, same values, NULLs across chunk boundaries.
        const int rows = 5000;
        ParquetColumn[] columns =
        [
            new("t", DataType.Text), new("b", DataType.Bigint), new("d", DataType.Double), new("f", DataType.Bool), new("m", DataType.Decimal),
            new("ts", DataType.Timestamp), new("day", DataType.Date), new("bin", DataType.Binary), new("j", DataType.Json), new("none", DataType.Text),
        ];
        var buffers = columns.Select(c => new ColumnBuffer(new ColumnSchema { Name = c.Name, SourceName = c.Name }, 16)).ToArray();
        for (var r = 0; r < rows; r++)
        {
            if (r % 7 != 1)
            {
                buffers[0].SetString(r, (r % 3) switch { 0 => "s" + r, 1 => "a text longer than twelve bytes ✓ " + r, _ => new string('é', 400) + r }, DataType.Text);
            }

            if (r % 5 != 2)
            {
                buffers[1].SetLong(r, (r * 1_000_003L) - 2_500_000_000L, DataType.Bigint);
            }

            if (r % 11 != 0)
            {
                buffers[2].SetDouble(r, r / 7.0);
            }

            if (r % 4 != 3)
            {
                buffers[3].SetLong(r, r % 2, DataType.Bool);
            }

            if (r % 13 != 5)
            {
                buffers[4].SetDecimal(r, (r * 1.000000007m) - 1234.5m);
            }

            if (r % 9 != 4)
            {
                // Before and after 1970, with sub-millisecond and sub-microsecond parts.
                buffers[5].SetLong(r, new DateTime(1969, 12, 31, 22, 0, 0, DateTimeKind.Utc).Ticks + (r * 12_345_677L), DataType.Timestamp);
            }

            if (r % 6 != 0)
            {
                buffers[6].SetLong(r, new DateOnly(1950, 1, 1).DayNumber + (r * 13), DataType.Date);
            }

            if (r % 8 != 7)
            {
                buffers[7].SetBytes(r, [(byte)r, 0, (byte)(r >> 8)], DataType.Binary);
            }

            if (r % 10 != 9)
            {
                buffers[8].SetString(r, "{\"r\":" + r + "}", DataType.Json);
            }
        }

        using var writer = new DuckDbParquetWriter();
        var fromColumns = Path.Combine(_folder, "columns.parquet");
        var fromRows = Path.Combine(_folder, "rows.parquet");
        await writer.WriteColumnsAsync(fromColumns, columns, buffers, rows, precision);
        await writer.WriteAsync(fromRows, columns, Enumerable.Range(0, rows).Select(r => buffers.Select(b => b.Value(r)).ToArray()).ToList(), precision);

        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        const string Schema = "SELECT string_agg(name || ':' || type || ':' || coalesce(logical_type, '') || ':' || repetition_type, '|' ORDER BY name) FROM parquet_schema('{0}')";
        Assert.Equal(
            connection.Scalar<string>(string.Format(System.Globalization.CultureInfo.InvariantCulture, Schema, fromRows)),
            connection.Scalar<string>(string.Format(System.Globalization.CultureInfo.InvariantCulture, Schema, fromColumns)));
        Assert.Equal(rows, connection.Scalar<long>($"SELECT count(*) FROM read_parquet('{fromColumns}')"));
        Assert.Equal(0, connection.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM read_parquet('{fromColumns}') EXCEPT ALL SELECT * FROM read_parquet('{fromRows}'))"));
        Assert.Equal(0, connection.Scalar<long>($"SELECT count(*) FROM (SELECT * FROM read_parquet('{fromRows}') EXCEPT ALL SELECT * FROM read_parquet('{fromColumns}'))"));
        Assert.Equal(0, connection.Scalar<long>(
            $"SELECT count(*) FROM (SELECT *, row_number() OVER () AS n FROM read_parquet('{fromColumns}')) a JOIN (SELECT *, row_number() OVER () AS n FROM read_parquet('{fromRows}')) b USING (n) " +
            "WHERE a.t IS DISTINCT FROM b.t OR a.ts IS DISTINCT FROM b.ts OR a.m IS DISTINCT FROM b.m OR a.bin IS DISTINCT FROM b.bin"));
        Assert.Equal(rows, connection.Scalar<long>($"SELECT count(*) FROM read_parquet('{fromColumns}') WHERE none IS NULL"));
        Assert.Equal(rows - 715, connection.Scalar<long>($"SELECT count(t) FROM read_parquet('{fromColumns}')"));
        Assert.Empty(Directory.EnumerateFiles(_folder, ".*"));
    }

    [Fact]
    public async Task Zero_column_buffer_rows_write_an_empty_file_with_the_columns()
    {
        using var writer = new DuckDbParquetWriter();
        var path = Path.Combine(_folder, "empty.parquet");
        var buffer = new ColumnBuffer(new ColumnSchema { Name = "a", SourceName = "a" }, 0);
        await writer.WriteColumnsAsync(path, [new ParquetColumn("a", DataType.Bigint)], [buffer], 0, TimestampPrecision.Milliseconds);
        using var database = DuckDbDatabase.Open();
        using var connection = database.Connect();
        Assert.Equal(0, connection.Scalar<long>($"SELECT count(*) FROM read_parquet('{path}')"));
        Assert.Equal("BIGINT", connection.Scalar<string>($"SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet('{path}'))"));
    }

    [Fact]
    public async Task Time_columns_are_refused()
    {
        using var writer = new DuckDbParquetWriter();
        await Assert.ThrowsAsync<NotSupportedException>(() => writer.WriteAsync(Path.Combine(_folder, "t.parquet"), [new ParquetColumn("t", DataType.Time)], [], TimestampPrecision.Milliseconds));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
