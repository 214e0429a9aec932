using Sluice.Extract;
using Sluice.Local;
using Sluice.Parquet;
using Sluice.Schema;
using Sluice.Storage;

namespace Sluice.Pipelines.Tests;

/// <summary>
/// Kills the second load of a scenario at every statement and every catalog call (before and after it commits) and at
/// every object put, then resumes with a fresh pipeline: the tables must end exactly as after an uninterrupted run.
/// </summary>
public sealed class CrashResumeTests
{
    public static TheoryData<string> Scenarios => ["hive-append", "hive-replace", "hive-merge", "hive-append-partitioned", "hive-replace-partitioned", "hive-merge-partitioned", "iceberg-append", "iceberg-replace", "iceberg-delete-insert", "iceberg-upsert", "iceberg-scd2"];

    private static ResourceHints Hints(string scenario) => scenario switch
    {
        "hive-append" => new ResourceHints(),
        "hive-replace" => new ResourceHints { WriteDisposition = WriteDisposition.Replace },
        "hive-merge" => new ResourceHints { WriteDisposition = WriteDisposition.Merge, PrimaryKey = ["id"] },
        // Partitioned by v: in the second load id 2 moves from partition 'b' to 'b2', and 'c' is new.
        "hive-append-partitioned" => new ResourceHints { Partition = [new PartitionHint("v")] },
        "hive-replace-partitioned" => new ResourceHints { WriteDisposition = WriteDisposition.Replace, Partition = [new PartitionHint("v")] },
        "hive-merge-partitioned" => new ResourceHints { WriteDisposition = WriteDisposition.Merge, PrimaryKey = ["id"], Partition = [new PartitionHint("v")] },
        "iceberg-append" => new ResourceHints { TableFormat = TableFormat.Iceberg },
        "iceberg-replace" => new ResourceHints { TableFormat = TableFormat.Iceberg, WriteDisposition = WriteDisposition.Replace },
        "iceberg-scd2" => new ResourceHints { TableFormat = TableFormat.Iceberg, WriteDisposition = WriteDisposition.Merge, MergeStrategy = MergeStrategy.Scd2 },
        "iceberg-delete-insert" => new ResourceHints { TableFormat = TableFormat.Iceberg, WriteDisposition = WriteDisposition.Merge, PrimaryKey = ["id"] },
        _ => new ResourceHints { TableFormat = TableFormat.Iceberg, WriteDisposition = WriteDisposition.Merge, MergeStrategy = MergeStrategy.Upsert, PrimaryKey = ["id"] },
    };

    private static readonly string[] First = ["""{"id": 1, "v": "a", "kids": [1, 2]}""", """{"id": 2, "v": "b", "kids": [3]}"""];
    private static readonly string[] Second = ["""{"id": 2, "v": "b2", "kids": [4, 5], "extra": true}""", """{"id": 3, "v": "c", "kids": []}"""];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_crash_point_resumes_to_the_same_tables(string scenario)
    {
        var expected = await RunAsync(scenario, crash: null);
        var points = expected.Statements + expected.CatalogCalls;
        if (scenario.StartsWith("hive-replace", StringComparison.Ordinal) || scenario.StartsWith("hive-merge", StringComparison.Ordinal))
        {
            // The new generation is published by catalog calls, which are crash points too.
            Assert.True(expected.CatalogCalls > 0, $"{scenario}: no catalog call");
        }

        for (var point = 1; point <= points; point++)
        {
            foreach (var after in new[] { false, true })
            {
                var actual = await RunAsync(scenario, (Statement: point, Put: 0, after));
                Assert.True(expected.Tables == actual.Tables, $"{scenario}: crash at statement or catalog call {point} ({(after ? "after" : "before")} commit) ended with\n{actual.Tables}\ninstead of\n{expected.Tables}");
            }
        }

        for (var put = 1; put <= expected.Puts; put++)
        {
            foreach (var after in new[] { false, true })
            {
                var actual = await RunAsync(scenario, (Statement: 0, Put: put, after));
                Assert.True(expected.Tables == actual.Tables, $"{scenario}: crash at put {put} ended with\n{actual.Tables}\ninstead of\n{expected.Tables}");
            }
        }
    }

    private sealed class CountingStore(IObjectStore inner) : IObjectStore
    {
        public int Puts { get; private set; }

        public Task PutFileAsync(string localFile, S3Uri target, CancellationToken cancellationToken = default)
        {
            Puts++;
            return inner.PutFileAsync(localFile, target, cancellationToken);
        }

        public Task<IReadOnlyList<S3Uri>> ListAsync(S3Uri prefix, CancellationToken cancellationToken = default) => inner.ListAsync(prefix, cancellationToken);

        public Task DeleteAsync(S3Uri target, CancellationToken cancellationToken = default) => inner.DeleteAsync(target, cancellationToken);
    }

    private static async Task<(string Tables, int Statements, int CatalogCalls, int Puts)> RunAsync(string scenario, (int Statement, int Put, bool After)? crash)
    {
        var root = Path.Combine(Path.GetTempPath(), "sluice-crash-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var engine = LocalAthenaEngine.Open(Path.Combine(root, "lakehouse"), new LocalEngineOptions { Threads = 1 });
            using var writer = new DuckDbParquetWriter();
            var store = new FolderObjectStore(engine.Root);
            var options = new PipelineOptions { Name = "p", Dataset = "ds", Bucket = S3Uri.Parse("s3://lake/"), WorkingFolder = Path.Combine(root, "work") };
            var hints = Hints(scenario);
            await new Pipeline(options, engine, writer, store).RunAsync([Resource.From("t", First, hints)]);

            var statements = 0;
            var catalogCalls = 0;
            var puts = 0;
            if (crash is { } point)
            {
                var crashingEngine = new CrashingEngine(engine, point.Statement, point.After);
                var crashingStore = new CrashingStore(store, point.Put, point.After);
                await Assert.ThrowsAsync<SimulatedCrashException>(() => new Pipeline(options, crashingEngine, writer, crashingStore).RunAsync([Resource.From("t", Second, hints)]));
                // The restarted process finishes the interrupted package first; the second run has nothing left to do.
                await new Pipeline(options, engine, writer, store).RunAsync([]);
            }
            else
            {
                var counting = new CountingStore(store);
                var info = await new Pipeline(options, engine, writer, counting).RunAsync([Resource.From("t", Second, hints)]);
                statements = info.Statements;
                catalogCalls = info.CatalogCalls;
                puts = counting.Puts;
            }

            var rows = new List<string>();
            foreach (var query in new[]
            {
                "SELECT id, v, extra FROM t ORDER BY id, v",
                "SELECT p.id, k.value FROM t p JOIN t__kids k ON k._sluice_parent_id = p._sluice_id ORDER BY p.id, k.value",
                "SELECT count(*) FROM t__kids",
                "SELECT count(*), count(DISTINCT load_id) FROM _sluice_loads",
            })
            {
                var result = await engine.ExecuteAsync(query, new Engines.QueryContext { Database = "ds" });
                rows.AddRange(Enumerable.Range(0, result.Rows.Count).Select(i => string.Join("|", result.RenderRow(i).Select(v => v ?? "NULL"))));
            }

            if (scenario.EndsWith("-partitioned", StringComparison.Ordinal))
            {
                rows.AddRange((await engine.Catalog.GetPartitionsAsync("ds", "t")).Select(p => "partition " + string.Join("/", p.Values)).Order(StringComparer.Ordinal));
            }

            Assert.Empty(PipelineFolderPackages(Path.Combine(root, "work")));
            return (string.Join("\n", rows), statements, catalogCalls, puts);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static IEnumerable<string> PipelineFolderPackages(string work) =>
        new[] { "extract", "normalize", "load" }.SelectMany(stage => Directory.EnumerateDirectories(Path.Combine(work, stage)));
}
