using System.Diagnostics;

namespace Sluice.DuckDb.Tests;

public sealed class ExecutionTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly DuckDbDatabase _db;
    private readonly DuckDbConnection _con;

    public ExecutionTests()
    {
        _db = DuckDbDatabase.Open(_temp.File("exec.duckdb"));
        _con = _db.Connect();
    }

    public void Dispose()
    {
        _con.Dispose();
        _db.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Multi_statement_text_splits_on_semicolons_outside_strings_and_comments()
    {
        _con.Execute("""
            CREATE TABLE notes (id INTEGER, body VARCHAR); -- a comment; with a semicolon
            INSERT INTO notes VALUES (1, 'one; two'), (2, 'it''s; fine');
            /* block comment; still a comment */
            INSERT INTO notes VALUES (3, '-- not a comment; ');
            """);
        using var reader = _con.Query("SELECT body FROM notes ORDER BY id; -- trailing comment");
        var bodies = new List<string>();
        while (reader.Read())
        {
            bodies.Add(reader.GetString(0));
        }

        Assert.Equal(["one; two", "it's; fine", "-- not a comment; "], bodies);
    }

    [Fact]
    public void Query_runs_earlier_statements_and_streams_the_last()
    {
        using var reader = _con.Query("CREATE TABLE a AS SELECT 1 AS x; INSERT INTO a VALUES (2); SELECT sum(x) FROM a");
        Assert.True(reader.Read());
        Assert.Equal(3, reader.GetInt64(0));
    }

    [Fact]
    public void Execute_returns_rows_changed_by_the_last_statement()
    {
        Assert.Equal(0, _con.Execute("CREATE TABLE r (x INTEGER)"));
        Assert.Equal(5, _con.Execute("INSERT INTO r SELECT * FROM range(5)"));
        Assert.Equal(2, _con.Execute("UPDATE r SET x = x + 10 WHERE x < 2"));
        Assert.Equal(3, _con.Execute("DELETE FROM r WHERE x < 10"));
    }

    [Fact]
    public void Bad_statement_fails_with_duckdb_message_and_error_type()
    {
        var syntax = Assert.Throws<DuckDbException>(() => _con.Execute("SELEC 1"));
        Assert.Equal(DuckDbErrorType.Parser, syntax.ErrorType);
        Assert.Contains("syntax error at or near \"SELEC\"", syntax.Message, StringComparison.Ordinal);

        var catalog = Assert.Throws<DuckDbException>(() => _con.Execute("SELECT * FROM missing_table"));
        Assert.Equal(DuckDbErrorType.Catalog, catalog.ErrorType);
        Assert.Contains("missing_table", catalog.Message, StringComparison.Ordinal);

        var conversion = Assert.Throws<DuckDbException>(() => _con.Execute("SELECT CAST('abc' AS INTEGER)"));
        Assert.Equal(DuckDbErrorType.Conversion, conversion.ErrorType);

        var runtime = Assert.Throws<DuckDbException>(() => _con.Scalar<long>("SELECT error('boom')"));
        Assert.Contains("boom", runtime.Message, StringComparison.Ordinal);

        // The connection stays usable after errors.
        Assert.Equal(1, _con.Scalar<int>("SELECT 1"));
    }

    [Fact]
    public void Error_in_a_later_statement_keeps_earlier_statements_done()
    {
        Assert.Throws<DuckDbException>(() => _con.Execute("CREATE TABLE kept (x INTEGER); INSERT INTO kept VALUES (1); SELECT * FROM nope"));
        Assert.Equal(1, _con.Scalar<long>("SELECT count(*) FROM kept"));
    }

    [Fact]
    public void Empty_text_is_a_no_op_for_execute_and_an_error_for_query()
    {
        Assert.Equal(0, _con.Execute("  -- nothing here\n"));
        Assert.Throws<DuckDbException>(() => _con.Query("/* nothing */"));
    }

    [Fact]
    public void Cancelling_interrupts_a_long_query()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        var error = Assert.ThrowsAny<OperationCanceledException>(() =>
            _con.Execute("SELECT count(*) FROM range(100000000000) a WHERE hash(a.range) % 7 = 3", cts.Token));
        watch.Stop();
        Assert.Equal(cts.Token, error.CancellationToken);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"cancellation took {watch.Elapsed}");
        Assert.Equal(2, _con.Scalar<int>("SELECT 2"));
    }

    [Fact]
    public void Cancelling_interrupts_a_streaming_read()
    {
        using var cts = new CancellationTokenSource();
        using var reader = _con.Query("SELECT range, hash(range) FROM range(100000000000)", cts.Token);
        Assert.True(reader.Read());
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            while (reader.Read())
            {
            }
        });
    }

    [Fact]
    public void Already_cancelled_token_runs_nothing()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => _con.Execute("CREATE TABLE never (x INTEGER)", cts.Token));
        Assert.Throws<DuckDbException>(() => _con.Execute("SELECT * FROM never"));
    }

    [Fact]
    public void Prepared_statement_binds_typed_parameters()
    {
        using var statement = _con.Prepare("SELECT $1::BIGINT, $2::VARCHAR, $3::DOUBLE, $4::DECIMAL(10,3), $5::DATE, $6::TIMESTAMP, $7::UUID, $8::BLOB, $9::BOOLEAN, $10::INTEGER, $11::HUGEINT, $12::INTERVAL");
        Assert.Equal(12, statement.ParameterCount);
        var guid = Guid.NewGuid();
        statement.Bind(1, 42L).Bind(2, "it's ünïcode").Bind(3, 1.5).Bind(4, 1234.567m).Bind(5, new DateOnly(2024, 2, 29))
            .Bind(6, new DateTime(2024, 1, 2, 3, 4, 5, 6)).Bind(7, guid).Bind(8, new byte[] { 1, 2, 3 }).Bind(9, true).Bind(10, null)
            .Bind(11, Int128.MaxValue).Bind(12, new DuckDbInterval(1, 2, 3));
        using var reader = statement.Query();
        Assert.True(reader.Read());
        Assert.Equal(42L, reader.GetValue(0));
        Assert.Equal("it's ünïcode", reader.GetValue(1));
        Assert.Equal(1.5, reader.GetValue(2));
        Assert.Equal(1234.567m, reader.GetValue(3));
        Assert.Equal(new DateOnly(2024, 2, 29), reader.GetValue(4));
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, 6), reader.GetValue(5));
        Assert.Equal(guid, reader.GetValue(6));
        Assert.Equal(new byte[] { 1, 2, 3 }, reader.GetValue(7));
        Assert.Equal(true, reader.GetValue(8));
        Assert.True(reader.IsNull(9));
        Assert.Equal(Int128.MaxValue, reader.GetValue(10));
        Assert.Equal(new DuckDbInterval(1, 2, 3), reader.GetValue(11));
    }

    [Fact]
    public void Prepared_statement_runs_repeatedly_with_named_parameters()
    {
        _con.Execute("CREATE TABLE kv (k VARCHAR, v BIGINT)");
        using var insert = _con.Prepare("INSERT INTO kv VALUES ($key, $value)");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(1, insert.Bind("key", $"k{i}").Bind("value", i * 10L).Execute());
        }

        Assert.Equal(450, _con.Scalar<long>("SELECT sum(v) FROM kv")); // HUGEINT sum, converted by GetFieldValue
        Assert.Throws<ArgumentException>(() => insert.Bind("nope", 1));
    }

    [Fact]
    public void Prepare_fails_with_a_clear_error()
    {
        var error = Assert.Throws<DuckDbException>(() => _con.Prepare("SELECT * FROM nowhere WHERE x = ?"));
        Assert.Equal(DuckDbErrorType.Catalog, error.ErrorType);
    }

    [Fact]
    public void Next_statement_closes_an_open_reader()
    {
        var reader = _con.Query("SELECT * FROM range(5000)");
        Assert.True(reader.Read());
        Assert.Equal(7, _con.Scalar<int>("SELECT 7"));
        Assert.Throws<ObjectDisposedException>(() => reader.Read());
    }

    [Fact]
    public async Task Using_one_connection_from_two_threads_at_once_is_refused()
    {
        using var cts = new CancellationTokenSource();
        var background = Task.Run(() =>
        {
            while (true)
            {
                try
                {
                    _con.Execute("SELECT count(*) FROM range(100000000000) WHERE hash(range) = 1", cts.Token);
                    return;
                }
                catch (InvalidOperationException)
                {
                    // The probe below held the connection for a moment; start again.
                    Thread.Sleep(5);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });

        // Probe until the long query holds the connection (a loaded machine may take a while to start it).
        InvalidOperationException? error = null;
        for (var attempt = 0; attempt < 500 && error is null; attempt++)
        {
            try
            {
                _con.Execute("SELECT 1");
                Thread.Sleep(20);
            }
            catch (InvalidOperationException e)
            {
                error = e;
            }
        }

        Assert.NotNull(error);
        Assert.Contains("one connection per thread", error.Message, StringComparison.Ordinal);
        await cts.CancelAsync();
        await background;
    }

    [Fact]
    public async Task Connections_on_several_threads_work_concurrently()
    {
        _con.Execute("CREATE TABLE shared (thread INTEGER, n BIGINT)");
        const int threads = 8;
        var tasks = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                using var con = _db.Connect();
                for (var i = 0; i < 50; i++)
                {
                    con.Execute($"INSERT INTO shared VALUES ({t}, {i})");
                }

                return con.Scalar<long>($"SELECT count(*) FROM shared WHERE thread = {t}");
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();
        var counts = await Task.WhenAll(tasks);
        Assert.All(counts, count => Assert.Equal(50, count));
        Assert.Equal(threads * 50, _con.Scalar<long>("SELECT count(*) FROM shared"));
    }

    [Fact]
    public void Database_options_are_applied_and_bad_ones_are_named()
    {
        using var db = DuckDbDatabase.Open(null, new Dictionary<string, string> { ["threads"] = "1", ["default_order"] = "desc" });
        using var con = db.Connect();
        Assert.Equal(1L, con.Scalar<long>("SELECT current_setting('threads')"));

        var error = Assert.Throws<DuckDbException>(() => DuckDbDatabase.Open(null, new Dictionary<string, string> { ["no_such_option"] = "1" }));
        Assert.Contains("no_such_option", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_database_keeps_data_across_opens()
    {
        var path = _temp.File("persist.duckdb");
        using (var db = DuckDbDatabase.Open(path))
        using (var con = db.Connect())
        {
            con.Execute("CREATE TABLE p AS SELECT 'kept' AS v");
        }

        using var again = DuckDbDatabase.Open(path);
        using var con2 = again.Connect();
        Assert.Equal("kept", con2.Scalar<string>("SELECT v FROM p"));
    }

    [Fact]
    public void Library_version_is_the_pinned_one()
    {
        Assert.Equal("v1.5.6", DuckDbDatabase.LibraryVersion);
    }
}
