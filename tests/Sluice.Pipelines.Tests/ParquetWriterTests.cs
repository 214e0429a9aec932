using Sluice.DuckDb;
using Sluice.Load;
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
