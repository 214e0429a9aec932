using Sluice.Engines;
using Sluice.Local;

namespace Sluice.Transform.Tests;

/// <summary>
/// Table publishing through catalog calls: statement counts (from run_results.json), readers during rebuilds, and
/// reclaiming superseded data that Sluice owns.
/// </summary>
public sealed class CatalogSwapTests
{
    private static NodeResult Result(IReadOnlyList<NodeResult> results, string name) => results.Single(r => r.Node.Name == name);

    private static (int Statements, int CatalogCalls) Counts(ShopProject shop, string node)
    {
        var response = shop.AdapterResponse(node);
        return (response.GetProperty("statements").GetInt32(), response.GetProperty("catalog_calls").GetInt32());
    }

    [Fact]
    public async Task Each_view_table_and_seed_build_takes_at_most_two_statements()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/parted.sql", "{{ config(materialized='table', partitioned_by=['status']) }} select order_id, amount, status from {{ ref('stg_orders') }}");
        shop.Write("models/marts/parted_ice.sql", "{{ config(materialized='table', table_type='iceberg', partitioned_by=['status']) }} select order_id, amount, status from {{ ref('stg_orders') }}");
        shop.Write("seeds/small_by_insert.csv", "id,name\n1,a\n2,b\n");
        shop.Write("seeds/props.yml", "version: 2\nseeds:\n  - name: small_by_insert\n    config:\n      seed_by_insert: true\n");

        // First builds.
        var first = await shop.RunAsync("build");
        Assert.All(first, r => Assert.True(r.Status is "success" or "pass" or "warn", r.Node.Name + ": " + r.Message));
        Assert.Equal((1, 0), Counts(shop, "stg_orders"));
        Assert.Equal((1, 1), Counts(shop, "customer_orders")); // CTAS, then UpdateTable records the owned location
        Assert.Equal((1, 1), Counts(shop, "orders_iceberg"));
        Assert.Equal((1, 1), Counts(shop, "parted"));
        Assert.Equal((1, 1), Counts(shop, "parted_ice"));
        Assert.Equal((1, 3), Counts(shop, "raw_orders")); // CreateTable (upload), UpdateTable, DeleteTable (upload)
        Assert.Equal((1, 1), Counts(shop, "small_by_insert"));
        Assert.StartsWith("CREATE TABLE", Result(first, "raw_orders").Statements[0], StringComparison.Ordinal);
        Assert.Contains("nullif(", Result(first, "raw_orders").Statements[0], StringComparison.Ordinal);
        Assert.Contains("FROM (VALUES", Result(first, "small_by_insert").Statements[0], StringComparison.Ordinal);

        // Rebuilds: one CTAS into a staging table, one catalog replace.
        var second = await shop.RunAsync("build");
        Assert.All(second, r => Assert.True(r.Status is "success" or "pass" or "warn", r.Node.Name + ": " + r.Message));
        Assert.Equal((1, 0), Counts(shop, "stg_orders"));
        foreach (var table in new[] { "customer_orders", "orders_iceberg", "parted", "parted_ice", "small_by_insert" })
        {
            Assert.Equal((1, 1), Counts(shop, table));
            Assert.StartsWith("ReplaceTable", Assert.Single(Result(second, table).CatalogCalls), StringComparison.Ordinal);
        }

        Assert.Equal((1, 3), Counts(shop, "raw_orders")); // CreateTable (upload), ReplaceTable, DeleteTable (upload)
        Assert.Equal([["placed", "2"], ["returned", "1"], ["shipped", "2"]], await shop.QueryAsync("select status, count(*) from parted group by status order by status"));
        Assert.Equal([["placed", "2"], ["returned", "1"], ["shipped", "2"]], await shop.QueryAsync("select status, count(*) from parted_ice group by status order by status"));
        Assert.Equal([["2", "b"]], await shop.QueryAsync("select id, name from small_by_insert where id = 2"));
        Assert.Equal([["5"]], await shop.QueryAsync("select count(*) from raw_orders"));
        Assert.Equal(["int", "int", "string", "bigint", "timestamp"], await shop.ColumnTypesAsync("raw_orders"));

        // Nothing of the uploads or staging tables is left.
        Assert.DoesNotContain(await shop.QueryAsync("show tables in analytics"), t => t[0]!.Contains("__sluice_", StringComparison.Ordinal));
        var objects = Directory.EnumerateFiles(shop.Folder("s3://shop-lake/dbt/analytics"), "*.csv", SearchOption.AllDirectories);
        Assert.Empty(objects);
    }

    [Fact]
    public async Task Switching_between_view_table_hive_and_iceberg_is_one_statement_and_one_swap()
    {
        using var shop = new ShopProject();
        await shop.RunAsync("seed");
        shop.Write("models/marts/shape.sql", "{{ config(materialized='view') }} select 1 as id");
        await shop.RunAsync("run", new TransformOptions { Select = ["shape"] });

        shop.Write("models/marts/shape.sql", "{{ config(materialized='table') }} select 2 as id");
        var table = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["shape"] }));
        Assert.Equal("success", table.Status);
        Assert.Equal((1, 1), Counts(shop, "shape")); // view to table: CTAS staging, one atomic replace
        Assert.Equal([["2"]], await shop.QueryAsync("select id from shape"));
        var hiveLocation = await shop.LocationAsync("shape");

        shop.Write("models/marts/shape.sql", "{{ config(materialized='table', table_type='iceberg') }} select 3 as id");
        Assert.Equal("success", Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["shape"] })).Status);
        Assert.Equal((1, 1), Counts(shop, "shape"));
        Assert.True((await shop.TableAsync("shape"))!.IsIceberg);
        Assert.Equal([["3"]], await shop.QueryAsync("select id from shape"));
        Assert.Empty(shop.Files(hiveLocation));

        shop.Write("models/marts/shape.sql", "{{ config(materialized='table') }} select 4 as id");
        Assert.Equal("success", Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["shape"] })).Status);
        Assert.Equal((1, 1), Counts(shop, "shape"));
        Assert.True((await shop.TableAsync("shape"))!.IsHive);
        var lastLocation = await shop.LocationAsync("shape");

        shop.Write("models/marts/shape.sql", "{{ config(materialized='view') }} select 5 as id");
        var view = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["shape"] }));
        Assert.Equal("success", view.Status);
        Assert.Equal((1, 1), Counts(shop, "shape")); // CREATE VIEW under a staging name, one catalog replace
        Assert.Equal([["5"]], await shop.QueryAsync("select id from shape"));
        Assert.True((await shop.TableAsync("shape"))!.IsView);
        Assert.Empty(shop.Files(lastLocation));
        Assert.DoesNotContain(await shop.QueryAsync("show tables in analytics"), t => t[0]!.Contains("__sluice_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readers_see_the_old_or_the_new_table_during_twenty_rebuilds()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/parted.sql", "{{ config(materialized='table', partitioned_by=['status']) }} select order_id, amount, status from {{ ref('stg_orders') }}");
        await shop.RunAsync("build");
        var session = shop.Load(new TransformOptions());
        using var engine = LocalAthenaEngine.Open(session.LocalLakehouse);
        var context = new QueryContext { Database = "analytics" };
        var expected = new Dictionary<string, string> { ["customer_orders"] = "3", ["orders_iceberg"] = "5", ["parted"] = "5" };
        using var stop = new CancellationTokenSource();
        var seen = 0;
        var problems = new List<string>();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var (table, count) in expected)
                {
                    try
                    {
                        var result = await engine.ExecuteAsync($"select count(*) from {table}", context, CancellationToken.None);
                        var value = result.RenderRow(0)[0];
                        if (value != count)
                        {
                            problems.Add($"{table}: {value} rows");
                        }

                        Interlocked.Increment(ref seen);
                    }
                    catch (EngineException e)
                    {
                        problems.Add($"{table}: {e.StateChangeReason}");
                    }
                }
            }
        });

        for (var i = 0; i < 20; i++)
        {
            var results = await shop.Load(new TransformOptions { Select = ["customer_orders", "orders_iceberg", "parted"] }).RunAsync("run", engine, cancellationToken: CancellationToken.None);
            Assert.All(results, r => Assert.True(r.Status == "success", r.Message));
            Assert.All(results, r => Assert.True(r.Statements.Count <= 2, string.Join("\n", r.Statements)));
        }

        await stop.CancelAsync();
        await reader;
        Assert.Empty(problems);
        Assert.True(seen >= 20, $"the reader ran {seen} queries");
        // The first build and its ownership record, then one new version per rebuild.
        Assert.Equal(22, (await engine.Catalog.GetTableVersionsAsync("analytics", "parted", CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Versions_to_keep_and_ha_keep_the_newest_previous_builds_and_delete_older_owned_ones()
    {
        using var shop = new ShopProject();
        await shop.RunAsync("seed");
        shop.Write("models/marts/kept.sql", "{{ config(materialized='table', versions_to_keep=2) }} select 1 as id");
        shop.Write("models/marts/ha_table.sql", "{{ config(materialized='table', ha=true) }} select 1 as id");
        var kept = new List<string>();
        var ha = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var results = await shop.RunAsync("run", new TransformOptions { Select = ["kept", "ha_table"] });
            Assert.All(results, r => Assert.Equal("success", r.Status));
            kept.Add(await shop.LocationAsync("kept"));
            ha.Add(await shop.LocationAsync("ha_table"));
        }

        // versions_to_keep=2: the current build and the two before it keep their data.
        Assert.Equal([false, false, false, true, true, true], kept.Select(l => shop.Files(l).Count > 0).ToList());
        // ha: true keeps dbt-athena's default of 4 previous versions.
        Assert.Equal([false, true, true, true, true, true], ha.Select(l => shop.Files(l).Count > 0).ToList());
        // Every catalog version is kept, whatever happened to the data.
        Assert.Equal(6, (await shop.VersionsAsync("kept")).Select(v => v.StorageDescriptor.Location).Distinct().Count());
    }

    [Fact]
    public async Task A_users_external_location_is_never_deleted()
    {
        using var shop = new ShopProject();
        await shop.RunAsync("seed");
        shop.Write("models/marts/external.sql", "{{ config(materialized='table', external_location='s3://user-bucket/curated/external') }} select 1 as id");
        await shop.RunAsync("run", new TransformOptions { Select = ["external"] });
        var first = await shop.LocationAsync("external");
        Assert.StartsWith("s3://user-bucket/curated/external/", first, StringComparison.Ordinal);
        Assert.False((await shop.TableAsync("external"))!.Parameters.ContainsKey("sluice.owned_location"));

        var rebuilt = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["external"] }));
        Assert.Equal("success", rebuilt.Status);
        Assert.Single(rebuilt.Statements);
        Assert.NotEmpty(shop.Files(first));
        Assert.Contains(rebuilt.Notes, n => n.Contains("Sluice did not create that location", StringComparison.Ordinal));

        // A table Sluice did not build (no ownership recorded) keeps its data when a model replaces it.
        using (var engine = LocalAthenaEngine.Open(shop.Lakehouse))
        {
            await engine.ExecuteAsync("CREATE TABLE analytics.adopted WITH (external_location = 's3://user-bucket/adopted/v1') AS SELECT 9 AS id", cancellationToken: CancellationToken.None);
        }

        shop.Write("models/marts/adopted.sql", "{{ config(materialized='table') }} select 10 as id");
        Assert.Equal("success", Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["adopted"] })).Status);
        Assert.Equal([["10"]], await shop.QueryAsync("select id from adopted"));
        Assert.NotEmpty(shop.Files("s3://user-bucket/adopted/v1"));
    }

    [Fact]
    public async Task Insert_overwrite_repoints_partitions_by_catalog_call_and_reclaims_owned_partition_data()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/daily_status.sql", """
            {{ config(materialized='incremental', incremental_strategy='insert_overwrite', partitioned_by=['status']) }}
            select order_id, amount, status from {{ ref('stg_orders') }}
            {% if is_incremental() %} where status = 'placed' {% endif %}
            """);
        await shop.RunAsync("build");
        var root = await shop.LocationAsync("daily_status");
        Assert.NotEmpty(shop.Files(root + "status=placed/"));
        shop.Write("seeds/raw_orders.csv", "id,customer_id,status,amount_cents,ordered_at\n20,1,placed,100,2024-05-01 10:00:00\n");
        await shop.RunAsync("seed");
        var node = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["daily_status"] }));
        Assert.Equal("success", node.Status);
        Assert.Single(node.Statements);
        Assert.Equal(2, node.CatalogCalls.Count); // PutPartitions, DeleteTable (staging entry)
        Assert.Equal([["placed", "1"], ["returned", "1"], ["shipped", "2"]], await shop.QueryAsync("select status, count(*) from daily_status group by status order by status"));
        Assert.Empty(shop.Files(root + "status=placed/"));
        Assert.NotEmpty(shop.Files(root + "status=shipped/"));
        var moved = (await PartitionsAsync(shop, "daily_status")).Single(p => p.Values[0] == "placed").Location;
        Assert.DoesNotContain(root, moved, StringComparison.Ordinal);
        Assert.NotEmpty(shop.Files(moved));

        // A full rebuild replaces the table and reclaims both the old table location and the moved partition's folder.
        var full = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["daily_status"], FullRefresh = true }));
        Assert.Equal("success", full.Status);
        Assert.Single(full.Statements);
        Assert.Empty(shop.Files(root));
        Assert.Empty(shop.Files(moved));
        Assert.Equal([["1"]], await shop.QueryAsync("select count(*) from daily_status"));
    }

    private static async Task<IReadOnlyList<Sluice.Catalog.CatalogPartition>> PartitionsAsync(ShopProject shop, string table)
    {
        using var engine = LocalAthenaEngine.Open(shop.Lakehouse);
        return await engine.Catalog.GetPartitionsAsync("analytics", table, CancellationToken.None);
    }

    [Fact]
    public async Task A_seed_upload_left_by_an_interrupted_build_is_removed_at_the_next_build()
    {
        using var shop = new ShopProject();
        await shop.RunAsync("seed", new TransformOptions { Select = ["raw_customers"] });
        var upload = "s3://shop-lake/dbt/analytics/raw_customers/0123456789abcdef0123456789abcdef/";
        var csv = Path.Combine(shop.Root, "left.csv");
        await File.WriteAllTextAsync(csv, "\"c0\"\n\"1\"\n");
        using (var engine = LocalAthenaEngine.Open(shop.Lakehouse))
        {
            await engine.Objects!.PutFileAsync(csv, Sluice.Storage.S3Uri.Parse(upload + "raw_customers.csv"));
            await engine.CatalogWriter!.CreateTableAsync(new Sluice.Catalog.CatalogTable
            {
                DatabaseName = "analytics",
                Name = "raw_customers__sluice_seed_0badf00d",
                StorageDescriptor = new Sluice.Catalog.StorageDescriptor
                {
                    Location = upload,
                    Columns = [new Sluice.Catalog.CatalogColumn("c0", "string")],
                    SerdeInfo = new Sluice.Catalog.SerDeInfo(Sluice.Catalog.HiveFormats.OpenCsvSerDe),
                },
                Parameters = new Dictionary<string, string> { ["sluice.owned_location"] = upload },
            });
        }

        Assert.NotEmpty(shop.Files(upload));
        var node = Assert.Single(await shop.RunAsync("seed", new TransformOptions { Select = ["raw_customers"] }));
        Assert.Equal("success", node.Status);
        Assert.Contains(node.Notes, n => n.Contains("raw_customers__sluice_seed_0badf00d", StringComparison.Ordinal));
        Assert.Empty(shop.Files(upload));
        Assert.Null(await shop.TableAsync("raw_customers__sluice_seed_0badf00d"));
        Assert.Equal([["3"]], await shop.QueryAsync("select count(*) from raw_customers"));
    }

    [Fact]
    public async Task Lowering_versions_to_keep_reclaims_every_older_owned_build()
    {
        using var shop = new ShopProject();
        await shop.RunAsync("seed", new TransformOptions { Select = ["raw_customers"] });
        var locations = new List<string>();
        shop.Write("models/marts/history.sql", "{{ config(materialized='table', versions_to_keep=12) }} select 1 as id");
        for (var i = 0; i < 13; i++)
        {
            Assert.Equal("success", Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["history"] })).Status);
            locations.Add(await shop.LocationAsync("history"));
        }

        Assert.All(locations, l => Assert.NotEmpty(shop.Files(l)));
        shop.Write("models/marts/history.sql", "{{ config(materialized='table') }} select 2 as id");
        var node = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["history"] }));
        Assert.Equal("success", node.Status);
        Assert.All(locations, l => Assert.Empty(shop.Files(l)));
        Assert.Equal(13, node.Notes.Count(n => n.StartsWith("deleted", StringComparison.Ordinal)));
        Assert.Equal([["2"]], await shop.QueryAsync("select id from history"));
    }
}
