using Sluice.Engines;
using Sluice.Errors;
using Sluice.Extract;
using Sluice.Schema;
using Sluice.Storage;

namespace Sluice.Pipelines.Tests;

/// <summary>Partition hints on Hive tables: derived columns, k=v folders, registration and every write disposition.</summary>
public sealed class HivePartitionTests : PipelineTest
{
    private async Task<List<string>> PartitionsAsync(string table) =>
        (await Engine.Catalog.GetPartitionsAsync("shop_data", table)).Select(p => string.Join("/", p.Values) + " @ " + S3Uri.Parse(p.Location).Key).Order(StringComparer.Ordinal).ToList();

    private async Task<List<string>> KeysAsync(string prefix) =>
        (await Store.ListAsync(S3Uri.Parse("s3://lake/shop_data/" + prefix))).Select(o => o.Key).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Append_writes_partition_folders_registers_them_in_one_statement_and_queries_filter_on_them()
    {
        var hints = new ResourceHints
        {
            Partition = [new PartitionHint("Region"), PartitionHint.Day("eventTs"), PartitionHint.Year("eventTs"), PartitionHint.Month("eventTs"),
                PartitionHint.Hour("eventTs"), PartitionHint.Bucket(16, "userId"), PartitionHint.Truncate(10, "amount")],
        };
        var pipeline = NewPipeline();
        var first = await pipeline.RunAsync([Items("clicks", hints,
            """{"region": "eu", "eventTs": "2024-01-08T11:37:03Z", "userId": 34, "amount": 17, "page": "home"}""",
            """{"region": "eu", "eventTs": "2024-01-08T11:59:00Z", "userId": 34, "amount": 12, "page": "cart"}""",
            """{"region": "us", "eventTs": "2024-02-01T00:00:00Z", "userId": 7, "amount": -3, "page": "home"}""")]);

        var create = Assert.Single(first.Packages[0].Statements, s => s.Sql.StartsWith("CREATE EXTERNAL TABLE `shop_data`.`clicks`", StringComparison.Ordinal));
        Assert.Contains("PARTITIONED BY (`region` string, `event_ts_day` date, `event_ts_year` bigint, `event_ts_month` string, `event_ts_hour` string, `user_id_bucket` bigint, `amount_trunc` bigint)", create.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("`region` string, `event_ts` timestamp", create.Sql.Split("PARTITIONED BY")[0], StringComparison.Ordinal);
        var add = Assert.Single(first.Packages[0].Statements, s => s.Sql.Contains("ADD IF NOT EXISTS PARTITION", StringComparison.Ordinal));
        // The two eu rows share every key (same hour, bucket and truncated amount): two partitions.
        Assert.Equal(2, add.Sql.Split("PARTITION (").Length - 1);

        // Iceberg's bucket of the long 34 is murmur3 2017239379 (Iceberg spec test vector): 2017239379 % 16 = 3.
        Assert.Equal(
            ["eu|2024-01-08 11:37:03.000|2024-01-08|2024|2024-01|2024-01-08-11|3|10|home", "eu|2024-01-08 11:59:00.000|2024-01-08|2024|2024-01|2024-01-08-11|3|10|cart",
             $"us|2024-02-01 00:00:00.000|2024-02-01|2024|2024-02|2024-02-01-00|{PartitionTransforms.Bucket(7L, 16)}|-10|home"],
            await RowsAsync("SELECT region, event_ts, event_ts_day, event_ts_year, event_ts_month, event_ts_hour, user_id_bucket, amount_trunc, page FROM clicks ORDER BY event_ts"));
        Assert.Equal(["cart", "home"], await RowsAsync("SELECT page FROM clicks WHERE event_ts_day = DATE '2024-01-08' ORDER BY page"));
        Assert.Equal(["1"], await RowsAsync("SELECT count(*) FROM clicks WHERE region = 'us' AND event_ts_month = '2024-02' AND user_id_bucket = " + PartitionTransforms.Bucket(7L, 16)));

        var keys = await KeysAsync("clicks/");
        Assert.Equal(2, keys.Count);
        Assert.All(keys, k => Assert.Matches(@"^shop_data/clicks/g[\d.]+/region=(eu|us)/event_ts_day=2024-0\d-\d\d/event_ts_year=2024/event_ts_month=2024-0\d/event_ts_hour=2024-0\d-\d\d-\d\d/user_id_bucket=\d+/amount_trunc=-?\d+/[\d.]+\.[0-9a-f]+\.parquet$", k));

        // A second append: rows for one registered and one new partition; only the new one is registered.
        var second = await pipeline.RunAsync([Items("clicks", hints,
            """{"region": "eu", "eventTs": "2024-01-08T11:40:00Z", "userId": 34, "amount": 15, "page": "faq"}""",
            """{"region": "jp", "eventTs": "2024-03-01T00:00:00Z", "userId": 34, "amount": 1, "page": "home"}""")]);
        var secondAdd = Assert.Single(second.Packages[0].Statements, s => s.Sql.Contains("ADD IF NOT EXISTS", StringComparison.Ordinal));
        Assert.Contains("`region` = 'jp'", secondAdd.Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("'eu'", secondAdd.Sql, StringComparison.Ordinal);
        Assert.Equal(["eu|3", "jp|1", "us|1"], await RowsAsync("SELECT region, count(*) FROM clicks GROUP BY region ORDER BY region"));
        Assert.Equal(3, (await Engine.Catalog.GetPartitionsAsync("shop_data", "clicks")).Count);
    }

    [Fact]
    public async Task Replace_adds_repoints_and_drops_partitions_and_deletes_the_old_files()
    {
        var hints = new ResourceHints { WriteDisposition = WriteDisposition.Replace, Partition = [new PartitionHint("region")] };
        var pipeline = NewPipeline();
        await pipeline.RunAsync([Items("stock", hints, """{"region": "eu", "sku": "a"}""", """{"region": "us", "sku": "b"}""")]);
        var before = await PartitionsAsync("stock");
        Assert.Equal(2, before.Count);

        var second = await pipeline.RunAsync([Items("stock", hints, """{"region": "eu", "sku": "c"}""", """{"region": "jp", "sku": "d"}""")]);
        // One catalog call adds 'jp', re-points 'eu' and drops 'us' together with the table's LOCATION: no reader sees a mix.
        Assert.DoesNotContain(second.Packages[0].Statements, s => s.Sql.StartsWith("ALTER TABLE", StringComparison.Ordinal));
        var publish = Assert.Single(second.Packages[0].CatalogCalls, c => c.Description.StartsWith("UpdateTableAndPartitions shop_data.stock ", StringComparison.Ordinal));
        Assert.EndsWith("2 partition(s) put, 1 deleted", publish.Description, StringComparison.Ordinal);
        Assert.Equal(["eu|c", "jp|d"], await RowsAsync("SELECT region, sku FROM stock ORDER BY region"));
        var location = S3Uri.Parse((await Engine.Catalog.GetTableAsync("shop_data", "stock"))!.StorageDescriptor.Location!).Key;
        Assert.Equal([$"eu @ {location}region=eu/", $"jp @ {location}region=jp/"], await PartitionsAsync("stock"));
        Assert.All(await KeysAsync("stock/"), k => Assert.StartsWith(location, k, StringComparison.Ordinal));
        Assert.Equal(2, (await KeysAsync("stock/")).Count);
    }

    [Fact]
    public async Task Merge_rewrites_only_the_affected_partitions_and_moves_rows_between_them()
    {
        var hints = new ResourceHints
        {
            WriteDisposition = WriteDisposition.Merge, PrimaryKey = ["id"], Partition = [PartitionHint.Day("updated")],
        };
        var pipeline = NewPipeline();
        await pipeline.RunAsync([Items("orders", hints,
            """{"id": 1, "updated": "2024-01-01T10:00:00Z", "status": "new", "lines": [{"sku": "a"}]}""",
            """{"id": 2, "updated": "2024-01-01T11:00:00Z", "status": "new", "lines": [{"sku": "b"}]}""",
            """{"id": 3, "updated": "2024-01-02T09:00:00Z", "status": "new", "lines": [{"sku": "c"}]}""",
            """{"id": 4, "updated": "2024-01-03T09:00:00Z", "status": "new", "lines": [{"sku": "d"}]}""")]);
        var before = await PartitionsAsync("orders");
        Assert.Equal(3, before.Count);

        // id 3 moves from 2024-01-02 to 2024-01-05 (its old partition ends up empty), id 1 changes inside 2024-01-01.
        var second = await pipeline.RunAsync([Items("orders", hints,
            """{"id": 1, "updated": "2024-01-01T12:00:00Z", "status": "paid", "lines": [{"sku": "a2"}]}""",
            """{"id": 3, "updated": "2024-01-05T09:00:00Z", "status": "paid", "lines": [{"sku": "c2"}]}""")]);
        Assert.Equal(["1|2024-01-01|paid", "2|2024-01-01|new", "3|2024-01-05|paid", "4|2024-01-03|new"],
            await RowsAsync("SELECT id, updated_day, status FROM orders ORDER BY id"));
        Assert.Equal(["1|a2", "2|b", "3|c2", "4|d"], await RowsAsync(
            "SELECT o.id, l.sku FROM orders o JOIN orders__lines l ON l._sluice_root_id = o._sluice_id ORDER BY o.id"));
        var after = await PartitionsAsync("orders");
        // The untouched day keeps its folder; the changed day moved to the new generation; the emptied day is gone.
        Assert.Contains(before.Single(p => p.StartsWith("2024-01-03", StringComparison.Ordinal)), after);
        Assert.DoesNotContain(before.Single(p => p.StartsWith("2024-01-01", StringComparison.Ordinal)), after);
        Assert.DoesNotContain(after, p => p.StartsWith("2024-01-02", StringComparison.Ordinal));
        Assert.Equal(3, after.Count);
        Assert.Single(second.Packages[0].Statements, s => s.Sql.Contains("partitioned_by = ARRAY['updated_day']", StringComparison.Ordinal));

        // Files of replaced partition folders are deleted; the untouched partition's files stay.
        var keys = await KeysAsync("orders/");
        Assert.Equal(3, keys.Select(k => k[..k.LastIndexOf('/')]).Distinct().Count());
        var reopened = NewPipeline();
        await reopened.RunAsync([Items("orders", hints, """{"id": 2, "updated": "2024-01-01T11:00:00Z", "status": "shipped"}""")]);
        Assert.Equal(["2|shipped"], await RowsAsync("SELECT id, status FROM orders WHERE updated_day = DATE '2024-01-01' AND id = 2"));
        Assert.Equal(["4"], await RowsAsync("SELECT count(*) FROM orders"));
    }

    [Theory]
    [InlineData(MergeStrategy.Upsert, "1|2024-01-02|paid;2|2024-01-01|new;3|2024-01-03|new")]
    [InlineData(MergeStrategy.InsertOnly, "1|2024-01-01|new;2|2024-01-01|new;3|2024-01-03|new")]
    [InlineData(MergeStrategy.DeleteInsert, "1|2024-01-02|paid;2|2024-01-01|new;3|2024-01-03|new")]
    public async Task Every_merge_strategy_is_right_on_a_partitioned_table(MergeStrategy strategy, string expected)
    {
        var hints = new ResourceHints { WriteDisposition = WriteDisposition.Merge, MergeStrategy = strategy, PrimaryKey = ["id"], Partition = [PartitionHint.Day("at")] };
        var pipeline = NewPipeline();
        await pipeline.RunAsync([Items("orders", hints, """{"id": 1, "at": "2024-01-01T10:00:00Z", "status": "new"}""", """{"id": 2, "at": "2024-01-01T11:00:00Z", "status": "new"}""")]);
        await pipeline.RunAsync([Items("orders", hints, """{"id": 1, "at": "2024-01-02T10:00:00Z", "status": "paid"}""", """{"id": 3, "at": "2024-01-03T10:00:00Z", "status": "new"}""")]);
        Assert.Equal(expected.Split(';'), await RowsAsync("SELECT id, at_day, status FROM orders ORDER BY id"));
        // Every registered partition holds rows: none is left empty, none is missing.
        Assert.Equal(
            await RowsAsync("SELECT DISTINCT CAST(at_day AS varchar) FROM orders ORDER BY 1"),
            (await Engine.Catalog.GetPartitionsAsync("shop_data", "orders")).Select(p => p.Values[0]).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Null_empty_and_special_partition_values_round_trip()
    {
        var hints = new ResourceHints { Partition = [new PartitionHint("tag")] };
        await NewPipeline().RunAsync([Items("notes", hints,
            """{"id": 1, "tag": "a/b=c'd %x"}""", """{"id": 2, "tag": null}""", """{"id": 3, "tag": "ünï"}""", """{"id": 4, "tag": "plain"}""")]);
        Assert.Equal(["1|a/b=c'd %x", "2|NULL", "3|ünï", "4|plain"], await RowsAsync("SELECT id, tag FROM notes ORDER BY id"));
        Assert.Equal(["1"], await RowsAsync("SELECT id FROM notes WHERE tag = 'a/b=c''d %x'"));
        Assert.Equal(["2"], await RowsAsync("SELECT id FROM notes WHERE tag IS NULL"));
        Assert.Contains(await KeysAsync("notes/"), k => k.Contains("/tag=a%2Fb%3Dc%27d %25x/", StringComparison.Ordinal));
        Assert.Contains(await KeysAsync("notes/"), k => k.Contains("/tag=__HIVE_DEFAULT_PARTITION__/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bool_date_and_bigint_identity_partitions_read_back_with_their_types()
    {
        var hints = new ResourceHints { Partition = [new PartitionHint("flag"), new PartitionHint("d"), new PartitionHint("n")] };
        await NewPipeline().RunAsync([Items("facts", hints,
            """{"id": 1, "flag": true, "d": "2024-01-08", "n": -5}""", """{"id": 2, "flag": false, "d": "2024-02-29", "n": 12345678901}""")]);
        Assert.Equal(["1"], await RowsAsync("SELECT id FROM facts WHERE flag AND d = DATE '2024-01-08' AND n = -5"));
        Assert.Equal(["2"], await RowsAsync("SELECT id FROM facts WHERE NOT flag AND d > DATE '2024-02-01' AND n > 10000000000"));
        Assert.Equal(["boolean|date|bigint"], await RowsAsync("SELECT typeof(flag) || '|' || typeof(d) || '|' || typeof(n) FROM facts WHERE id = 1"));
        Assert.Equal(["false/2024-02-29/12345678901", "true/2024-01-08/-5"],
            (await Engine.Catalog.GetPartitionsAsync("shop_data", "facts")).Select(p => string.Join("/", p.Values)).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task A_layout_with_folders_puts_them_inside_the_partition_folder()
    {
        var pipeline = new Pipeline(
            new PipelineOptions
            {
                Name = "shop", Dataset = "shop_data", Bucket = S3Uri.Parse("s3://lake/"), WorkingFolder = WorkingFolder, Layout = "{table_name}/{YYYY}/{load_id}/{file_id}.{ext}",
            },
            Engine, Writer, Store);
        var hints = new ResourceHints { Partition = [new PartitionHint("site")] };
        await pipeline.RunAsync([Items("visits", hints, """{"site": "a", "n": 1}""", """{"site": "b", "n": 2}""")]);
        await pipeline.RunAsync([Items("visits", hints, """{"site": "a", "n": 3}""")]);
        Assert.Equal(["a|1", "a|3", "b|2"], await RowsAsync("SELECT site, n FROM visits ORDER BY site, n"));
        Assert.All(await KeysAsync("visits/"), k => Assert.Matches(@"^shop_data/visits/g[\d.]+/site=[ab]/\d{4}/[\d.]+/[0-9a-f]+\.parquet$", k));
    }

    [Fact]
    public async Task A_transform_the_column_type_cannot_take_fails_before_any_data_is_written()
    {
        var hints = new ResourceHints { Partition = [PartitionHint.Day("price")] };
        var error = await Assert.ThrowsAsync<LoadException>(() => NewPipeline().RunAsync([Items("prices", hints, """{"price": 1.5}""")]));
        Assert.Contains("partitioned by day(`price`), but column 'price' is double", error.Message, StringComparison.Ordinal);
        Assert.Contains("Pick another transform", error.Message, StringComparison.Ordinal);
        Assert.Null(await Engine.Catalog.GetTableAsync("shop_data", "prices"));
        Assert.Empty(await Store.ListAsync(S3Uri.Parse("s3://lake/shop_data/prices/")));
    }

    [Fact]
    public async Task Changing_the_partitions_of_an_existing_table_is_refused_with_the_fix()
    {
        var pipeline = NewPipeline();
        await pipeline.RunAsync([Items("visits", new ResourceHints { Partition = [new PartitionHint("site")] }, """{"site": "a", "n": 1}""")]);
        var error = await Assert.ThrowsAsync<LoadException>(() => pipeline.RunAsync([Items("visits", new ResourceHints(), """{"site": "b", "n": 2}""")]));
        Assert.Contains("is partitioned by (site), but the resource asks for nothing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(34L, 2017239379)]
    [InlineData("iceberg", 1210000089)]
    [InlineData(new byte[] { 0, 1, 2, 3 }, -188683207)]
    public void Bucket_hash_matches_the_iceberg_spec(object value, int hash)
    {
        var expected = (hash & int.MaxValue) % 1000;
        Assert.Equal(expected, PartitionTransforms.Bucket(value, 1000));
    }

    [Fact]
    public void Bucket_hash_of_dates_and_timestamps_matches_the_iceberg_spec()
    {
        Assert.Equal((-653330422 & int.MaxValue) % 7, PartitionTransforms.Bucket(new DateOnly(2017, 11, 16), 7));
        Assert.Equal((-2047944441 & int.MaxValue) % 7, PartitionTransforms.Bucket(new DateTime(2017, 11, 16, 22, 31, 8, DateTimeKind.Utc), 7));
    }
}
