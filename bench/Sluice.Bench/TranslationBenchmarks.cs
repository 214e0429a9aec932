using System.Globalization;
using Sluice.DuckDb;
using Sluice.Local.Translation;

namespace Sluice.Bench;

/// <summary>
/// The cost of Trino semantics: one aggregate query over N rows written in Athena SQL with several translated
/// functions (checked integer division, split_part, date_add, date_diff, date_trunc on DATE, regexp_replace with
/// $-backreferences, greatest with NULL rule, day_of_week, count_if), run through <see cref="TrinoTranslator"/>, against
/// the same query written with DuckDB's native equivalents on a plain connection, on the same table in the same run.
/// </summary>
public static class TranslationBenchmarks
{
    /// <summary>The Athena query as a model would write it.</summary>
    public const string AthenaQuery = """
        SELECT
          count_if(split_part(s, ',', 2) = '3') AS c1,
          sum(date_diff('day', DATE '2020-01-01', date_add('month', 1, d))) AS c2,
          count(DISTINCT date_trunc('month', d)) AS c3,
          sum(id / (n + 1)) AS c4,
          sum(length(regexp_replace(s, '([a-z]+)-', '$1_'))) AS c5,
          max(greatest(x, 1.5)) AS c6,
          count_if(day_of_week(d) = 1) AS c7
        FROM t
        """;

    /// <summary>The same computation in DuckDB's own dialect (what a user would write for DuckDB directly).</summary>
    public const string NativeQuery = """
        SELECT
          count(*) FILTER (WHERE split_part(s, ',', 2) = '3') AS c1,
          sum(date_sub('day', DATE '2020-01-01', CAST(d + INTERVAL 1 MONTH AS DATE))) AS c2,
          count(DISTINCT CAST(date_trunc('month', d) AS DATE)) AS c3,
          sum(id // (n + 1)) AS c4,
          sum(length(regexp_replace(s, '([a-z]+)-', '\1_', 'g'))) AS c5,
          max(greatest(x, 1.5)) AS c6,
          count(*) FILTER (WHERE isodow(d) = 1) AS c7
        FROM t
        """;

    public static IReadOnlyList<Measurement> Run(int rows, int runs)
    {
        using var db = DuckDbDatabase.Open(null);
        using var trino = db.Connect();
        TrinoTranslator.ConfigureSession(trino);
        using var native = db.Connect();
        native.Execute("SET TimeZone = 'UTC'");
        native.Execute(string.Create(CultureInfo.InvariantCulture, $"""
            CREATE TABLE memory.main.t AS
            SELECT range AS id,
                   'user-' || CAST(range % 1000 AS VARCHAR) || ',' || CAST(range % 7 AS VARCHAR) AS s,
                   DATE '2020-01-01' + CAST(range % 1000 AS INTEGER) AS d,
                   range * 0.5 AS x,
                   CAST(range % 100 AS INTEGER) AS n
            FROM range({rows})
            """));

        var translated = TrinoTranslator.Translate(AthenaQuery);
        var expected = Row(native, NativeQuery);
        var actual = Row(trino, translated);
        if (!expected.SequenceEqual(actual))
        {
            throw new InvalidOperationException(
                $"The translated query disagrees with the native one: [{string.Join(", ", actual)}] vs [{string.Join(", ", expected)}].");
        }

        // Interleaved runs (native, translated, native, ...) so that load from other processes hits both alike; the first
        // pair warms up.
        var nativeTimes = new List<TimeSpan>();
        var translatedTimes = new List<TimeSpan>();
        for (var i = 0; i <= runs; i++)
        {
            var n = Time(() => Row(native, NativeQuery));
            var t = Time(() => Row(trino, TrinoTranslator.Translate(AthenaQuery)));
            if (i > 0)
            {
                nativeTimes.Add(n);
                translatedTimes.Add(t);
            }
        }

        const string baseline = "native DuckDB SQL (baseline)";
        return
        [
            Summarise(baseline, nativeTimes, null),
            Summarise("Athena SQL, translated (Trino semantics)", translatedTimes, baseline),
        ];
    }

    private static TimeSpan Time(Action body)
    {
        GC.Collect();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        body();
        return watch.Elapsed;
    }

    private static Measurement Summarise(string name, List<TimeSpan> times, string? baseline)
    {
        times.Sort();
        return new Measurement(name, times[times.Count / 2], times[0], baseline);
    }

    private static string[] Row(DuckDbConnection connection, string sql)
    {
        using var reader = connection.Query(sql);
        reader.Read();
        var values = new object?[reader.FieldCount];
        reader.GetValues(values);
        return values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "NULL").ToArray();
    }
}
