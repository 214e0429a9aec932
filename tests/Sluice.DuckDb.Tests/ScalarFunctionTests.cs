namespace Sluice.DuckDb.Tests;

public sealed class ScalarFunctionTests : IDisposable
{
    private readonly DuckDbDatabase _db = DuckDbDatabase.Open();
    private readonly DuckDbConnection _con;

    public ScalarFunctionTests() => _con = _db.Connect();

    public void Dispose()
    {
        _con.Dispose();
        _db.Dispose();
    }

    [Fact]
    public void A_csharp_function_is_callable_from_sql_on_every_row()
    {
        _con.RegisterScalarFunction(new DuckDbScalarFunction(
            "sluice_reverse_words",
            [DuckDbColumnType.Varchar],
            DuckDbColumnType.Varchar,
            args => string.Join(' ', args.GetString(0).Split(' ').Reverse())));

        Assert.Equal("c b a", _con.Scalar<string>("SELECT sluice_reverse_words('a b c')"));
        Assert.Equal(
            5000,
            _con.Scalar<long>("SELECT count(*) FROM range(5000) WHERE sluice_reverse_words('x ' || range::VARCHAR) = range::VARCHAR || ' x'"));
        Assert.Null(_con.Scalar<string>("SELECT sluice_reverse_words(NULL)"));
    }

    [Fact]
    public void A_function_can_add_an_overload_to_a_builtin()
    {
        // Trino's strpos(string, substring, instance): the n-th occurrence, 1-based, 0 when absent.
        _con.RegisterScalarFunction(new DuckDbScalarFunction(
            "strpos",
            [DuckDbColumnType.Varchar, DuckDbColumnType.Varchar, DuckDbColumnType.BigInt],
            DuckDbColumnType.BigInt,
            args =>
            {
                var text = args.GetString(0);
                var find = args.GetString(1);
                var instance = args.GetInt64(2);
                var at = -1;
                for (var i = 0; i < instance; i++)
                {
                    at = text.IndexOf(find, at + 1, StringComparison.Ordinal);
                    if (at < 0)
                    {
                        return 0L;
                    }
                }

                return (long)at + 1;
            }));

        Assert.Equal(2L, _con.Scalar<long>("SELECT strpos('abcabc', 'b')"));
        Assert.Equal(5L, _con.Scalar<long>("SELECT strpos('abcabc', 'b', 2)"));
        Assert.Equal(0L, _con.Scalar<long>("SELECT strpos('abcabc', 'b', 3)"));
    }

    [Fact]
    public void An_exception_in_the_function_fails_the_query_with_its_message()
    {
        _con.RegisterScalarFunction(new DuckDbScalarFunction(
            "sluice_checked_div",
            [DuckDbColumnType.BigInt, DuckDbColumnType.BigInt],
            DuckDbColumnType.BigInt,
            args => args.GetInt64(1) == 0
                ? throw new DivideByZeroException("DIVISION_BY_ZERO: Division by zero")
                : args.GetInt64(0) / args.GetInt64(1)));

        Assert.Equal(-2L, _con.Scalar<long>("SELECT sluice_checked_div(-5, 2)"));
        var error = Assert.Throws<DuckDbException>(() => _con.Scalar<long>("SELECT sluice_checked_div(1, 0)"));
        Assert.Contains("DIVISION_BY_ZERO: Division by zero", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_handling_and_varargs_follow_the_options()
    {
        _con.RegisterScalarFunction(new DuckDbScalarFunction("sluice_count_nulls", [], DuckDbColumnType.Integer, args =>
        {
            var nulls = 0;
            for (var i = 0; i < args.Count; i++)
            {
                nulls += args.IsNull(i) ? 1 : 0;
            }

            return nulls;
        })
        {
            Varargs = DuckDbColumnType.Any,
            HandlesNulls = true,
        });

        Assert.Equal(2, _con.Scalar<int>("SELECT sluice_count_nulls(1, NULL, 'x', NULL)"));
        Assert.Equal(0, _con.Scalar<int>("SELECT sluice_count_nulls()"));
    }

    [Fact]
    public void A_function_returning_a_list_writes_nested_values()
    {
        _con.RegisterScalarFunction(new DuckDbScalarFunction(
            "sluice_split",
            [DuckDbColumnType.Varchar],
            DuckDbColumnType.ListOf(DuckDbColumnType.Varchar),
            args => args.GetString(0).Split(',').ToList()));

        using var reader = _con.Query("SELECT sluice_split('a,b,' || range::VARCHAR) FROM range(3000)");
        var rows = 0;
        while (reader.Read())
        {
            Assert.Equal(new List<object?> { "a", "b", rows.ToString(System.Globalization.CultureInfo.InvariantCulture) }, reader.GetValue(0));
            rows++;
        }

        Assert.Equal(3000, rows);
    }

    [Fact]
    public void Registering_over_a_builtin_macro_fails_clearly()
    {
        // date_add is a DuckDB macro; DuckDB refuses to add a C API overload to it.
        var function = new DuckDbScalarFunction(
            "date_add",
            [DuckDbColumnType.Varchar, DuckDbColumnType.BigInt, DuckDbColumnType.Date],
            DuckDbColumnType.Date,
            args => args.GetValue(2));
        var error = Assert.Throws<DuckDbException>(() => _con.RegisterScalarFunction(function));
        Assert.Contains("date_add", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_is_visible_from_other_connections_and_threads()
    {
        _con.RegisterScalarFunction(new DuckDbScalarFunction("sluice_plus_one", [DuckDbColumnType.BigInt], DuckDbColumnType.BigInt, args => args.GetInt64(0) + 1));
        using var other = _db.Connect();
        // A parallel scan calls the function from several DuckDB worker threads at once.
        Assert.Equal(
            Enumerable.Range(1, 1_000_000).Sum(i => (long)i),
            other.Scalar<long>("SELECT sum(sluice_plus_one(range)) FROM range(1000000)"));
    }
}
