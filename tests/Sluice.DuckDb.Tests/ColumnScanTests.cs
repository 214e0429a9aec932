using System.Text;

namespace Sluice.DuckDb.Tests;

public sealed class ColumnScanTests : IDisposable
{
    private const int Rows = 5000; // more than two chunks of 2048
    private readonly TempFolder _temp = new();
    private readonly DuckDbDatabase _db = DuckDbDatabase.Open();
    private readonly DuckDbConnection _con;
    private readonly DuckDbColumnScanFunction _function;

    public ColumnScanTests()
    {
        _con = _db.Connect();
        _function = _con.RegisterColumnScanFunction("test_columns");
    }

    public void Dispose()
    {
        _function.Dispose();
        _con.Dispose();
        _db.Dispose();
        _temp.Dispose();
    }

    private sealed class Source(Action<DuckDbVectorTarget, int, int> write) : IDuckDbColumnSource
    {
        public void WriteTo(DuckDbVectorTarget target, int start, int count) => write(target, start, count);
    }

    /// <summary>A column whose row r is NULL when <c>value(r)</c> is null.</summary>
    private static DuckDbScanColumn Column<T>(string name, DuckDbColumnType type, Func<int, T?> value, Action<DuckDbVectorTarget, int, T> write)
        where T : class => new(name, type, new Source((target, start, count) =>
        {
            for (var i = 0; i < count; i++)
            {
                var v = value(start + i);
                if (v is null)
                {
                    target.SetNull(i);
                }
                else
                {
                    write(target, i, v);
                }
            }
        }));

    private static string? Text(int r) => r % 11 == 3 ? null : (r % 3) switch
    {
        0 => "short " + r,
        1 => "a longer text that does not fit inline, row " + r + " ✓ ünïcödé 日本語",
        _ => new string('x', 600 + (r % 50)) + r,
    };

    private static object? Expected(string column, int r) => column switch
    {
        "id" => (long)r,
        "score" => r % 7 == 0 ? null : r / 3.0,
        "amount" => r % 13 == 0 ? null : (r * 1.000000001m) - 2000,
        "flag" => r % 5 == 0 ? null : r % 2 == 0,
        "name" => Text(r),
        "doc" => r % 4 == 1 ? null : "{\"r\":" + r + ",\"s\":\"é\"}",
        "ts" => r % 9 == 0 ? null : new DateTime(1969, 12, 31, 23, 0, 0).AddTicks((r * 12_345_670L) + 1230),
        "ts_ms" => r % 8 == 0 ? null : new DateTime(2024, 2, 29, 12, 0, 0).AddMilliseconds(r * 1001L),
        "day" => r % 6 == 0 ? null : new DateOnly(1960, 1, 1).AddDays(r * 7),
        "raw" => r % 10 == 0 ? null : new byte[] { (byte)r, 0, (byte)(r >> 8), 255 },
        _ => throw new ArgumentException(column),
    };

    private static DuckDbColumnScan EveryType(int rows) => new(rows,
    [
        Column("id", DuckDbColumnType.BigInt, r => (object)(long)r, (t, i, v) => t.WriteInt64(i, (long)v)),
        Column("score", DuckDbColumnType.Double, r => Expected("score", r), (t, i, v) => t.WriteDouble(i, (double)v)),
        Column("amount", DuckDbColumnType.Decimal(38, 9), r => Expected("amount", r), (t, i, v) => t.WriteDecimal(i, (decimal)v)),
        Column("flag", DuckDbColumnType.Boolean, r => Expected("flag", r), (t, i, v) => t.WriteBoolean(i, (bool)v)),
        Column("name", DuckDbColumnType.Varchar, Text, (t, i, v) => t.WriteBytes(i, Encoding.UTF8.GetBytes(v))),
        Column("doc", DuckDbColumnType.Varchar, r => (string?)Expected("doc", r), (t, i, v) => t.WriteBytes(i, Encoding.UTF8.GetBytes(v))),
        Column("ts", DuckDbColumnType.Timestamp, r => Expected("ts", r), (t, i, v) => t.WriteDateTime(i, (DateTime)v)),
        Column("ts_ms", DuckDbColumnType.TimestampMs, r => Expected("ts_ms", r), (t, i, v) => t.WriteDateTime(i, (DateTime)v)),
        Column("day", DuckDbColumnType.Date, r => Expected("day", r), (t, i, v) => t.WriteDate(i, (DateOnly)v)),
        Column("raw", DuckDbColumnType.Blob, r => (byte[]?)Expected("raw", r), (t, i, v) => t.WriteBytes(i, v)),
    ]);

    private static readonly string[] Names = ["id", "score", "amount", "flag", "name", "doc", "ts", "ts_ms", "day", "raw"];

    private static object? Truncated(string column, object? value) => column switch
    {
        // TIMESTAMP keeps microseconds, TIMESTAMP_MS milliseconds.
        "ts" when value is DateTime t => new DateTime(t.Ticks - (t.Ticks % 10)),
        _ => value,
    };

    private void AssertEveryValue(string sql, int rows)
    {
        using var reader = _con.Query(sql);
        Assert.Equal(Names, Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        var r = 0;
        while (reader.Read())
        {
            for (var c = 0; c < Names.Length; c++)
            {
                var expected = Truncated(Names[c], Expected(Names[c], r));
                var actual = reader.IsNull(c) ? null : reader.GetValue(c);
                var same = expected switch
                {
                    byte[] e => actual is byte[] a && e.SequenceEqual(a),
                    decimal m => actual is not null && m.ToString(System.Globalization.CultureInfo.InvariantCulture) == string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}", actual),
                    _ => Equals(expected, actual),
                };
                Assert.True(same, $"row {r}, column {Names[c]}: expected {expected}, got {actual} ({actual?.GetType().Name})");
            }

            r++;
        }

        Assert.Equal(rows, r);
    }

    [Fact]
    public void Every_column_type_the_loader_writes_is_read_back_exactly_with_nulls_across_chunks()
    {
        using var registration = _function.Add(EveryType(Rows));
        AssertEveryValue($"SELECT * FROM {registration.Sql}", Rows);
        Assert.Equal(Rows, _con.Scalar<long>($"SELECT count(*) FROM {registration.Sql}"));
        Assert.Equal(
            "BIGINT|DOUBLE|DECIMAL(38,9)|BOOLEAN|VARCHAR|VARCHAR|TIMESTAMP|TIMESTAMP_MS|DATE|BLOB",
            _con.Scalar<string>($"SELECT string_agg(column_type, '|') FROM (DESCRIBE SELECT * FROM {registration.Sql})"));
    }

    [Fact]
    public void A_scan_copied_to_parquet_reads_back_with_the_same_values_and_types()
    {
        var file = _temp.File("scan.parquet");
        using (var registration = _function.Add(EveryType(Rows)))
        {
            _con.Execute($"COPY (SELECT * FROM {registration.Sql}) TO '{file}' (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)");
        }

        AssertEveryValue($"SELECT * FROM read_parquet('{file}')", Rows);
        Assert.Equal(
            "BIGINT|DOUBLE|DECIMAL(38,9)|BOOLEAN|VARCHAR|VARCHAR|TIMESTAMP|TIMESTAMP|DATE|BLOB",
            _con.Scalar<string>($"SELECT string_agg(column_type, '|') FROM (DESCRIBE SELECT * FROM read_parquet('{file}'))"));
    }

    [Fact]
    public void Zero_rows_give_an_empty_table_with_the_columns()
    {
        using var registration = _function.Add(EveryType(0));
        Assert.Equal(0, _con.Scalar<long>($"SELECT count(*) FROM {registration.Sql}"));
        var file = _temp.File("empty.parquet");
        _con.Execute($"COPY (SELECT * FROM {registration.Sql}) TO '{file}' (FORMAT parquet)");
        Assert.Equal(0, _con.Scalar<long>($"SELECT count(*) FROM read_parquet('{file}')"));
        Assert.Equal(10, _con.Scalar<long>($"SELECT count(*) FROM (DESCRIBE SELECT * FROM read_parquet('{file}'))"));
    }

    [Fact]
    public void A_table_can_be_scanned_twice_in_one_query_and_by_several_registrations()
    {
        using var first = _function.Add(EveryType(3000));
        using var second = _function.Add(new DuckDbColumnScan(10, [new DuckDbScanColumn("n", DuckDbColumnType.BigInt, new Source((t, s, c) =>
        {
            for (var i = 0; i < c; i++)
            {
                t.WriteInt64(i, (s + i) * 10);
            }
        }))]));
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(3000, _con.Scalar<long>($"SELECT count(*) FROM {first.Sql} a JOIN {first.Sql} b USING (id)"));
        Assert.Equal(450, _con.Scalar<long>($"SELECT sum(n) FROM {second.Sql}"));
    }

    [Fact]
    public void An_exception_in_a_source_fails_the_query_with_its_message()
    {
        var scan = new DuckDbColumnScan(Rows, [new DuckDbScanColumn("n", DuckDbColumnType.BigInt, new Source((t, start, count) =>
        {
            if (start + count > 4096)
            {
                throw new InvalidOperationException("source broke at row " + start);
            }

            for (var i = 0; i < count; i++)
            {
                t.WriteInt64(i, start + i);
            }
        }))]);
        using var registration = _function.Add(scan);
        var error = Assert.Throws<DuckDbException>(() => _con.Execute($"COPY (SELECT * FROM {registration.Sql}) TO '{_temp.File("x.parquet")}' (FORMAT parquet)"));
        Assert.Contains("source broke at row 4096", error.Message, StringComparison.Ordinal);

        // A type mismatch in a source (text into a BIGINT vector) is an error of the query too, and the connection goes on.
        using var wrong = _function.Add(new DuckDbColumnScan(1, [new DuckDbScanColumn("n", DuckDbColumnType.BigInt, new Source((t, s, c) => t.WriteBytes(0, "x"u8)))]));
        Assert.Throws<DuckDbException>(() => _con.Scalar<long>($"SELECT * FROM {wrong.Sql}"));
        Assert.Equal(1, _con.Scalar<int>("SELECT 1"));
    }

    [Fact]
    public void An_unknown_or_disposed_registration_fails_the_query_with_a_message()
    {
        var registration = _function.Add(EveryType(1));
        var sql = $"SELECT count(*) FROM {registration.Sql}";
        Assert.Equal(1, _con.Scalar<long>(sql));
        registration.Dispose();
        var error = Assert.Throws<DuckDbException>(() => _con.Scalar<long>(sql));
        Assert.Contains("names no registered column scan", error.Message, StringComparison.Ordinal);
        Assert.Throws<DuckDbException>(() => _con.Scalar<long>("SELECT count(*) FROM test_columns(NULL)"));

        _function.Dispose();
        Assert.Throws<ObjectDisposedException>(() => _function.Add(EveryType(1)));
        error = Assert.Throws<DuckDbException>(() => _con.Scalar<long>("SELECT count(*) FROM test_columns(1)"));
        Assert.Contains("disposed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_the_same_name_twice_fails_and_other_connections_see_the_function()
    {
        Assert.Throws<DuckDbException>(() => _con.RegisterColumnScanFunction("test_columns"));
        using var registration = _function.Add(EveryType(7));
        using var other = _db.Connect();
        Assert.Equal(7, other.Scalar<long>($"SELECT count(*) FROM {registration.Sql}"));
    }

    [Fact]
    public void Functions_are_released_when_the_database_closes()
    {
        // Each registration's state is a GCHandle freed by DuckDB's destroy callback; opening and closing many
        // databases must neither crash nor keep the scans alive.
        var weak = RegisterAndClose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(weak.IsAlive);
    }

    private static WeakReference RegisterAndClose()
    {
        using var db = DuckDbDatabase.Open();
        using var con = db.Connect();
        var function = con.RegisterColumnScanFunction("short_lived");
        var scan = EveryType(100);
        var registration = function.Add(scan);
        Assert.Equal(100, con.Scalar<long>($"SELECT count(*) FROM {registration.Sql}"));
        return new WeakReference(function);
    }
}
