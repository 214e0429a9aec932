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
/// Loading N NDJSON records (a nested dict to flatten, an ISO timestamp to detect, numbers, bools, strings) into
/// Parquet, against DuckDB's own <c>read_json</c> → <c>COPY TO ... (FORMAT parquet, COMPRESSION zstd)</c> of the same
/// file in the same run. Sluice's figures include everything a real run does: extract to a package on disk,
/// normalize, type inference, Parquet, and (for the full run) the load into a local lakehouse with its catalog
/// statements.
/// </summary>
public static class LoadBenchmarks
{
    public static IReadOnlyList<Measurement> Run(int rows, int runs)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sluice-load-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var ndjson = Path.Combine(folder, "input.ndjson");
            WriteInput(ndjson, rows);
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

            var resource = () => Resource.From("events", File.ReadLines(ndjson).Cast<object?>());
            return
            [
                Report.Measure("baseline: DuckDB read_json -> COPY parquet zstd (1 thread)", runs, Clean, () => connection.Execute(
                    $"COPY (SELECT * FROM read_json('{ndjson}', format = 'newline_delimited')) TO '{output}' (FORMAT parquet, COMPRESSION zstd)")),
                Report.Measure("Sluice extract only (typed JSON lines)", runs, Clean, () =>
                {
                    using var engine = LocalAthenaEngine.Open(lakehouse, new LocalEngineOptions { Threads = 1 });
                    NewPipeline(engine, writer, work).ExtractAsync([resource()]).GetAwaiter().GetResult();
                }, "baseline: DuckDB read_json -> COPY parquet zstd (1 thread)"),
                Report.Measure("Sluice extract + normalize to Parquet", runs, Clean, () =>
                {
                    using var engine = LocalAthenaEngine.Open(lakehouse, new LocalEngineOptions { Threads = 1 });
                    var pipeline = NewPipeline(engine, writer, work);
                    var loadId = pipeline.ExtractAsync([resource()]).GetAwaiter().GetResult();
                    pipeline.NormalizeAsync(loadId).GetAwaiter().GetResult();
                }, "baseline: DuckDB read_json -> COPY parquet zstd (1 thread)"),
                Report.Measure("Sluice full run into the local lakehouse (Hive append)", runs, Clean, () =>
                {
                    using var engine = LocalAthenaEngine.Open(lakehouse, new LocalEngineOptions { Threads = 1 });
                    NewPipeline(engine, writer, work).RunAsync([resource()]).GetAwaiter().GetResult();
                }, "baseline: DuckDB read_json -> COPY parquet zstd (1 thread)"),
            ];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Pipeline NewPipeline(LocalAthenaEngine engine, DuckDbParquetWriter writer, string work) => new(
        new PipelineOptions { Name = "bench", Dataset = "bench", Bucket = S3Uri.Parse("s3://bench/"), WorkingFolder = work },
        engine, writer, new FolderObjectStore(engine.Root));

    private static void WriteInput(string path, int rows)
    {
        using var output = new StreamWriter(path, append: false, Encoding.UTF8);
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < rows; i++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $$$"""{"id": {{{i}}}, "name": "customer-{{{i % 100_000:D6}}}", "amount": {{{i * 0.25 + 0.1:0.00}}}, "active": {{{(i % 3 == 0 ? "true" : "false")}}}, "created": "{{{start.AddSeconds(i):yyyy-MM-ddTHH:mm:ssZ}}}", "address": {"city": "city-{{{i % 500}}}", "zip": "{{{10000 + i % 90000}}}"}}"""));
        }
    }
}
