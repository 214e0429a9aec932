using Sluice.Engines;
using Sluice.Extract;
using Sluice.Schema;

namespace Sluice.Pipelines.Tests;

public sealed class IcebergLoadTests : PipelineTest
{
    private static ResourceHints Iceberg(WriteDisposition disposition, MergeStrategy strategy = MergeStrategy.DeleteInsert) => new()
    {
        TableFormat = TableFormat.Iceberg, WriteDisposition = disposition, MergeStrategy = strategy, PrimaryKey = disposition == WriteDisposition.Merge ? ["id"] : [],
    };

    [Fact]
    public async Task Append_goes_through_staging_and_keeps_microseconds()
    {
        var pipeline = NewPipeline();
        await pipeline.RunAsync([Items("events", Iceberg(WriteDisposition.Append), """{"id": 1, "at": "2024-01-02T03:04:05.123456Z", "tags": ["x"]}""")]);
        await pipeline.RunAsync([Items("events", Iceberg(WriteDisposition.Append), """{"id": 2, "at": "2024-01-03T00:00:00Z"}""")]);
        Assert.True((await Engine.Catalog.GetTableAsync("shop_data", "events"))!.IsIceberg);
        // The stored value keeps its microseconds (checked on the typed value: the local engine renders every
        // timestamp at Athena's millisecond precision, Iceberg's timestamp(6) included; see docs/local-engine.md).
        var stored = await Engine.ExecuteAsync("SELECT \"at\" FROM events WHERE id = 1", new QueryContext { Database = "shop_data" }, CancellationToken.None);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(1_234_560), stored.Rows[0][0]);
        Assert.Equal(["2"], await RowsAsync("SELECT count(*) FROM events"));
        Assert.Equal(["x"], await RowsAsync("SELECT value FROM events__tags"));
        // Staging files of finished packages are gone.
        Assert.Empty(await Store.ListAsync(Storage.S3Uri.Parse("s3://lake/shop_data_staging/events/")));
    }

    [Fact]
    public async Task Replace_swaps_every_table_of_the_chain_in_one_statement_each()
    {
        var pipeline = NewPipeline();
        await pipeline.RunAsync([Items("teams", Iceberg(WriteDisposition.Replace), """{"id": 1, "members": ["a", "b"]}""", """{"id": 2, "members": ["c"]}""")]);
        var second = await pipeline.RunAsync([Items("teams", Iceberg(WriteDisposition.Replace), """{"id": 3, "members": ["d"]}""")]);
        Assert.Equal(["3"], await RowsAsync("SELECT id FROM teams"));
        Assert.Equal(["d"], await RowsAsync("SELECT value FROM teams__members"));
        Assert.Equal(2, second.Packages[0].Statements.Count(s => s.Sql.StartsWith("MERGE INTO", StringComparison.Ordinal)));
        Assert.DoesNotContain(second.Packages[0].Statements, s => s.Sql.StartsWith("DELETE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Merge_delete_insert_replaces_matched_keys_with_their_children_and_deduplicates()
    {
        var pipeline = NewPipeline();
        var hints = Iceberg(WriteDisposition.Merge) with { DedupSort = "seq" };
        await pipeline.RunAsync([Items("orders", hints,
            """{"id": 1, "seq": 1, "status": "new", "lines": [{"sku": "a"}, {"sku": "b"}]}""",
            """{"id": 2, "seq": 1, "status": "new", "lines": [{"sku": "c"}]}""")]);
        await pipeline.RunAsync([Items("orders", hints,
            """{"id": 1, "seq": 2, "status": "paid", "lines": [{"sku": "a2"}]}""",
            """{"id": 1, "seq": 3, "status": "shipped", "lines": [{"sku": "a3"}]}""",
            """{"id": 3, "seq": 1, "status": "new", "lines": []}""")]);
        Assert.Equal(["1|shipped", "2|new", "3|new"], await RowsAsync("SELECT id, status FROM orders ORDER BY id"));
        Assert.Equal(["1|a3", "2|c"], await RowsAsync(
            "SELECT o.id, l.sku FROM orders o JOIN orders__lines l ON l._sluice_root_id = o._sluice_id ORDER BY o.id, l.sku"));
        Assert.Equal(["2"], await RowsAsync("SELECT count(*) FROM orders__lines"));
    }

    [Fact]
    public async Task Merge_delete_insert_honours_hard_deletes()
    {
        var pipeline = NewPipeline();
        var hints = Iceberg(WriteDisposition.Merge) with { HardDelete = "deleted" };
        await pipeline.RunAsync([Items("users", hints, """{"id": 1, "name": "a", "deleted": false}""", """{"id": 2, "name": "b", "deleted": false}""")]);
        await pipeline.RunAsync([Items("users", hints, """{"id": 1, "name": "a", "deleted": true}""", """{"id": 3, "name": "c", "deleted": false}""")]);
        Assert.Equal(["2|b", "3|c"], await RowsAsync("SELECT id, name FROM users ORDER BY id"));
    }

    [Fact]
    public async Task Upsert_updates_in_place_and_keeps_child_ids_stable()
    {
        var pipeline = NewPipeline();
        var hints = Iceberg(WriteDisposition.Merge, MergeStrategy.Upsert) with { HardDelete = "deleted" };
        await pipeline.RunAsync([Items("products", hints,
            """{"id": 1, "name": "pen", "sizes": ["s", "m"]}""",
            """{"id": 2, "name": "cup", "sizes": ["l"]}""")]);
        var ids = await RowsAsync("SELECT _sluice_id FROM products ORDER BY id");
        await pipeline.RunAsync([Items("products", hints,
            """{"id": 1, "name": "pen2", "sizes": ["s"]}""",
            """{"id": 2, "deleted": true}""",
            """{"id": 4, "name": "mug", "sizes": []}""")]);
        Assert.Equal(["1|pen2", "4|mug"], await RowsAsync("SELECT id, name FROM products ORDER BY id"));
        Assert.Equal(ids[0], (await RowsAsync("SELECT _sluice_id FROM products WHERE id = 1")).Single());
        // "m" was orphaned by the update and "l" belonged to the deleted product.
        Assert.Equal(["s"], await RowsAsync("SELECT value FROM products__sizes"));
    }

    [Fact]
    public async Task Insert_only_never_changes_existing_rows()
    {
        var pipeline = NewPipeline();
        var hints = Iceberg(WriteDisposition.Merge, MergeStrategy.InsertOnly);
        await pipeline.RunAsync([Items("log", hints, """{"id": 1, "v": "first"}""")]);
        await pipeline.RunAsync([Items("log", hints, """{"id": 1, "v": "second"}""", """{"id": 2, "v": "new"}""", """{"id": 2, "v": "dup"}""")]);
        var rows = await RowsAsync("SELECT id, v FROM log ORDER BY id");
        Assert.Equal("1|first", rows[0]);
        Assert.Contains(rows[1], new[] { "2|new", "2|dup" });
        Assert.Equal(["2"], await RowsAsync("SELECT count(*) FROM log"));
    }

    [Fact]
    public async Task Partition_hints_become_partitioned_by_in_hint_order()
    {
        var hints = Iceberg(WriteDisposition.Append) with
        {
            Partition = [new PartitionHint("Region"), PartitionHint.Day("eventTs"), PartitionHint.Bucket(8, "userId")],
        };
        var info = await NewPipeline().RunAsync([Items("clicks", hints, """{"Region": "eu", "eventTs": "2024-01-02T03:04:05Z", "userId": 7}""")]);
        var create = Assert.Single(info.Packages[0].Statements, s => s.Sql.StartsWith("CREATE TABLE `shop_data`.`clicks`", StringComparison.Ordinal));
        Assert.Contains("PARTITIONED BY (`region`, day(`event_ts`), bucket(8, `user_id`))", create.Sql, StringComparison.Ordinal);
        var partitioning = (await Engine.Catalog.GetTableAsync("shop_data", "clicks"))!.Parameters["sluice.partitioning"].Replace("`", string.Empty, StringComparison.Ordinal);
        Assert.StartsWith("region,day(event_ts),bucket(", partitioning, StringComparison.Ordinal);
        Assert.Equal(["eu|7"], await RowsAsync("SELECT region, user_id FROM clicks"));
    }

    [Fact]
    public async Task A_bucket_count_below_one_is_refused_at_plan_time()
    {
        var error = await Assert.ThrowsAsync<Errors.LoadException>(() => NewPipeline().RunAsync([Items("clicks", new ResourceHints { Partition = [PartitionHint.Bucket(0, "region")] }, """{"region": "eu"}""")]));
        Assert.Contains("bucket(0, `region`); the bucket argument must be at least 1", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(WorkingFolder, "extract")));
    }

    [Fact]
    public async Task Scd2_retires_changed_and_missing_versions_and_keeps_unchanged_ones()
    {
        var hints = new ResourceHints { TableFormat = TableFormat.Iceberg, WriteDisposition = WriteDisposition.Merge, MergeStrategy = MergeStrategy.Scd2 };
        var pipeline = NewPipeline();
        await pipeline.RunAsync([Items("customers", hints,
            """{"id": 1, "tier": "gold", "phones": ["1"]}""",
            """{"id": 2, "tier": "silver"}""",
            """{"id": 3, "tier": "bronze"}""")]);
        await pipeline.RunAsync([Items("customers", hints,
            """{"id": 1, "tier": "gold", "phones": ["1"]}""",
            """{"id": 2, "tier": "gold"}""")]);
        Assert.Equal(["1|gold|active", "2|gold|active", "2|silver|retired", "3|bronze|retired"], await RowsAsync(
            "SELECT id, tier, CASE WHEN _sluice_valid_to IS NULL THEN 'active' ELSE 'retired' END FROM customers ORDER BY id, tier"));
        Assert.Equal(["1"], await RowsAsync("SELECT count(*) FROM customers__phones"));
        Assert.Equal(["0"], await RowsAsync("SELECT count(*) FROM customers WHERE _sluice_valid_from IS NULL"));
    }

    [Theory]
    [InlineData(TableFormat.Iceberg)]
    [InlineData(TableFormat.Hive)]
    public async Task A_merge_key_replaces_every_row_of_the_keys_present(TableFormat format)
    {
        var hints = new ResourceHints { TableFormat = format, WriteDisposition = WriteDisposition.Merge, MergeKey = ["day"] };
        var pipeline = NewPipeline();
        await pipeline.RunAsync([Items("metrics", hints,
            """{"day": "2024-01-01", "v": 1}""", """{"day": "2024-01-01", "v": 2}""", """{"day": "2024-01-02", "v": 3}""")]);
        await pipeline.RunAsync([Items("metrics", hints, """{"day": "2024-01-01", "v": 10}""", """{"day": "2024-01-03", "v": 30}""")]);
        Assert.Equal(["2024-01-01|10", "2024-01-02|3", "2024-01-03|30"], await RowsAsync("SELECT \"day\", v FROM metrics ORDER BY \"day\", v"));
    }
}
