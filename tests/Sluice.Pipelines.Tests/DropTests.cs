using Sluice.Engines;
using Sluice.Errors;
using Sluice.Extract;
using Sluice.Pipelines;
using Sluice.Schema;
using Sluice.Storage;

namespace Sluice.Pipelines.Tests;

/// <summary><see cref="Pipeline.DropAsync"/>: tables, bookkeeping, owned data and local state go; nothing else does.</summary>
public sealed class DropTests : PipelineTest
{
    private static readonly IncrementalHint Cursor = new() { CursorPath = "seq", InitialValue = 0L };

    private async Task LoadShopAsync(Pipeline pipeline) =>
        await pipeline.RunAsync([
            Items("orders", new ResourceHints { Incremental = Cursor }, """{"id": 1, "seq": 1, "items": [{"sku": "a"}]}""", """{"id": 2, "seq": 2, "items": [{"sku": "b"}]}"""),
            Items("customers", new ResourceHints { WriteDisposition = WriteDisposition.Merge, PrimaryKey = ["id"], TableFormat = TableFormat.Iceberg }, """{"id": 7, "name": "Ann"}"""),
            Items("visits", new ResourceHints { Partition = [new PartitionHint("site")] }, """{"site": "a", "n": 1}"""),
        ]);

    private async Task<bool> ExistsAsync(string database, string table) => await Engine.Catalog.GetTableAsync(database, table) is not null;

    [Fact]
    public async Task Full_drop_removes_tables_bookkeeping_owned_data_and_local_state_but_nothing_else()
    {
        var pipeline = NewPipeline();
        await LoadShopAsync(pipeline);
        // Things Sluice does not own: an object beside the generations, and a table of someone else in the same dataset.
        var foreign = Path.Combine(Engine.Root, "s3", "lake", "shop_data", "orders", "README.txt");
        await File.WriteAllTextAsync(foreign, "not Sluice's");
        await Engine.ExecuteAsync("CREATE EXTERNAL TABLE shop_data.other (x bigint) STORED AS PARQUET LOCATION 's3://lake/elsewhere/'", new QueryContext());

        var plan = await pipeline.PlanDropAsync();
        Assert.Equal(["orders", "orders__items", "customers", "visits"], plan.Tables);
        var info = await pipeline.DropAsync();

        foreach (var table in new[] { "orders", "orders__items", "customers", "visits", "_sluice_loads", "_sluice_version", "_sluice_pipeline_state" })
        {
            Assert.False(await ExistsAsync("shop_data", table), table);
            Assert.Contains("shop_data." + table, info.Tables);
        }

        Assert.False(await ExistsAsync("shop_data_staging", "customers"));
        Assert.True(await ExistsAsync("shop_data", "other"));
        Assert.True(File.Exists(foreign));
        Assert.Equal(["shop_data/orders/README.txt"], (await Store.ListAsync(S3Uri.Parse("s3://lake/shop_data/"))).Select(o => o.Key).ToList());
        // One file each for orders, orders__items and the visits partition; Iceberg staging was emptied by the load.
        Assert.Equal(3, info.DeletedObjects);
        Assert.True(info.WorkingFolderWiped);
        Assert.Null(pipeline.Schema);
        Assert.False(File.Exists(pipeline.Folder.StateFile));
        Assert.Empty(Directory.EnumerateDirectories(pipeline.Folder.Loaded));

        // The pipeline starts over: nothing is restored, the cursor begins at its initial value again.
        await LoadShopAsync(NewPipeline());
        Assert.Equal(["2"], await RowsAsync("SELECT count(*) FROM orders"));
        Assert.Equal(["1"], await RowsAsync("SELECT count(*) FROM _sluice_loads"));
    }

    [Fact]
    public async Task Dropping_one_pipeline_keeps_the_bookkeeping_of_another_in_the_same_dataset()
    {
        await LoadShopAsync(NewPipeline());
        var other = new Pipeline(
            new PipelineOptions { Name = "crm", Dataset = "shop_data", Bucket = S3Uri.Parse("s3://lake/"), WorkingFolder = Path.Combine(Root, "crm") },
            Engine, Writer, Store);
        await other.RunAsync([Items("leads", new ResourceHints(), """{"id": 1}""")]);

        var info = await NewPipeline().DropAsync();
        Assert.DoesNotContain("shop_data._sluice_loads", info.Tables);
        Assert.Contains(info.Statements, s => s.StartsWith("DELETE FROM \"shop_data\".\"_sluice_loads\" WHERE \"schema_name\" = 'shop'", StringComparison.Ordinal));
        Assert.Equal(["crm"], await RowsAsync("SELECT DISTINCT schema_name FROM _sluice_loads"));
        Assert.Equal(["crm"], await RowsAsync("SELECT DISTINCT schema_name FROM _sluice_version"));
        Assert.Equal(["1"], await RowsAsync("SELECT count(*) FROM leads"));
        Assert.False(await ExistsAsync("shop_data", "orders"));
    }

    [Fact]
    public async Task Dropping_resources_drops_their_table_chains_resets_their_state_and_the_next_run_recreates_them()
    {
        var pipeline = NewPipeline();
        await LoadShopAsync(pipeline);
        Assert.NotNull(pipeline.State.Incremental("orders", "seq"));

        var info = await pipeline.DropAsync(["orders"]);
        Assert.Equal(["shop_data.orders__items", "shop_data.orders"], info.Tables);
        Assert.Equal(["orders"], info.ResetResources);
        Assert.False(info.WorkingFolderWiped);
        Assert.False(await ExistsAsync("shop_data", "orders"));
        Assert.True(await ExistsAsync("shop_data", "customers"));
        Assert.True(await ExistsAsync("shop_data", "_sluice_loads"));
        Assert.Null(pipeline.State.Incremental("orders", "seq"));
        Assert.Null(pipeline.Schema!.Table("orders"));
        Assert.Empty(await Store.ListAsync(S3Uri.Parse("s3://lake/shop_data/orders/")));
        Assert.NotEmpty(await Store.ListAsync(S3Uri.Parse("s3://lake/shop_data/visits/")));

        // The cursor starts over, so both orders load again into a recreated table.
        await LoadShopAsync(pipeline);
        Assert.Equal(["1|a", "2|b"], await RowsAsync("SELECT o.id, i.sku FROM orders o JOIN orders__items i ON i._sluice_parent_id = o._sluice_id ORDER BY o.id"));
    }

    [Fact]
    public async Task Dropping_an_unknown_resource_names_the_known_ones()
    {
        var pipeline = NewPipeline();
        await LoadShopAsync(pipeline);
        var error = await Assert.ThrowsAsync<LoadException>(() => pipeline.DropAsync(["order"]));
        Assert.Contains("has no table 'order' to drop. Its root tables are: orders, customers, visits.", error.Message, StringComparison.Ordinal);
        Assert.True(await ExistsAsync("shop_data", "orders"));
    }
}
