namespace Sluice.DuckDb.Tests;

/// <summary>Every DuckDB type Sluice meets, read into .NET, from a table and from a Parquet file.</summary>
public sealed class ReaderTypeTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly DuckDbDatabase _db;
    private readonly DuckDbConnection _con;

    public ReaderTypeTests()
    {
        _db = DuckDbDatabase.Open(_temp.File("types.duckdb"));
        _con = _db.Connect();
        _con.Execute("SET TimeZone = 'UTC'");
    }

    public void Dispose()
    {
        _con.Dispose();
        _db.Dispose();
        _temp.Dispose();
    }

    // (SQL type, SQL literal, expected .NET value, survives a Parquet round trip with the same DuckDB type)
    public static TheoryData<string, string, object, bool> Cases() => new()
    {
        { "BOOLEAN", "true", true, true },
        { "TINYINT", "-128", (sbyte)-128, true },
        { "SMALLINT", "-32768", (short)-32768, true },
        { "INTEGER", "-2147483648", int.MinValue, true },
        { "BIGINT", "-9223372036854775808", long.MinValue, true },
        { "UTINYINT", "255", (byte)255, true },
        { "USMALLINT", "65535", (ushort)65535, true },
        { "UINTEGER", "4294967295", uint.MaxValue, true },
        { "UBIGINT", "18446744073709551615", ulong.MaxValue, true },
        { "HUGEINT", "-170141183460469231731687303715884105728", Int128.MinValue, false },
        { "UHUGEINT", "340282366920938463463374607431768211455", UInt128.MaxValue, false },
        { "FLOAT", "1.5", 1.5f, true },
        { "DOUBLE", "-0.1", -0.1d, true },
        { "DECIMAL(4,1)", "-123.4", -123.4m, true },
        { "DECIMAL(9,4)", "12345.6789", 12345.6789m, true },
        { "DECIMAL(18,6)", "-123456789012.345678", -123456789012.345678m, true },
        { "DECIMAL(28,10)", "123456789012345678.0123456789", 123456789012345678.0123456789m, true },
        { "DECIMAL(38,10)", "-1234567890123456789012345678.0123456789", new DuckDbDecimal(Int128.Parse("-12345678901234567890123456780123456789", System.Globalization.CultureInfo.InvariantCulture), 10), true },
        { "VARCHAR", "'short'", "short", true },
        { "VARCHAR", "'a string longer than twelve bytes, with ünïcödé and 🦆'", "a string longer than twelve bytes, with ünïcödé and 🦆", true },
        { "BLOB", "'\\x00\\xFFab'::BLOB", new byte[] { 0, 255, (byte)'a', (byte)'b' }, true },
        { "DATE", "'2024-02-29'", new DateOnly(2024, 2, 29), true },
        { "DATE", "'0001-01-01'", new DateOnly(1, 1, 1), true },
        { "TIME", "'23:59:59.123456'", new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(1234560)), true },
        { "TIMESTAMP", "'2024-01-02 03:04:05.678901'", new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(6789010), true },
        { "TIMESTAMP_S", "'2024-01-02 03:04:05'", new DateTime(2024, 1, 2, 3, 4, 5), false },
        { "TIMESTAMP_MS", "'2024-01-02 03:04:05.678'", new DateTime(2024, 1, 2, 3, 4, 5, 678), false },
        { "TIMESTAMP_NS", "'2024-01-02 03:04:05.678901234'", new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(6789012), true },
        { "TIMESTAMPTZ", "'2024-01-02 03:04:05.5+02'", new DateTimeOffset(2024, 1, 2, 1, 4, 5, 500, TimeSpan.Zero), true },
        { "TIMETZ", "'12:30:00+05:30'", new DuckDbTimeTz(new TimeOnly(12, 30), TimeSpan.FromMinutes(330)), false },
        { "INTERVAL", "INTERVAL '1 year 2 months 3 days 04:05:06.000007'", new DuckDbInterval(14, 3, 14706000007), true },
        { "UUID", "'6ba7b810-9dad-11d1-80b4-00c04fd430c8'", Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), true },
        { "UUID", "'ffffffff-ffff-ffff-0000-000000000000'", Guid.Parse("ffffffff-ffff-ffff-0000-000000000000"), true },
        { "JSON", "'{\"a\": [1, 2]}'", "{\"a\": [1, 2]}", true },
        { "ENUM('red', 'green')", "'green'", "green", false },
        { "BIT", "'0101'::BIT", "0101", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Value_round_trips_through_a_table(string sqlType, string literal, object expected, bool _)
    {
        _con.Execute($"CREATE TABLE t (v {sqlType}); INSERT INTO t VALUES ({literal}), (NULL)");
        using var reader = _con.Query("SELECT v FROM t");
        Assert.True(reader.Read());
        Assert.False(reader.IsNull(0));
        AssertValue(expected, reader.GetValue(0));
        Assert.Equal(expected.GetType(), reader.GetColumnType(0).ClrType);
        Assert.True(reader.Read());
        Assert.True(reader.IsNull(0));
        Assert.Null(reader.GetValue(0));
        Assert.False(reader.Read());
    }

    // What a Parquet file written by DuckDB gives back when the table's type does not survive as is.
    public static TheoryData<string, string, object, string> ParquetChanges() => new()
    {
        // Parquet has no 128-bit integers: DuckDB writes DOUBLE (hence Sluice casts sums and counts to BIGINT).
        { "HUGEINT", "'-170141183460469231731687303715884105728'", -1.7014118346046923E+38, "DOUBLE" },
        { "UHUGEINT", "340282366920938463463374607431768211455", 3.402823669209385E+38, "DOUBLE" },
        // Parquet TIME with a zone is adjusted to UTC.
        { "TIMETZ", "'12:30:00+05:30'", new DuckDbTimeTz(new TimeOnly(7, 0), TimeSpan.Zero), "TIME WITH TIME ZONE" },
        // TIMESTAMP_S and TIMESTAMP_MS come back as TIMESTAMP (microseconds) with the same value.
        { "TIMESTAMP_S", "'2024-01-02 03:04:05'", new DateTime(2024, 1, 2, 3, 4, 5), "TIMESTAMP" },
        { "TIMESTAMP_MS", "'2024-01-02 03:04:05.678'", new DateTime(2024, 1, 2, 3, 4, 5, 678), "TIMESTAMP" },
        { "ENUM('red', 'green')", "'green'", "green", "VARCHAR" },
        // Parquet's INTERVAL holds milliseconds.
        { "INTERVAL", "INTERVAL '1 year 2 months 3 days 04:05:06.000007'", new DuckDbInterval(14, 3, 14706000000), "INTERVAL" },
    };

    /// <summary>The cases whose value a Parquet file keeps exactly (the others are in <see cref="ParquetChanges"/>).</summary>
    public static TheoryData<string, string, object, bool> ParquetKeepsValue()
    {
        var changed = ParquetChanges().Select(row => (string)row[0]).ToHashSet(StringComparer.Ordinal);
        var data = new TheoryData<string, string, object, bool>();
        foreach (var row in Cases().Where(row => !changed.Contains((string)row[0]) || (string)row[0] is "ENUM('red', 'green')" or "TIMESTAMP_S" or "TIMESTAMP_MS"))
        {
            data.Add((string)row[0], (string)row[1], row[2], (bool)row[3]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ParquetKeepsValue))]
    public void Value_round_trips_through_a_parquet_file(string sqlType, string literal, object expected, bool keepsType)
    {
        var file = _temp.File(Guid.NewGuid().ToString("N") + ".parquet");
        _con.Execute($"CREATE TABLE t (v {sqlType}); INSERT INTO t VALUES ({literal}), (NULL)");
        var tableType = _con.Scalar<string>("SELECT typeof(v) FROM t LIMIT 1");
        _con.Execute($"COPY t TO '{file}' (FORMAT parquet, COMPRESSION zstd)");

        // Read back with the table's type, as Sluice's local engine does (types come from the catalog).
        using var reader = _con.Query($"SELECT CAST(v AS {sqlType}) AS v, typeof(v) AS stored FROM read_parquet('{file}')");
        Assert.True(reader.Read());
        AssertValue(expected, reader.GetValue(0));
        if (keepsType)
        {
            Assert.Equal(tableType, reader.GetString(1));
        }

        Assert.True(reader.Read());
        Assert.True(reader.IsNull(0));
        Assert.False(reader.Read());
    }

    [Theory]
    [MemberData(nameof(ParquetChanges))]
    public void Parquet_changes_these_types_in_known_ways(string sqlType, string literal, object expected, string storedType)
    {
        var file = _temp.File("changed.parquet");
        _con.Execute($"COPY (SELECT {literal}::{sqlType} AS v) TO '{file}' (FORMAT parquet)");
        using var reader = _con.Query($"SELECT v, typeof(v) FROM read_parquet('{file}')");
        Assert.True(reader.Read());
        AssertValue(expected, reader.GetValue(0));
        Assert.Equal(storedType, reader.GetString(1));
    }

    [Fact]
    public void Nested_types_read_as_lists_dictionaries_and_structs()
    {
        using var reader = _con.Query("""
            SELECT [1, NULL, 3] AS list,
                   [[1], [], NULL] AS nested,
                   [1, 2, 3]::INTEGER[3] AS arr,
                   {'a': 1, 'b': 'x', 'c': NULL} AS st,
                   MAP {'k1': 10, 'k2': NULL} AS m,
                   [{'x': 1}, {'x': 2}] AS list_of_structs,
                   union_value(num := 2)::UNION(num INTEGER, str VARCHAR) AS u,
                   NULL::INTEGER[] AS null_list
            """);
        Assert.True(reader.Read());
        Assert.Equal(new List<object?> { 1, null, 3 }, reader.GetValue(0));
        Assert.Equal(new List<object?> { new List<object?> { 1 }, new List<object?>(), null }, reader.GetValue(1));
        Assert.Equal(new List<object?> { 1, 2, 3 }, reader.GetValue(2));
        Assert.Equal(new Dictionary<string, object?> { ["a"] = 1, ["b"] = "x", ["c"] = null }, reader.GetValue(3));
        Assert.Equal(new Dictionary<object, object?> { ["k1"] = 10, ["k2"] = null }, reader.GetValue(4));
        Assert.Equal(
            new List<object?> { new Dictionary<string, object?> { ["x"] = 1 }, new Dictionary<string, object?> { ["x"] = 2 } },
            reader.GetValue(5));
        Assert.Equal(2, reader.GetValue(6));
        Assert.Null(reader.GetValue(7));

        Assert.Equal("INTEGER[]", reader.GetColumnType(0).ToString());
        Assert.Equal("INTEGER[][]", reader.GetColumnType(1).ToString());
        Assert.Equal("INTEGER[3]", reader.GetColumnType(2).ToString());
        Assert.Equal("STRUCT(a INTEGER, b VARCHAR, c INTEGER)", reader.GetColumnType(3).ToString());
        Assert.Equal("MAP(VARCHAR, INTEGER)", reader.GetColumnType(4).ToString());
        Assert.Equal("UNION(num INTEGER, str VARCHAR)", reader.GetColumnType(6).ToString());
    }

    [Fact]
    public void Nested_types_round_trip_through_parquet()
    {
        var file = _temp.File("nested.parquet");
        _con.Execute($"""
            COPY (SELECT [1, NULL, 3] AS list, {'{'}'a': 1, 'b': [ 'x', NULL ]{'}'} AS st, MAP {'{'}'k': 1.5::DOUBLE{'}'} AS m)
            TO '{file}' (FORMAT parquet)
            """);
        using var reader = _con.Query($"SELECT * FROM read_parquet('{file}')");
        Assert.True(reader.Read());
        Assert.Equal(new List<object?> { 1, null, 3 }, reader.GetValue(0));
        Assert.Equal(new Dictionary<string, object?> { ["a"] = 1, ["b"] = new List<object?> { "x", null } }, reader.GetValue(1));
        Assert.Equal(new Dictionary<object, object?> { ["k"] = 1.5 }, reader.GetValue(2));
    }

    [Fact]
    public void Every_type_reads_null_from_the_validity_mask()
    {
        var columns = Cases().Select((row, i) => $"NULL::{row[0]} AS c{i}")
            .Concat(["NULL::INTEGER[] AS l", "NULL::STRUCT(a INTEGER) AS s", "NULL::MAP(VARCHAR, INTEGER) AS m", "NULL::INTEGER[2] AS a"]);
        using var reader = _con.Query("SELECT " + string.Join(", ", columns) + " FROM range(3000)");
        var rows = 0;
        while (reader.Read())
        {
            rows++;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                Assert.True(reader.IsNull(i), $"column {reader.GetName(i)} ({reader.GetColumnType(i)})");
                Assert.Null(reader.GetValue(i));
            }
        }

        Assert.Equal(3000, rows); // spans two chunks of 2048
    }

    [Fact]
    public void Decimal_widths_above_28_digits_stay_exact()
    {
        var value = _con.Scalar<DuckDbDecimal>("SELECT 99999999999999999999999999999999999999::DECIMAL(38,0)");
        Assert.Equal("99999999999999999999999999999999999999", value.ToString());
        var scaled = _con.Scalar<DuckDbDecimal>("SELECT '-0.00000000000000000000000000000000000001'::DECIMAL(38,38)");
        Assert.Equal("-0.00000000000000000000000000000000000001", scaled.ToString());
        Assert.Throws<OverflowException>(() => value.ToDecimal());
    }

    [Fact]
    public void Typed_getters_read_without_boxing_and_convert_widening_types()
    {
        using var reader = _con.Query("SELECT 42::BIGINT, 7::INTEGER, 2.5::DOUBLE, 'text', TIMESTAMP '2020-05-06 07:08:09', DATE '2020-05-06', 1.25::DECIMAL(5,2)");
        Assert.True(reader.Read());
        Assert.Equal(42L, reader.GetInt64(0));
        Assert.Equal(7L, reader.GetInt64(1));
        Assert.Equal(7, reader.GetInt32(1));
        Assert.Equal(2.5, reader.GetDouble(2));
        Assert.Equal("text", reader.GetString(3));
        Assert.Equal(new DateTime(2020, 5, 6, 7, 8, 9), reader.GetDateTime(4));
        Assert.Equal(new DateOnly(2020, 5, 6), reader.GetDate(5));
        Assert.Equal(1.25m, reader.GetDecimal(6));
        Assert.Equal(42L, reader.GetFieldValue<long>(0));
        Assert.Equal("42", reader.GetFieldValue<string>(0));
    }

    [Fact]
    public void Infinite_dates_and_timestamps_map_to_the_dotnet_extremes()
    {
        using var reader = _con.Query("SELECT 'infinity'::DATE, '-infinity'::DATE, 'infinity'::TIMESTAMP, '-infinity'::TIMESTAMP");
        Assert.True(reader.Read());
        Assert.Equal(DateOnly.MaxValue, reader.GetValue(0));
        Assert.Equal(DateOnly.MinValue, reader.GetValue(1));
        Assert.Equal(DateTime.MaxValue, reader.GetValue(2));
        Assert.Equal(DateTime.MinValue, reader.GetValue(3));
    }

    private static void AssertValue(object expected, object? actual)
    {
        Assert.NotNull(actual);
        Assert.IsType(expected.GetType(), actual);
        if (expected is byte[] bytes)
        {
            Assert.Equal(bytes, (byte[])actual);
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }
}
