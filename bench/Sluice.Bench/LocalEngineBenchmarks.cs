using System.Globalization;
using Sluice.DuckDb;
using Sluice.Local;

namespace Sluice.Bench;

/// <summary>
/// Five analytical queries over a partitioned Hive Parquet table of N rows and a small dimension table, run as Athena
/// SQL through the local engine and as hand-written DuckDB SQL over the same files, in the same run.
/// </summary>
public static class LocalEngineBenchmarks
{
    public static IReadOnlyList<Measurement> Run(int rows, int runs)
    {
        var root = Path.Combine(Path.GetTempPath(), "sluice-bench-lake-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var engine = LocalAthenaEngine.Open(root);
            engine.Execute($"""
                CREATE TABLE facts WITH (external_location = 's3://bench/facts/', partitioned_by = ARRAY['day'], write_compression = 'ZSTD')
                AS SELECT range AS id, range % 100000 AS customer, CAST((range % 1000) * 0.5 AS DOUBLE) AS amount,
                          'note-' || CAST(range % 37 AS VARCHAR) AS note,
                          strftime(DATE '2024-01-01' + CAST(range % 30 AS INTEGER), '%Y-%m-%d') AS day
                FROM range({rows})
                """);
            engine.Execute("""
                CREATE TABLE dims WITH (external_location = 's3://bench/dims/')
                AS SELECT range AS id, 'region-' || CAST(range % 8 AS VARCHAR) AS region FROM range(100000)
                """);

            var facts = Path.Combine(root, "s3", "bench", "facts").Replace("'", "''", StringComparison.Ordinal);
            var dims = Path.Combine(root, "s3", "bench", "dims").Replace("'", "''", StringComparison.Ordinal);
            using var db = DuckDbDatabase.Open();
            using var con = db.Connect();
            using var unionCon = db.Connect();
            con.Execute($"""
                SET parquet_metadata_cache = true;
                CREATE VIEW facts AS SELECT * FROM read_parquet('{facts}/*/*.parquet', hive_partitioning = true, hive_types = {'{'}'day': VARCHAR{'}'});
                CREATE VIEW dims AS SELECT * FROM read_parquet('{dims}/*.parquet');
                """);
            unionCon.Execute($"""
                CREATE SCHEMA u; USE u;
                CREATE VIEW facts AS SELECT * FROM read_parquet('{facts}/*/*.parquet', hive_partitioning = true, union_by_name = true, hive_types = {'{'}'day': VARCHAR{'}'});
                CREATE VIEW dims AS SELECT * FROM read_parquet('{dims}/*.parquet', union_by_name = true);
                """);

            var queries = new (string Name, string Sql)[]
            {
                ("fixed cost: SELECT 1", "SELECT 1"),
                ("scan", "SELECT count(*), sum(amount), count(DISTINCT note) FROM facts"),
                ("partition filter", "SELECT count(*), sum(amount) FROM facts WHERE day = '2024-01-15'"),
                ("group-by", "SELECT customer % 1000 AS bucket, sum(amount) AS total, count(*) AS n FROM facts GROUP BY 1 ORDER BY 1"),
                ("join", "SELECT d.region, sum(f.amount) AS total FROM facts f JOIN dims d ON f.customer = d.id GROUP BY d.region ORDER BY d.region"),
                ("window", "SELECT day, total, rank() OVER (ORDER BY total DESC) AS r, sum(total) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS rolling FROM (SELECT day, sum(amount) AS total FROM facts GROUP BY day) ORDER BY day"),
            };

            var results = new List<Measurement>();
            foreach (var (name, sql) in queries)
            {
                // The same answer both ways, or the comparison means nothing.
                var viaEngine = engine.Execute(sql).Rows.Select(r => string.Join("|", r.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))).ToList();
                var viaDuckDb = Rows(con, sql);
                if (!viaEngine.SequenceEqual(viaDuckDb, StringComparer.Ordinal))
                {
                    throw new InvalidOperationException($"'{name}' differs between the engine and DuckDB: {string.Join(";", viaEngine.Take(3))} vs {string.Join(";", viaDuckDb.Take(3))}");
                }

                var baseline = $"DuckDB SQL on the files: {name}";
                results.Add(Report.Measure(baseline, runs, () => { }, () => Rows(con, sql)));
                if (Environment.GetEnvironmentVariable("SLUICE_BENCH_UNION") == "1")
                {
                    results.Add(Report.Measure($"  same with union_by_name: {name}", runs, () => { }, () => Rows(unionCon, sql), baseline));
                }
                results.Add(Report.Measure($"local engine (Athena SQL): {name}", runs, () => { }, () => engine.Execute(sql), baseline));
            }

            return results;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static List<string> Rows(DuckDbConnection connection, string sql)
    {
        using var reader = connection.Query(sql);
        var rows = new List<string>();
        var values = new object?[reader.FieldCount];
        while (reader.Read())
        {
            reader.GetValues(values);
            rows.Add(string.Join("|", values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
