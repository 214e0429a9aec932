using System.Globalization;
using System.Text;
using Sluice.DuckDb;
using Sluice.Extract;
using Sluice.Local;
using Sluice.Parquet;
using Sluice.Pipelines;
using Sluice.Storage;

namespace Sluice.Bench;

/// <summary>
/// Loading N NDJSON records into Parquet, against DuckDB's own <c>read_json</c> → <c>COPY TO ... (FORMAT parquet,
/// COMPRESSION zstd)</c> of the same file in the same run. Two shapes: flat records of 10 columns (a nested dict to
/// flatten, an ISO timestamp to detect, numbers, bools, strings) and nested records with two child lists of about
/// three items each (root and two child tables). Sluice's figures include everything a real run does: extract to a
/// package on disk, normalize, type inference, Parquet, and (for the full runs) the load into a local lakehouse with
/// its catalog statements.
/// </summary>
public static class LoadBenchmarks
{
    private const string FlatBaseline = "flat: DuckDB read_json -> COPY parquet zstd (1 thread)";
    private const string NestedBaseline = "nested: DuckDB read_json -> COPY parquet zstd (1 thread)";

    public static IReadOnlyList<Measurement> Run(int rows, int runs)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sluice-load-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var flat = Path.Combine(folder, "flat.ndjson");
            var nested = Path.Combine(folder, "nested.ndjson");
            WriteInput(flat, rows, FlatRecord);
            WriteInput(nested, rows, NestedRecord);
            var output = Path.Combine(folder, "out.parquet");
            using var database = DuckDbDatabase.Open(null, new Dictionary<string, string> { ["threads"] = "1" });
            using var connection = database.Connect();
            using var writer = new DuckDbParquetWriter();
            var work = Path.Combine(folder, "work");
            var lakehouse = Path.Combine(folder, "lakehouse");
            void Clean()
            {
                foreach (var path in new[] { work, lakehouse })
                {
                    if (Directory.Exists(path))
                    {
                        Directory.Delete(path, recursive: true);
                    }
                }

                File.Delete(output);
            }

            Resource Events(string file) => Resource.From("events", File.ReadLines(file).Cast<object?>());
            void Duck(string file) => connection.Execute(
                $"COPY (SELECT * FROM read_json('{file}', format = 'newline_delimited')) TO '{output}' (FORMAT parquet, COMPRESSION zstd)");
            void FullRun(string file)
            {
                using var engine = LocalAthenaEngine.Open(lakehouse, new LocalEngineOptions { Threads = 1 });
                NewPipeline(engine, writer, work).RunAsync([Events(file)]).GetAwaiter().GetResult();
            }

            return
            [
                Report.Measure(FlatBaseline, runs, Clean, () => Duck(flat)),
                Report.Measure("flat: Sluice extract only (typed JSON lines)", runs, Clean, () =>
                {
                    using var engine = LocalAthenaEngine.Open(lakehouse, new LocalEngineOptions { Threads = 1 });
                    NewPipeline(engine, writer, work).ExtractAsync([Events(flat)]).GetAwaiter().GetResult();
                }, FlatBaseline),
                Report.Measure("flat: Sluice extract + normalize to Parquet", runs, Clean, () =>
                {
                    using var engine = LocalAthenaEngine.Open(lakehouse, new LocalEngineOptions { Threads = 1 });
                    var pipeline = NewPipeline(engine, writer, work);
                    var loadId = pipeline.ExtractAsync([Events(flat)]).GetAwaiter().GetResult();
                    pipeline.NormalizeAsync(loadId).GetAwaiter().GetResult();
                }, FlatBaseline),
                Report.Measure("flat: Sluice full run (Hive append, 10 columns)", runs, Clean, () => FullRun(flat), FlatBaseline),
                Report.Measure(NestedBaseline, runs, Clean, () => Duck(nested)),
                Report.Measure("nested: Sluice full run (root + 2 child tables)", runs, Clean, () => FullRun(nested), NestedBaseline),
            ];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static Pipeline NewPipeline(LocalAthenaEngine engine, DuckDbParquetWriter writer, string work) => new(
        new PipelineOptions { Name = "bench", Dataset = "bench", Bucket = S3Uri.Parse("s3://bench/"), WorkingFolder = work },
        engine, writer, new FolderObjectStore(engine.Root));

    private static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Ten columns after flattening: id, name, amount, active, created, address__city, address__zip, score, tier, note.</summary>
    internal static string FlatRecord(int i) => string.Create(CultureInfo.InvariantCulture,
        $$$"""{"id": {{{i}}}, "name": "customer-{{{i % 100_000:D6}}}", "amount": {{{i * 0.25 + 0.1:0.00}}}, "active": {{{(i % 3 == 0 ? "true" : "false")}}}, "created": "{{{Start.AddSeconds(i):yyyy-MM-ddTHH:mm:ssZ}}}", "address": {"city": "city-{{{i % 500}}}", "zip": "{{{10000 + i % 90000}}}"}, "score": {{{i % 1000}}}, "tier": "{{{(i % 4 == 0 ? "gold" : "silver")}}}", "note": "order note {{{i % 7919}}}"}""");

    /// <summary>A root of five columns with two child lists: 3 lines (4 every fifth record) and 2-4 tags.</summary>
    internal static string NestedRecord(int i)
    {
        var builder = new StringBuilder(400);
        builder.Append(CultureInfo.InvariantCulture,
            $$"""{"id": {{i}}, "customer": "customer-{{i % 100_000:D6}}", "created": "{{Start.AddSeconds(i):yyyy-MM-ddTHH:mm:ssZ}}", "total": {{i * 0.5 + 0.25:0.00}}, "lines": [""");
        var lines = i % 5 == 0 ? 4 : 3;
        for (var l = 0; l < lines; l++)
        {
            builder.Append(CultureInfo.InvariantCulture,
                $$"""{{(l > 0 ? ", " : string.Empty)}}{"sku": "sku-{{(i + l) % 5000}}", "qty": {{1 + l}}, "price": {{(i % 100) + l + 0.5:0.00}}}""");
        }

        builder.Append("""], "tags": [""");
        var tags = 2 + (i % 3);
        for (var t = 0; t < tags; t++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{(t > 0 ? ", " : string.Empty)}\"tag-{(i + t) % 50}\"");
        }

        builder.Append("]}");
        return builder.ToString();
    }

    private static void WriteInput(string path, int rows, Func<int, string> record)
    {
        using var output = new StreamWriter(path, append: false, Encoding.UTF8);
        for (var i = 0; i < rows; i++)
        {
            output.WriteLine(record(i));
        }
    }
}
