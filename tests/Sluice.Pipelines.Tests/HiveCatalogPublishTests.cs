using Sluice.Catalog;
using Sluice.Engines;
using Sluice.Errors;
using Sluice.Extract;
using Sluice.Pipelines;
using Sluice.Schema;
using Sluice.Storage;
using Xunit.Abstractions;

namespace Sluice.Pipelines.Tests;

/// <summary>
/// Hive replace and merge publish a new generation with one catalog call per table (LOCATION and every partition
/// together, naming the version read): counts against the DDL path, readers during loads, and a concurrent writer.
/// </summary>
public sealed class HiveCatalogPublishTests(ITestOutputHelper output) : PipelineTest
{
    private const int Partitions = 30;

    private static ResourceHints Hints(WriteDisposition disposition, bool partitioned) => new()
    {
        WriteDisposition = disposition,
        PrimaryKey = disposition == WriteDisposition.Merge ? ["id"] : [],
        Partition = partitioned ? [new PartitionHint("p")] : [],
    };

    /// <summary>Rows 1..n spread over <see cref="Partitions"/> partitions, each with a child row, all stamped with <paramref name="round"/>.</summary>
    private static Resource Rows(ResourceHints hints, int round, int n = 90) => Resource.From(
        "facts",
        Enumerable.Range(1, n).Select(i => (object?)$$"""{"id": {{i}}, "p": "p{{i % Partitions:00}}", "round": {{round}}, "tags": ["t{{round}}"]}""").ToList(),
        hints);

    private Pipeline PipelineOn(IAthenaEngine engine) => new(
        new PipelineOptions { Name = "shop", Dataset = "shop_data", Bucket = S3Uri.Parse("s3://lake/"), WorkingFolder = WorkingFolder },
        engine, Writer, Store);

    [Theory]
    [InlineData(WriteDisposition.Replace, false)]
    [InlineData(WriteDisposition.Replace, true)]
    [InlineData(WriteDisposition.Merge, false)]
    [InlineData(WriteDisposition.Merge, true)]
    public async Task One_catalog_call_per_table_replaces_the_switch_statements(WriteDisposition disposition, bool partitioned)
    {
        var hints = Hints(disposition, partitioned);

        // Before: an engine without catalog writes switches with DDL.
        var ddl = new DdlOnlyEngine(Engine);
        await PipelineOn(ddl).RunAsync([Rows(hints, 1)]);
        var before = await PipelineOn(ddl).RunAsync([Rows(hints, 2)]);
        Assert.Empty(before.Packages[0].CatalogCalls);
        var beforeSwitches = before.Packages[0].Statements.Count(s => s.Sql.StartsWith("ALTER TABLE", StringComparison.Ordinal) || s.Sql.StartsWith("DROP TABLE", StringComparison.Ordinal));

        // After: the same load with the catalog writer.
        var after = await PipelineOn(Engine).RunAsync([Rows(hints, 3)]);
        var package = after.Packages[0];
        Assert.DoesNotContain(package.Statements, s => s.Sql.StartsWith("ALTER TABLE", StringComparison.Ordinal) || s.Sql.StartsWith("DROP TABLE", StringComparison.Ordinal));
        // facts and facts__tags: one publishing call each.
        Assert.Equal(2, package.CatalogCalls.Count(c => c.Description.StartsWith("UpdateTableAndPartitions", StringComparison.Ordinal)));
        Assert.Equal(package.CatalogCalls.Count, after.CatalogCalls);
        Assert.True(package.Statements.Count < before.Packages[0].Statements.Count);
        Assert.Equal(before.Packages[0].Statements.Count - beforeSwitches, package.Statements.Count);
        Assert.Equal(["90|1"], await RowsAsync("SELECT count(*), count(DISTINCT \"round\") FROM facts WHERE \"round\" = 3"));
        Assert.Equal(["90"], await RowsAsync("SELECT count(*) FROM facts__tags WHERE value = 't3'"));
        if (partitioned)
        {
            Assert.Equal(Partitions, (await Engine.Catalog.GetPartitionsAsync("shop_data", "facts")).Count);
        }

        // The summary and the trace list catalog calls apart from statements.
        Assert.Contains($"{package.CatalogCalls.Count} catalog call(s)", after.ToString(), StringComparison.Ordinal);
        var trace = Path.Combine(WorkingFolder, "loaded", package.LoadId, Load.LoadStage.CatalogTraceFile);
        Assert.Contains("UpdateTableAndPartitions", await File.ReadAllTextAsync(trace), StringComparison.Ordinal);
        output.WriteLine($"hive {disposition} partitioned={partitioned}: before {before.Packages[0].Statements.Count} statements ({beforeSwitches} switch DDL), " +
                         $"after {package.Statements.Count} statements + {package.CatalogCalls.Count} catalog calls");
    }

    [Theory]
    [InlineData(WriteDisposition.Replace)]
    [InlineData(WriteDisposition.Merge)]
    public async Task Readers_never_see_two_loads_or_an_empty_table_during_partitioned_loads(WriteDisposition disposition)
    {
        var hints = Hints(disposition, partitioned: true);
        await NewPipeline().RunAsync([Rows(hints, 0)]);
        using var stop = new CancellationTokenSource();
        var seen = new List<string>();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await Engine.ExecuteAsync("SELECT count(*), count(DISTINCT \"_sluice_load_id\") FROM facts", new QueryContext { Database = "shop_data" });
                seen.Add(string.Join("|", result.RenderRow(0)));
                await Task.Yield();
            }
        });

        for (var round = 1; round <= 10; round++)
        {
            await NewPipeline().RunAsync([Rows(hints, round)]);
        }

        await stop.CancelAsync();
        await reader;
        Assert.True(seen.Count > 10, $"the reader ran {seen.Count} queries");
        // Every row of a load carries its load id: one distinct id means one generation across all 30 partitions.
        Assert.All(seen, s => Assert.Equal("90|1", s));
        Assert.Equal(["90|10"], await RowsAsync("SELECT count(*), max(\"round\") FROM facts"));
        output.WriteLine($"{disposition}: {seen.Count} reads during 10 loads, all 90|1");
    }

    [Theory]
    [InlineData(WriteDisposition.Replace, true)]
    [InlineData(WriteDisposition.Merge, true)]
    [InlineData(WriteDisposition.Merge, false)]
    public async Task A_table_changed_by_another_writer_is_a_conflict_and_stays_as_that_writer_left_it(WriteDisposition disposition, bool partitioned)
    {
        var hints = Hints(disposition, partitioned);
        await NewPipeline().RunAsync([Rows(hints, 1)]);
        var concurrent = new ConcurrentWriterEngine(Engine, "facts");
        var error = await Assert.ThrowsAsync<LoadException>(() => PipelineOn(concurrent).RunAsync([Rows(hints, 2)]));
        Assert.IsType<CatalogConflictException>(error.InnerException);
        Assert.Contains("shop_data.facts' was changed by another writer", error.Message, StringComparison.Ordinal);
        Assert.Contains(".versions.json' (and, for a merge, the '.rewritten' marker", error.Message, StringComparison.Ordinal);

        var table = (await Engine.Catalog.GetTableAsync("shop_data", "facts"))!;
        Assert.Equal(concurrent.Written!.VersionId, table.VersionId);
        Assert.Equal(concurrent.Written.StorageDescriptor.Location, table.StorageDescriptor.Location);
        Assert.Equal("changed elsewhere", table.Description);
        Assert.Equal(["90|1"], await RowsAsync("SELECT count(*), max(\"round\") FROM facts"));
        if (partitioned)
        {
            Assert.Equal(concurrent.PartitionsBefore, (await Engine.Catalog.GetPartitionsAsync("shop_data", "facts")).Select(p => p.Location).Order(StringComparer.Ordinal).ToList());
        }

        // Resuming repeats the conflict rather than overwrite the other writer's version.
        await Assert.ThrowsAsync<LoadException>(() => NewPipeline().RunAsync([]));
        Assert.Equal(["90|1"], await RowsAsync("SELECT count(*), max(\"round\") FROM facts"));

        // Following the error's advice loads the package on top of the other writer's version.
        var followups = Directory.EnumerateDirectories(Path.Combine(WorkingFolder, "load")).Single();
        File.Delete(Path.Combine(followups, "followups", "facts.versions.json"));
        File.Delete(Path.Combine(followups, "followups", "facts.rewritten"));
        await NewPipeline().RunAsync([]);
        Assert.Equal(["90|2"], await RowsAsync("SELECT count(*), max(\"round\") FROM facts"));
        Assert.Equal("changed elsewhere", (await Engine.Catalog.GetTableAsync("shop_data", "facts"))!.Description);
    }

    [Theory]
    [InlineData(WriteDisposition.Replace)]
    [InlineData(WriteDisposition.Merge)]
    public async Task A_crash_at_the_publishing_catalog_call_resumes_to_the_new_generation(WriteDisposition disposition)
    {
        var hints = Hints(disposition, partitioned: true);
        await NewPipeline().RunAsync([Rows(hints, 1)]);
        foreach (var afterCommit in new[] { false, true })
        {
            var round = afterCommit ? 3 : 2;
            var crashing = new PublishCrashEngine(Engine, afterCommit);
            await Assert.ThrowsAsync<SimulatedCrashException>(() => PipelineOn(crashing).RunAsync([Rows(hints, round)]));
            Assert.True(crashing.Crashed);
            // Before the call committed readers still see the previous load whole; after it, the new one.
            var visible = afterCommit ? round : round - 1;
            Assert.Equal([$"90|{visible}|{visible}"], await RowsAsync("SELECT count(*), min(\"round\"), max(\"round\") FROM facts"));
            await NewPipeline().RunAsync([]);
            Assert.Equal([$"90|{round}|{round}"], await RowsAsync("SELECT count(*), min(\"round\"), max(\"round\") FROM facts"));
            Assert.Equal(Partitions, (await Engine.Catalog.GetPartitionsAsync("shop_data", "facts")).Count);
        }
    }

    /// <summary>An engine without catalog writes (as when only SQL reaches Athena): the loader switches with DDL.</summary>
    private sealed class DdlOnlyEngine(IAthenaEngine inner) : ForwardingEngine(inner)
    {
        public override ICatalogWriter? CatalogWriter => null;
    }

    /// <summary>Crashes at the first publishing catalog call of the root table, before or after it commits.</summary>
    private sealed class PublishCrashEngine(IAthenaEngine inner, bool afterCommit) : ForwardingEngine(inner)
    {
        public bool Crashed { get; private set; }

        public override ICatalogWriter? CatalogWriter => new Writer(this, Inner.CatalogWriter!);

        private sealed class Writer(PublishCrashEngine engine, ICatalogWriter inner) : ForwardingWriter(inner)
        {
            public override async Task<CatalogTable> UpdateTableAndPartitionsAsync(
                CatalogTable table, long expectedVersionId, IReadOnlyList<CatalogPartition> putPartitions, IReadOnlyList<IReadOnlyList<string>> deletePartitions,
                CancellationToken cancellationToken = default)
            {
                if (!engine.Crashed && table.Name == "facts")
                {
                    engine.Crashed = true;
                    if (engine.AfterCommit)
                    {
                        await base.UpdateTableAndPartitionsAsync(table, expectedVersionId, putPartitions, deletePartitions, cancellationToken);
                    }

                    throw new SimulatedCrashException();
                }

                return await base.UpdateTableAndPartitionsAsync(table, expectedVersionId, putPartitions, deletePartitions, cancellationToken);
            }
        }

        public bool AfterCommit => afterCommit;
    }

    /// <summary>Another writer updates <paramref name="table"/> (new description) just before the load publishes it.</summary>
    private sealed class ConcurrentWriterEngine(IAthenaEngine inner, string table) : ForwardingEngine(inner)
    {
        public CatalogTable? Written { get; private set; }

        public List<string> PartitionsBefore { get; private set; } = [];

        public override ICatalogWriter? CatalogWriter => new Writer(this, Inner.CatalogWriter!);

        private sealed class Writer(ConcurrentWriterEngine engine, ICatalogWriter inner) : ForwardingWriter(inner)
        {
            public override async Task<CatalogTable> UpdateTableAndPartitionsAsync(
                CatalogTable target, long expectedVersionId, IReadOnlyList<CatalogPartition> putPartitions, IReadOnlyList<IReadOnlyList<string>> deletePartitions,
                CancellationToken cancellationToken = default)
            {
                if (engine.Written is null && target.Name == engine.Table)
                {
                    var current = (await engine.Catalog.GetTableAsync(target.DatabaseName, target.Name, cancellationToken))!;
                    engine.Written = await base.UpdateTableAsync(current with { Description = "changed elsewhere" }, current.VersionId, cancellationToken);
                    if (current.PartitionKeys.Count > 0)
                    {
                        engine.PartitionsBefore = (await engine.Catalog.GetPartitionsAsync(target.DatabaseName, target.Name, cancellationToken)).Select(p => p.Location).Order(StringComparer.Ordinal).ToList();
                    }
                }

                return await base.UpdateTableAndPartitionsAsync(target, expectedVersionId, putPartitions, deletePartitions, cancellationToken);
            }
        }

        public string Table => table;
    }

    /// <summary>Passes everything to the engine it wraps; a test engine overrides what it changes.</summary>
    private abstract class ForwardingEngine(IAthenaEngine inner) : IAthenaEngine
    {
        protected IAthenaEngine Inner => inner;

        public EngineCapabilities Capabilities => inner.Capabilities;

        public ICatalog Catalog => inner.Catalog;

        public virtual ICatalogWriter? CatalogWriter => inner.CatalogWriter;

        public Task<QueryResult> ExecuteAsync(string sql, QueryContext? context = null, CancellationToken cancellationToken = default) =>
            inner.ExecuteAsync(sql, context, cancellationToken);

        public void Dispose()
        {
        }
    }

    private abstract class ForwardingWriter(ICatalogWriter inner) : ICatalogWriter
    {
        public Task<CatalogTable> CreateTableAsync(CatalogTable table, CancellationToken cancellationToken = default) => inner.CreateTableAsync(table, cancellationToken);

        public Task<CatalogTable> UpdateTableAsync(CatalogTable table, long expectedVersionId, CancellationToken cancellationToken = default) =>
            inner.UpdateTableAsync(table, expectedVersionId, cancellationToken);

        public Task DeleteTableAsync(string database, string name, CancellationToken cancellationToken = default) => inner.DeleteTableAsync(database, name, cancellationToken);

        public Task PutPartitionsAsync(string database, string table, IReadOnlyList<CatalogPartition> partitions, CancellationToken cancellationToken = default) =>
            inner.PutPartitionsAsync(database, table, partitions, cancellationToken);

        public Task DeletePartitionsAsync(string database, string table, IReadOnlyList<IReadOnlyList<string>> partitionValues, CancellationToken cancellationToken = default) =>
            inner.DeletePartitionsAsync(database, table, partitionValues, cancellationToken);

        public virtual Task<CatalogTable> UpdateTableAndPartitionsAsync(
            CatalogTable table, long expectedVersionId, IReadOnlyList<CatalogPartition> putPartitions, IReadOnlyList<IReadOnlyList<string>> deletePartitions,
            CancellationToken cancellationToken = default) =>
            inner.UpdateTableAndPartitionsAsync(table, expectedVersionId, putPartitions, deletePartitions, cancellationToken);

        public Task<CatalogTable> ReplaceTableAsync(TableReplacement replacement, CancellationToken cancellationToken = default) => inner.ReplaceTableAsync(replacement, cancellationToken);
    }
}
