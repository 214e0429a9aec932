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
        // Each table of the chain switches by one catalog call; no statement switches anything.
        Assert.Equal(2, second.Packages[0].CatalogCalls.Count(c => c.Description.StartsWith("UpdateTableAndPartitions", StringComparison.Ordinal)));
        Assert.DoesNotContain(second.Packages[0].Statements, s => s.Sql.Contains("SET LOCATION", StringComparison.Ordinal));
        Assert.Equal(["3"], await RowsAsync("SELECT id FROM players"));
        // The child table is part of the chain: it is replaced too, with no rows this time.
        Assert.Equal(["0"], await RowsAsync("SELECT count(*) FROM players__tags"));
        Assert.Empty(await Store.ListAsync(Storage.S3Uri.Parse(before)));
        Assert.All(await Store.ListAsync(Storage.S3Uri.Parse("s3://lake/shop_data/players/")), o => Assert.StartsWith(Storage.S3Uri.Parse(after).Key, o.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Merge_on_hive_rewrites_a_new_generation_and_switches_to_it()
    {
        var pipeline = NewPipeline();
        var hints = new ResourceHints { WriteDisposition = WriteDisposition.Merge, PrimaryKey = ["id"], DedupSort = "seq", HardDelete = "gone" };
        await pipeline.RunAsync([Items("orders", hints,
            """{"id": 1, "seq": 1, "status": "new", "gone": false, "lines": [{"sku": "a"}, {"sku": "b"}]}""",
            """{"id": 2, "seq": 1, "status": "new", "gone": false, "lines": [{"sku": "c"}]}""",
            """{"id": 3, "seq": 1, "status": "new", "gone": false, "lines": [{"sku": "d"}]}""")]);
        var before = (await Engine.Catalog.GetTableAsync("shop_data", "orders"))!.StorageDescriptor.Location!;
        var second = await pipeline.RunAsync([Items("orders", hints,
            """{"id": 1, "seq": 2, "status": "paid", "gone": false, "lines": [{"sku": "a2"}]}""",
            """{"id": 1, "seq": 3, "status": "shipped", "gone": false, "lines": [{"sku": "a3"}]}""",
            """{"id": 3, "seq": 2, "gone": true}""",
            """{"id": 4, "seq": 1, "status": "new", "gone": false, "lines": []}""")]);
        Assert.Equal(["1|shipped", "2|new", "4|new"], await RowsAsync("SELECT id, status FROM orders ORDER BY id"));
        Assert.Equal(["1|a3", "2|c"], await RowsAsync(
            "SELECT o.id, l.sku FROM orders o JOIN orders__lines l ON l._sluice_root_id = o._sluice_id ORDER BY o.id, l.sku"));
        Assert.Equal(["2"], await RowsAsync("SELECT count(*) FROM orders__lines"));
        var after = (await Engine.Catalog.GetTableAsync("shop_data", "orders"))!.StorageDescriptor.Location!;
        Assert.NotEqual(before, after);
        Assert.Equal(2, second.Packages[0].CatalogCalls.Count(c => c.Description.StartsWith("UpdateTableAndPartitions", StringComparison.Ordinal)));
        Assert.DoesNotContain(second.Packages[0].Statements, s => s.Sql.Contains("SET LOCATION", StringComparison.Ordinal) || s.Sql.StartsWith("DROP TABLE", StringComparison.Ordinal));
        Assert.Empty(await Store.ListAsync(Storage.S3Uri.Parse(before)));
        Assert.Null(await Engine.Catalog.GetTableAsync("shop_data_staging", "orders__sluice_rewrite"));
    }

    [Theory]
    [InlineData(MergeStrategy.Upsert, "1|pen2,2|cup,4|mug", "1|s,2|l")]
    [InlineData(MergeStrategy.InsertOnly, "1|pen,2|cup,4|mug", "1|m,1|s,2|l")]
    public async Task Hive_upsert_and_insert_only(MergeStrategy strategy, string roots, string children)
    {
        var pipeline = NewPipeline();
        var hints = new ResourceHints { WriteDisposition = WriteDisposition.Merge, MergeStrategy = strategy, PrimaryKey = ["id"] };
        await pipeline.RunAsync([Items("products", hints, """{"id": 1, "name": "pen", "sizes": ["s", "m"]}""", """{"id": 2, "name": "cup", "sizes": ["l"]}""")]);
        await pipeline.RunAsync([Items("products", hints, """{"id": 1, "name": "pen2", "sizes": ["s"]}""", """{"id": 4, "name": "mug", "sizes": []}""")]);
        Assert.Equal(roots.Split(','), await RowsAsync("SELECT id, name FROM products ORDER BY id"));
        Assert.Equal(children.Split(','), await RowsAsync(
            "SELECT p.id, s.value FROM products p JOIN products__sizes s ON s._sluice_root_id = p._sluice_id ORDER BY p.id, s.value"));
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

    [Fact]
    public async Task A_custom_layout_places_files_inside_the_table_generation()
    {
        var pipeline = new Pipeline(
            new PipelineOptions { Name = "shop", Dataset = "shop_data", Bucket = Storage.S3Uri.Parse("s3://lake/"), WorkingFolder = WorkingFolder, Layout = "{table_name}/{load_id}/{file_id}.{ext}" },
            Engine, Writer, Store);
        await pipeline.RunAsync([Items("events", new ResourceHints(), """{"n": 1}""")]);
        await pipeline.RunAsync([Items("events", new ResourceHints(), """{"n": 2}""")]);
        Assert.Equal(["1", "2"], await RowsAsync("SELECT n FROM events ORDER BY n"));
        var files = await Store.ListAsync(Storage.S3Uri.Parse("s3://lake/shop_data/events/"));
        Assert.Equal(2, files.Count);
        Assert.All(files, f => Assert.Matches(@"^shop_data/events/g[0-9.]+/[0-9.]+/[0-9a-f]{10}\.parquet$", f.Key));
    }
}
