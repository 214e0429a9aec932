using Sluice.DuckDb;

namespace Sluice.Bench;

/// <summary>
/// The DuckDB binding's hot paths on N rows of (BIGINT, VARCHAR, DOUBLE, TIMESTAMP): appending from .NET, reading
/// back into .NET values, and COPY to zstd Parquet. Each is paired with DuckDB doing comparable work natively in the
/// same run, so the ratio shows what the .NET side costs.
/// </summary>
public static class DuckDbBenchmarks
{
    private const string Columns = "id BIGINT, name VARCHAR, score DOUBLE, ts TIMESTAMP";

    public static IReadOnlyList<Measurement> Run(int rows, int runs)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sluice-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var db = DuckDbDatabase.Open(Path.Combine(folder, "bench.duckdb"));
            using var con = db.Connect();
            var ids = Enumerable.Range(0, rows).Select(i => (long)i).ToArray();
            var names = Enumerable.Range(0, rows).Select(i => "customer-" + (i % 100_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var scores = Enumerable.Range(0, rows).Select(i => i * 0.25).ToArray();
            var times = Enumerable.Range(0, rows).Select(i => DateTime.UnixEpoch.AddSeconds(i)).ToArray();
            void Reset() => con.Execute($"DROP TABLE IF EXISTS t; CREATE TABLE t ({Columns})");

            var results = new List<Measurement>
            {
                Report.Measure("baseline: INSERT ... SELECT FROM range() (native)", runs, Reset, () => con.Execute(
                    $"INSERT INTO t SELECT range, 'customer-' || lpad((range % 100000)::VARCHAR, 6, '0'), range * 0.25, TIMESTAMP '1970-01-01' + to_seconds(range) FROM range({rows})")),
                Report.Measure("appender, row by row", runs, Reset, () =>
                {
                    using var appender = con.CreateAppender("t");
                    for (var i = 0; i < rows; i++)
                    {
                        appender.Append(ids[i]).Append(names[i]).Append(scores[i]).Append(times[i]);
                        appender.EndRow();
                    }

                    appender.Complete();
                }, "baseline: INSERT ... SELECT FROM range() (native)"),
                Report.Measure("appender, by columns (AppendColumns)", runs, Reset, () =>
                {
                    using var appender = con.CreateAppender("t");
                    appender.AppendColumns(rows, ids, names, scores, times);
                    appender.Complete();
                }, "baseline: INSERT ... SELECT FROM range() (native)"),
            };

            long checksum = 0;
            results.Add(Report.Measure("baseline: native scan touching every value", runs, () => { }, () =>
                checksum += con.Scalar<long>("SELECT sum(id) + sum(length(name)) + sum(score)::BIGINT + sum(epoch(ts))::BIGINT FROM t")));
            results.Add(Report.Measure("read into .NET values (typed getters)", runs, () => { }, () =>
            {
                using var reader = con.Query("SELECT id, name, score, ts FROM t");
                long sum = 0;
                while (reader.Read())
                {
                    sum += reader.GetInt64(0) + reader.GetString(1).Length + (long)reader.GetDouble(2) + reader.GetDateTime(3).Ticks;
                }

                checksum += sum;
            }, "baseline: native scan touching every value"));
            results.Add(Report.Measure("read into .NET values (GetValue, boxed)", runs, () => { }, () =>
            {
                using var reader = con.Query("SELECT id, name, score, ts FROM t");
                var values = new object?[4];
                long count = 0;
                while (reader.Read())
                {
                    reader.GetValues(values);
                    count += values[1] is string ? 1 : 0;
                }

                checksum += count;
            }, "baseline: native scan touching every value"));

            var parquet = Path.Combine(folder, "t.parquet");
            results.Add(Report.Measure("COPY to Parquet (zstd)", runs, () => File.Delete(parquet), () =>
                con.Execute($"COPY t TO '{parquet}' (FORMAT parquet, COMPRESSION zstd)")));
            GC.KeepAlive(checksum);
            return results;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
