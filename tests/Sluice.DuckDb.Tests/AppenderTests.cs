namespace Sluice.DuckDb.Tests;

public sealed class AppenderTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly DuckDbDatabase _db;
    private readonly DuckDbConnection _con;

    public AppenderTests()
    {
        _db = DuckDbDatabase.Open(_temp.File("appender.duckdb"));
        _con = _db.Connect();
        _con.Execute("CREATE TABLE events (id BIGINT, name VARCHAR, score DOUBLE, ts TIMESTAMP)");
    }

    public void Dispose()
    {
        _con.Dispose();
        _db.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Rows_appended_one_by_one_are_visible_after_complete()
    {
        var start = new DateTime(2024, 1, 1);
        using (var appender = _con.CreateAppender("events"))
        {
            for (var i = 0; i < 5000; i++)
            {
                appender.Append((long)i).Append(i % 3 == 0 ? null : $"name-{i}").Append(i * 0.5).Append(start.AddSeconds(i));
                appender.EndRow();
            }

            Assert.Equal(5000, appender.RowCount);
            appender.Complete();
        }

        Assert.Equal(5000, _con.Scalar<long>("SELECT count(*) FROM events"));
        Assert.Equal(1667, _con.Scalar<long>("SELECT count(*) FROM events WHERE name IS NULL"));
        Assert.Equal("name-4999", _con.Scalar<string>("SELECT name FROM events WHERE id = 4999"));
        Assert.Equal(start.AddSeconds(4321), _con.Scalar<DateTime>("SELECT ts FROM events WHERE id = 4321"));
        Assert.Equal(2499.5, _con.Scalar<double>("SELECT score FROM events WHERE id = 4999"));
    }

    [Fact]
    public void Disposing_without_complete_discards_every_row()
    {
        using (var appender = _con.CreateAppender("events"))
        {
            // More rows than DuckDB's own appender buffers before it flushes on its own.
            var ids = Enumerable.Range(0, 300_000).Select(i => (long)i).ToArray();
            var names = Enumerable.Repeat<string?>("x", ids.Length).ToArray();
            var scores = new double[ids.Length];
            var times = Enumerable.Repeat(DateTime.UnixEpoch, ids.Length).ToArray();
            appender.AppendColumns(ids.Length, ids, names, scores, times);
        }

        Assert.Equal(0, _con.Scalar<long>("SELECT count(*) FROM events"));

        // The connection is back in auto-commit mode and works.
        _con.Execute("INSERT INTO events VALUES (1, 'after', 0, NULL)");
        Assert.Equal(1, _con.Scalar<long>("SELECT count(*) FROM events"));
    }

    [Fact]
    public void Rows_appended_by_columns_match_the_arrays()
    {
        const int rows = 10_000;
        var ids = Enumerable.Range(0, rows).Select(i => (long)i).ToArray();
        var names = Enumerable.Range(0, rows).Select(i => i % 10 == 0 ? null : "n" + i).ToArray();
        var scores = Enumerable.Range(0, rows).Select(i => i / 4.0).ToArray();
        var times = Enumerable.Range(0, rows).Select(i => DateTime.UnixEpoch.AddMinutes(i)).ToArray();
        using (var appender = _con.CreateAppender("events"))
        {
            appender.Append(-1L).Append("first").Append(0.0).Append(DateTime.UnixEpoch);
            appender.EndRow();
            appender.AppendColumns(rows, ids, names, scores, times);
            appender.Complete();
        }

        Assert.Equal(rows + 1, _con.Scalar<long>("SELECT count(*) FROM events"));
        Assert.Equal(ids.Sum(), _con.Scalar<long>("SELECT sum(id) FROM events WHERE id >= 0"));
        Assert.Equal(1000, _con.Scalar<long>("SELECT count(*) FROM events WHERE name IS NULL"));
        Assert.Equal(scores.Sum(), _con.Scalar<double>("SELECT sum(score) FROM events"));
        Assert.Equal(DateTime.UnixEpoch.AddMinutes(9999), _con.Scalar<DateTime>("SELECT max(ts) FROM events"));
    }

    private sealed class Source(Action<DuckDbVectorTarget, int, int> write) : IDuckDbColumnSource
    {
        public void WriteTo(DuckDbVectorTarget target, int start, int count) => write(target, start, count);
    }

    [Fact]
    public void Column_sources_write_typed_values_and_nulls_across_chunks()
    {
        _con.Execute("CREATE TABLE typed (id BIGINT, flag BOOLEAN, day DATE, amount DECIMAL(38,9), ts TIMESTAMP, name VARCHAR, raw BLOB, score DOUBLE)");
        const int rows = 5000; // more than two chunks of 2048
        var sources = new IDuckDbColumnSource[]
        {
            new Source((t, start, count) => { for (var i = 0; i < count; i++) { t.WriteInt64(i, start + i); } }),
            new Source((t, start, count) => { for (var i = 0; i < count; i++) { if ((start + i) % 7 == 0) { t.SetNull(i); } else { t.WriteBoolean(i, (start + i) % 2 == 0); } } }),
            new Source((t, start, count) => { for (var i = 0; i < count; i++) { t.WriteDate(i, new DateOnly(2024, 1, 1).AddDays(start + i)); } }),
            new Source((t, start, count) => { for (var i = 0; i < count; i++) { t.WriteDecimal(i, (start + i) + 0.123456789m); } }),
            new Source((t, start, count) => { for (var i = 0; i < count; i++) { t.WriteDateTime(i, DateTime.UnixEpoch.AddSeconds(start + i)); } }),
            new Source((t, start, count) => { for (var i = 0; i < count; i++) { if ((start + i) % 5 == 0) { t.SetNull(i); } else { t.WriteBytes(i, System.Text.Encoding.UTF8.GetBytes("é-" + (start + i))); } } }),
            new Source((t, start, count) => { for (var i = 0; i < count; i++) { t.WriteBytes(i, [(byte)((start + i) % 256), 0]); } }),
            new Source((t, start, count) => { for (var i = 0; i < count; i++) { t.WriteDouble(i, (start + i) / 2.0); } }),
        };
        using (var appender = _con.CreateAppender("typed"))
        {
            appender.AppendColumnSources(rows, sources);
            Assert.Equal(rows, appender.RowCount);
            appender.Complete();
        }

        Assert.Equal(rows, _con.Scalar<long>("SELECT count(*) FROM typed"));
        Assert.Equal(715, _con.Scalar<long>("SELECT count(*) FROM typed WHERE flag IS NULL"));
        Assert.Equal(1000, _con.Scalar<long>("SELECT count(*) FROM typed WHERE name IS NULL"));
        Assert.Equal("é-4999", _con.Scalar<string>("SELECT name FROM typed WHERE id = 4999"));
        Assert.True(_con.Scalar<bool>("SELECT flag FROM typed WHERE id = 4098"));
        Assert.Equal("2024-01-01|2037-09-08", _con.Scalar<string>("SELECT min(day)::varchar || '|' || max(day)::varchar FROM typed"));
        Assert.Equal("4321.123456789", _con.Scalar<string>("SELECT amount::varchar FROM typed WHERE id = 4321"));
        Assert.Equal(DateTime.UnixEpoch.AddSeconds(2048), _con.Scalar<DateTime>("SELECT ts FROM typed WHERE id = 2048"));
        Assert.Equal("\\xFF\\x00", _con.Scalar<string>("SELECT raw::varchar FROM typed WHERE id = 255"));
        Assert.Equal(2047.5, _con.Scalar<double>("SELECT score FROM typed WHERE id = 4095"));
    }

    [Fact]
    public void Every_supported_type_can_be_appended()
    {
        _con.Execute("""
            CREATE TABLE wide (b BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INTEGER, u64 UBIGINT, h HUGEINT, f FLOAT, d DECIMAL(12,3),
                w DECIMAL(38,2), s VARCHAR, bl BLOB, dt DATE, tm TIME, ts TIMESTAMP, tms TIMESTAMP_MS, tz TIMESTAMPTZ,
                iv INTERVAL, u UUID, e ENUM('a', 'b'), l INTEGER[], st STRUCT(x INTEGER, y VARCHAR), m MAP(VARCHAR, DOUBLE), arr DOUBLE[2])
            """);
        var guid = Guid.NewGuid();
        using (var appender = _con.CreateAppender("wide"))
        {
            appender.AppendRow(
                true, (sbyte)-5, (short)300, 70000, ulong.MaxValue, Int128.MinValue, 1.25f, 123456789.123m,
                new DuckDbDecimal(Int128.Parse("123456789012345678901234567890123456", System.Globalization.CultureInfo.InvariantCulture), 2),
                "text ✓", new byte[] { 9, 8 }, new DateOnly(1999, 12, 31), new TimeOnly(13, 14, 15), new DateTime(2001, 2, 3, 4, 5, 6, 7),
                new DateTime(2001, 2, 3, 4, 5, 6, 7), new DateTimeOffset(2001, 2, 3, 4, 5, 6, TimeSpan.FromHours(2)),
                new DuckDbInterval(1, 2, 3), guid, "b", new List<int> { 1, 2, 3 },
                new Dictionary<string, object?> { ["x"] = 7, ["y"] = "why" },
                new Dictionary<string, double> { ["k"] = 0.5 }, new[] { 1.0, 2.0 });
            appender.AppendRow(Enumerable.Repeat<object?>(null, 23).ToArray());
            appender.Complete();
        }

        using var reader = _con.Query("SELECT * FROM wide");
        Assert.True(reader.Read());
        Assert.Equal(true, reader.GetValue(0));
        Assert.Equal((sbyte)-5, reader.GetValue(1));
        Assert.Equal((short)300, reader.GetValue(2));
        Assert.Equal(70000, reader.GetValue(3));
        Assert.Equal(ulong.MaxValue, reader.GetValue(4));
        Assert.Equal(Int128.MinValue, reader.GetValue(5));
        Assert.Equal(1.25f, reader.GetValue(6));
        Assert.Equal(123456789.123m, reader.GetValue(7));
        Assert.Equal("1234567890123456789012345678901234.56", reader.GetValue(8)!.ToString());
        Assert.Equal("text ✓", reader.GetValue(9));
        Assert.Equal(new byte[] { 9, 8 }, reader.GetValue(10));
        Assert.Equal(new DateOnly(1999, 12, 31), reader.GetValue(11));
        Assert.Equal(new TimeOnly(13, 14, 15), reader.GetValue(12));
        Assert.Equal(new DateTime(2001, 2, 3, 4, 5, 6, 7), reader.GetValue(13));
        Assert.Equal(new DateTime(2001, 2, 3, 4, 5, 6, 7), reader.GetValue(14));
        Assert.Equal(new DateTimeOffset(2001, 2, 3, 2, 5, 6, TimeSpan.Zero), reader.GetValue(15));
        Assert.Equal(new DuckDbInterval(1, 2, 3), reader.GetValue(16));
        Assert.Equal(guid, reader.GetValue(17));
        Assert.Equal("b", reader.GetValue(18));
        Assert.Equal(new List<object?> { 1, 2, 3 }, reader.GetValue(19));
        Assert.Equal(new Dictionary<string, object?> { ["x"] = 7, ["y"] = "why" }, reader.GetValue(20));
        Assert.Equal(new Dictionary<object, object?> { ["k"] = 0.5 }, reader.GetValue(21));
        Assert.Equal(new List<object?> { 1.0, 2.0 }, reader.GetValue(22));
        Assert.True(reader.Read());
        for (var i = 0; i < reader.FieldCount; i++)
        {
            Assert.True(reader.IsNull(i), reader.GetName(i));
        }
    }

    [Fact]
    public void A_value_of_the_wrong_type_names_the_column()
    {
        using var appender = _con.CreateAppender("events");
        appender.Append(1L);
        var error = Assert.Throws<ArgumentException>(() => appender.Append(DateTime.UnixEpoch));
        Assert.Contains("Column 'name' is VARCHAR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_row_is_refused()
    {
        using var appender = _con.CreateAppender("events");
        appender.Append(1L).Append("only two");
        var error = Assert.Throws<InvalidOperationException>(appender.EndRow);
        Assert.Contains("has 2 value(s) but the table has 4 column(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constraint_violation_fails_complete_and_nothing_is_kept()
    {
        _con.Execute("CREATE TABLE strict (id INTEGER PRIMARY KEY)");
        using (var appender = _con.CreateAppender("strict"))
        {
            appender.AppendRow(1);
            appender.AppendRow(1);
            Assert.Throws<DuckDbException>(appender.Complete);
        }

        Assert.Equal(0, _con.Scalar<long>("SELECT count(*) FROM strict"));
    }

    [Fact]
    public void Appending_to_a_missing_table_fails_clearly()
    {
        var error = Assert.Throws<DuckDbException>(() => _con.CreateAppender("no_such_table"));
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, _con.Scalar<int>("SELECT 3")); // no transaction left open
        _con.Execute("BEGIN; COMMIT;");
    }

    [Fact]
    public void Inside_a_caller_transaction_the_rows_follow_that_transaction()
    {
        _con.Execute("BEGIN TRANSACTION");
        using (var appender = _con.CreateAppender("events"))
        {
            appender.AppendRow(1L, "in tx", 1.0, DateTime.UnixEpoch);
            appender.Complete();
        }

        Assert.Equal(1, _con.Scalar<long>("SELECT count(*) FROM events"));
        _con.Execute("ROLLBACK");
        Assert.Equal(0, _con.Scalar<long>("SELECT count(*) FROM events"));
    }
}
