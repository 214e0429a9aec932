using Sluice.Engines;
using Sluice.Errors;
using Sluice.Extract;
using Sluice.Schema;

namespace Sluice.Pipelines.Tests;

public sealed class HiveLoadTests : PipelineTest
{
    [Fact]
    public async Task Append_loads_roots_and_children_and_a_second_load_runs_no_ddl()
    {
        var pipeline = NewPipeline();
        var first = await pipeline.RunAsync([Items("orders", new ResourceHints(),
            """{"id": 1, "customer": {"name": "Ann"}, "placed": "2024-01-02T03:04:05.123Z", "items": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 1}]}""",
            """{"id": 2, "customer": {"name": "Bob"}, "placed": "2024-01-03T00:00:00Z", "items": []}""")]);
        Assert.Equal(2, first.Rows["orders"]);
        Assert.Equal(2, first.Rows["orders__items"]);
        Assert.True(first.DdlStatements > 0);
        Assert.Equal(["1|Ann|2024-01-02 03:04:05.123", "2|Bob|2024-01-03 00:00:00.000"],
            await RowsAsync("SELECT id, customer__name, placed FROM orders ORDER BY id"));
        Assert.Equal(["1|a|2|0", "1|b|1|1"], await RowsAsync(
            "SELECT o.id, i.sku, i.qty, i._sluice_list_idx FROM orders o JOIN orders__items i ON i._sluice_parent_id = o._sluice_id ORDER BY i.sku"));

        var second = await pipeline.RunAsync([Items("orders", new ResourceHints(), """{"id": 3, "customer": {"name": "Cy"}, "placed": "2024-01-04T00:00:00Z", "items": [{"sku": "c", "qty": 5}]}""")]);
        Assert.Equal(0, second.DdlStatements);
        // One version check and the commit marker: nothing else reaches the engine for a Hive append.
        Assert.Equal(2, second.Statements);
        Assert.Equal(["3"], await RowsAsync("SELECT count(*) FROM orders"));
        Assert.Equal(["2"], await RowsAsync("SELECT count(*) FROM _sluice_loads"));
        Assert.Equal(["1"], await RowsAsync("SELECT count(*) FROM _sluice_version"));
    }

    [Fact]
    public async Task New_columns_are_added_and_old_rows_read_them_as_null()
    {
        var pipeline = NewPipeline();
        await pipeline.RunAsync([Items("events", new ResourceHints(), """{"id": 1, "later": null}""")]);
        var evolved = await pipeline.RunAsync([Items("events", new ResourceHints(), """{"id": 2, "later": "x", "extra": 1.5}""")]);
        var ddl = Assert.Single(evolved.Packages[0].Statements, s => s.Type == StatementType.Ddl);
        Assert.StartsWith("ALTER TABLE `shop_data`.`events` ADD COLUMNS (`later` string, `extra` double)", ddl.Sql, StringComparison.Ordinal);
        Assert.Equal(["1|NULL|NULL", "2|x|1.5"], await RowsAsync("SELECT id, later, extra FROM events ORDER BY id"));
        Assert.Equal(["1", "2"], await RowsAsync("SELECT version FROM _sluice_version ORDER BY version"));
    }

    [Fact]
    public async Task Replace_switches_to_a_new_generation_and_deletes_the_old_one()
    {
        var pipeline = NewPipeline();
        var hints = new ResourceHints { WriteDisposition = WriteDisposition.Replace };
        await pipeline.RunAsync([Items("players", hints, """{"id": 1, "tags": ["a"]}""", """{"id": 2, "tags": ["b", "c"]}""")]);
        var before = (await Engine.Catalog.GetTableAsync("shop_data", "players"))!.StorageDescriptor.Location!;
        var beforeFiles = await Store.ListAsync(Storage.S3Uri.Parse(before));
        Assert.NotEmpty(beforeFiles);

        var second = await pipeline.RunAsync([Items("players", hints, """{"id": 3}""")]);
        var after = (await Engine.Catalog.GetTableAsync("shop_data", "players"))!.StorageDescriptor.Location!;
        Assert.NotEqual(before, after);
        Assert.Contains(second.Packages[0].Statements, s => s.Sql.Contains("SET LOCATION", StringComparison.Ordinal));
        Assert.Equal(["3"], await RowsAsync("SELECT id FROM players"));
        // The child table is part of the chain: it is replaced too, with no rows this time.
        Assert.Equal(["0"], await RowsAsync("SELECT count(*) FROM players__tags"));
        Assert.Empty(await Store.ListAsync(Storage.S3Uri.Parse(before)));
        Assert.All(await Store.ListAsync(Storage.S3Uri.Parse("s3://lake/shop_data/players/")), o => Assert.StartsWith(Storage.S3Uri.Parse(after).Key, o.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Merge_on_hive_is_refused_before_anything_is_extracted()
    {
        var pipeline = NewPipeline();
        var error = await Assert.ThrowsAsync<LoadException>(() => pipeline.RunAsync([Items("orders", new ResourceHints { WriteDisposition = WriteDisposition.Merge, PrimaryKey = ["id"] }, """{"id": 1}""")]));
        Assert.Contains("TableFormat.Iceberg", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateDirectories(pipeline.Folder.Extract));
    }

    [Fact]
    public async Task Files_rotate_by_rows()
    {
        var pipeline = new Pipeline(
            new PipelineOptions { Name = "shop", Dataset = "shop_data", Bucket = Storage.S3Uri.Parse("s3://lake/"), WorkingFolder = WorkingFolder, MaxRowsPerFile = 10 },
            Engine, Writer, Store);
        var items = Enumerable.Range(0, 35).Select(i => (object?)$$"""{"n": {{i}}}""").ToList();
        var info = await pipeline.RunAsync([Resource.From("numbers", items)]);
        Assert.Equal(4, info.Packages[0].Jobs);
        Assert.Equal(["35|595"], await RowsAsync("SELECT count(*), sum(n) FROM numbers"));
    }
}
