using System.Diagnostics;
using System.Globalization;
using Sluice.Extract;
using Sluice.Local;
using Sluice.Parquet;

namespace Sluice.Bench;

/// <summary>
/// Peak memory of one pipeline run over N generated flat records (10 columns, produced lazily as JSON lines, so the
/// input itself holds no memory): the process's peak working set (the kernel's high-water mark, native DuckDB memory
/// included), the largest managed heap seen by a sampler every 50 ms, and the GC's own figures. Run it in a process of
/// its own (<c>-- load-memory</c>) so that nothing else has raised the high-water mark.
/// </summary>
public static class LoadMemoryBenchmark
{
    public static void Run(int rows)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sluice-load-memory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var before = process.PeakWorkingSet64;
            long peakManaged = 0;
            long peakWorkingSet = 0;
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(forceFullCollection: false));
                    peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
                    try
                    {
                        await Task.Delay(50, stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            });

            var watch = Stopwatch.StartNew();
            using (var writer = new DuckDbParquetWriter())
            using (var engine = LocalAthenaEngine.Open(Path.Combine(folder, "lakehouse"), new LocalEngineOptions { Threads = 1 }))
            {
                var pipeline = LoadBenchmarks.NewPipeline(engine, writer, Path.Combine(folder, "work"));
                var info = pipeline.RunAsync([Resource.From("events", Generate(rows))]).GetAwaiter().GetResult();
                Console.WriteLine(info);
            }

            watch.Stop();
            stop.Cancel();
            sampler.GetAwaiter().GetResult();
            process.Refresh();
            var gc = GC.GetGCMemoryInfo(GCKind.Any);
            const double Mb = 1 << 20;
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {"figure",-52} | {"value",14} |"));
            Console.WriteLine($"|{new string('-', 54)}|{new string('-', 16)}|");
            void Row(string name, string value) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name,-52} | {value,14} |"));
            Row("records loaded (full run, Hive append)", rows.ToString("N0", CultureInfo.InvariantCulture));
            Row("time", string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalSeconds:0.0} s"));
            Row("rows/s", (rows / watch.Elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture));
            Row("peak working set (process high-water mark)", string.Create(CultureInfo.InvariantCulture, $"{process.PeakWorkingSet64 / Mb:0} MB"));
            Row("peak working set before the run", string.Create(CultureInfo.InvariantCulture, $"{before / Mb:0} MB"));
            Row("peak working set sampled during the run", string.Create(CultureInfo.InvariantCulture, $"{peakWorkingSet / Mb:0} MB"));
            Row("peak managed heap sampled during the run", string.Create(CultureInfo.InvariantCulture, $"{peakManaged / Mb:0} MB"));
            Row("managed heap after the last GC", string.Create(CultureInfo.InvariantCulture, $"{gc.HeapSizeBytes / Mb:0} MB"));
            Row("bytes allocated (managed, total)", string.Create(CultureInfo.InvariantCulture, $"{GC.GetTotalAllocatedBytes() / Mb:N0} MB"));
            Row("GCs gen0 / gen1 / gen2", string.Create(CultureInfo.InvariantCulture, $"{GC.CollectionCount(0)} / {GC.CollectionCount(1)} / {GC.CollectionCount(2)}"));
            Console.WriteLine();
            Console.WriteLine(process.PeakWorkingSet64 < 1L << 30
                ? "peak working set is under the 1 GB target"
                : "peak working set is OVER the 1 GB target");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<object?> Generate(int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            yield return LoadBenchmarks.FlatRecord(i);
        }
    }
}
