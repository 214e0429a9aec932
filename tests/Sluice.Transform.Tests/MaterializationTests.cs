using System.Text.Json;

namespace Sluice.Transform.Tests;

public sealed class MaterializationTests
{
    private static NodeResult Result(IReadOnlyList<NodeResult> results, string name) => results.Single(r => r.Node.Name == name);

    [Fact]
    public async Task Views_and_tables_take_one_statement_on_first_build()
    {
        using var shop = new ShopProject();
        await shop.RunAsync("seed");
        var results = await shop.RunAsync("run");
        Assert.All(results, r => Assert.Equal("success", r.Status));
        Assert.Single(Result(results, "stg_orders").Statements);
        Assert.Single(Result(results, "customer_orders").Statements);
        Assert.Single(Result(results, "orders_iceberg").Statements);
        Assert.Equal(3, Result(results, "customer_orders").RowsAffected);
        Assert.StartsWith("CREATE OR REPLACE VIEW", Result(results, "stg_orders").Statements[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rebuilding_a_hive_table_is_one_ctas_and_one_catalog_replace_and_reclaims_the_old_data()
    {
        using var shop = new ShopProject();
        await shop.RunAsync("build");
        var oldLocation = await shop.LocationAsync("customer_orders");
        Assert.StartsWith("s3://shop-lake/dbt/analytics/customer_orders/", oldLocation, StringComparison.Ordinal);
        Assert.NotEmpty(shop.Files(oldLocation));
        shop.Write("seeds/raw_customers.csv", "id,first_name,last_name,signup_date\n1,Ada,King,2024-01-05\n2,Alan,Turing,2024-02-11\n3,Grace,Hopper,2024-03-20\n");
        await shop.RunAsync("seed");
        var rebuilt = await shop.RunAsync("run", new TransformOptions { Select = ["customer_orders"] });
        var node = Assert.Single(rebuilt);
        Assert.Equal("success", node.Status);
        var statement = Assert.Single(node.Statements);
        Assert.StartsWith("CREATE TABLE", statement, StringComparison.Ordinal);
        Assert.StartsWith("ReplaceTable", Assert.Single(node.CatalogCalls), StringComparison.Ordinal);
        Assert.Equal([["Ada King"]], await shop.QueryAsync("select full_name from customer_orders where customer_id = 1"));
        var newLocation = await shop.LocationAsync("customer_orders");
        Assert.NotEqual(oldLocation, newLocation);

        // Sluice created the old location, and versions_to_keep defaults to 0: its objects are gone.
        Assert.Empty(shop.Files(oldLocation));
        Assert.NotEmpty(shop.Files(newLocation));
        Assert.Contains(node.Notes, n => n.Contains("deleted", StringComparison.Ordinal) && n.Contains(oldLocation.TrimEnd('/'), StringComparison.Ordinal));
        var tables = await shop.QueryAsync("show tables in analytics");
        Assert.DoesNotContain(tables, t => t[0]!.Contains("__sluice_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rebuilding_an_iceberg_table_is_one_ctas_and_one_catalog_swap()
    {
        using var shop = new ShopProject();
        await shop.RunAsync("build");
        var before = (await shop.TableAsync("orders_iceberg"))!.VersionId;
        var rebuilt = await shop.RunAsync("run", new TransformOptions { Select = ["orders_iceberg"] });
        var node = Assert.Single(rebuilt);
        Assert.Equal("success", node.Status);
        Assert.Single(node.Statements);
        Assert.StartsWith("ReplaceTable", Assert.Single(node.CatalogCalls), StringComparison.Ordinal);
        Assert.Equal([["5"]], await shop.QueryAsync("select count(*) from orders_iceberg"));
        Assert.Equal(before + 1, (await shop.TableAsync("orders_iceberg"))!.VersionId);
        var tables = await shop.QueryAsync("show tables in analytics");
        Assert.DoesNotContain(tables, t => t[0]!.Contains("__sluice_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Incremental_merge_updates_and_inserts_and_append_adds_only_new_rows()
    {
        using var shop = new ShopProject();
        await shop.RunAsync("build");
        shop.Write("seeds/raw_orders.csv", """
            id,customer_id,status,amount_cents,ordered_at
            10,1,placed,1250,2024-04-01 10:00:00
            11,1,shipped,800,2024-04-02 11:30:00
            12,2,returned,4000,2024-04-03 09:15:00
            13,3,shipped,,2024-04-04 16:45:00
            14,3,shipped,99,2024-04-06 08:00:00
            15,2,placed,500,2024-04-07 12:00:00

            """.Replace("            ", string.Empty, StringComparison.Ordinal));
        await shop.RunAsync("seed");
        var results = await shop.RunAsync("run", new TransformOptions { Select = ["fct_orders", "order_log"], Vars = "{batch: second}" });
        Assert.All(results, r => Assert.Equal("success", r.Status));
        var merge = Result(results, "fct_orders");
        Assert.Single(merge.Statements);
        Assert.StartsWith("MERGE INTO", merge.Statements[0], StringComparison.Ordinal);
        Assert.Equal(2, merge.RowsAffected);
        Assert.Equal(
            [["10", "placed"], ["11", "shipped"], ["12", "returned"], ["13", "shipped"], ["14", "shipped"], ["15", "placed"]],
            await shop.QueryAsync("select order_id, status from fct_orders order by order_id"));

        var append = Result(results, "order_log");
        Assert.Single(append.Statements);
        Assert.Equal(1, append.RowsAffected);
        Assert.Equal([["15", "second"]], await shop.QueryAsync("select order_id, batch from order_log where batch = 'second'"));
        Assert.Equal([["6"]], await shop.QueryAsync("select count(*) from order_log"));
    }

    [Fact]
    public async Task Full_refresh_rebuilds_incremental_models()
    {
        using var shop = new ShopProject();
        await shop.RunAsync("build");
        var results = await shop.RunAsync("run", new TransformOptions { Select = ["order_log"], FullRefresh = true, Vars = "{batch: again}" });
        Assert.Equal("success", Assert.Single(results).Status);
        Assert.Equal([["5", "again"]], await shop.QueryAsync("select count(*), max(batch) from order_log"));
    }

    [Fact]
    public async Task Hive_insert_overwrite_replaces_only_the_partitions_it_writes()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/daily_status.sql", """
            {{ config(materialized='incremental', incremental_strategy='insert_overwrite', partitioned_by=['status']) }}
            select order_id, amount, status from {{ ref('stg_orders') }}
            {% if is_incremental() %} where status = 'placed' {% endif %}
            """);
        await shop.RunAsync("build");
        shop.Write("seeds/raw_orders.csv", "id,customer_id,status,amount_cents,ordered_at\n20,1,placed,100,2024-05-01 10:00:00\n");
        await shop.RunAsync("seed");
        var results = await shop.RunAsync("run", new TransformOptions { Select = ["daily_status"] });
        Assert.Equal("success", Assert.Single(results).Status);
        Assert.Equal(
            [["placed", "1"], ["returned", "1"], ["shipped", "2"]],
            await shop.QueryAsync("select status, count(*) from daily_status group by status order by status"));
        Assert.Equal([["20"]], await shop.QueryAsync("select order_id from daily_status where status = 'placed'"));
    }

    [Fact]
    public async Task A_failed_model_skips_its_descendants_and_the_run_records_statuses()
    {
        using var shop = new ShopProject();
        shop.Write("models/staging/stg_broken.sql", "select no_such_column from {{ ref('raw_orders') }}");
        shop.Write("models/marts/uses_broken.sql", "select * from {{ ref('stg_broken') }}");
        var results = await shop.RunAsync("build");
        Assert.Equal("error", Result(results, "stg_broken").Status);
        Assert.Equal("skipped", Result(results, "uses_broken").Status);
        Assert.Equal("success", Result(results, "customer_orders").Status);

        using var runResults = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(shop.Root, "target", "run_results.json")));
        var entries = runResults.RootElement.GetProperty("results").EnumerateArray().ToList();
        var broken = entries.Single(e => e.GetProperty("unique_id").GetString() == "model.shop.stg_broken");
        Assert.Equal("error", broken.GetProperty("status").GetString());
        var table = entries.Single(e => e.GetProperty("unique_id").GetString() == "model.shop.customer_orders");
        Assert.Equal(3, table.GetProperty("adapter_response").GetProperty("rows_affected").GetInt64());
        Assert.Equal(1, table.GetProperty("adapter_response").GetProperty("statements").GetInt32());
        Assert.Equal("build", runResults.RootElement.GetProperty("args").GetProperty("which").GetString());
        Assert.True(File.Exists(Path.Combine(shop.Root, "target", "compiled", "shop", "models", "marts", "customer_orders.sql")));
        Assert.True(File.Exists(Path.Combine(shop.Root, "target", "run", "shop", "models", "marts", "customer_orders.sql")));

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(shop.Root, "target", "manifest.json")));
        var parents = manifest.RootElement.GetProperty("parent_map").GetProperty("model.shop.customer_orders").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("model.shop.stg_customers", parents);
        Assert.Contains("model.shop.order_totals", parents);
    }
}

public sealed class RecoveryTests
{
    [Fact]
    public async Task An_interrupted_iceberg_swap_is_restored_and_leftover_staging_tables_are_dropped()
    {
        using var shop = new ShopProject();
        await shop.RunAsync("build");
        using (var engine = Sluice.Local.LocalAthenaEngine.Open(shop.Lakehouse))
        {
            // What a crash between the two renames leaves: the old table under its backup name, the new one under its staging name.
            await engine.ExecuteAsync("ALTER TABLE analytics.orders_iceberg RENAME TO analytics.orders_iceberg__sluice_old_deadbeef", null, CancellationToken.None);
            await engine.ExecuteAsync(
                "CREATE TABLE analytics.orders_iceberg__sluice_0badf00d WITH (table_type = 'ICEBERG', location = 's3://shop-lake/x/', is_external = false) AS SELECT 1 AS order_id",
                null,
                CancellationToken.None);
        }

        var node = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["orders_iceberg"] }));
        Assert.True(node.Status == "success", node.Message);
        Assert.Contains(node.Notes, n => n.StartsWith("restored", StringComparison.Ordinal));
        Assert.Contains(node.Notes, n => n.StartsWith("dropped orders_iceberg__sluice_0badf00d", StringComparison.Ordinal));
        Assert.Equal([["5"]], await shop.QueryAsync("select count(*) from orders_iceberg"));
        var tables = await shop.QueryAsync("show tables in analytics");
        Assert.DoesNotContain(tables, t => t[0]!.Contains("__sluice_", StringComparison.Ordinal));
    }
}

public sealed class MergeOptionTests
{
    [Fact]
    public async Task Merge_honours_update_columns_and_incremental_predicates()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/prices.sql", """
            {{ config(materialized='incremental', table_type='iceberg', unique_key=['order_id'],
                      merge_update_columns=['status'], incremental_predicates=["target.order_id >= 12"]) }}
            select order_id, status, amount from {{ ref('stg_orders') }}
            {% if is_incremental() %}
            where order_id >= 12
            union all select 99, 'placed', 1.0
            {% endif %}
            """);
        await shop.RunAsync("build", new TransformOptions { Select = ["+prices"] });
        using (var engine = Sluice.Local.LocalAthenaEngine.Open(shop.Lakehouse))
        {
            await engine.ExecuteAsync("UPDATE analytics.prices SET status = 'stale', amount = 0", new Sluice.Engines.QueryContext { Database = "analytics" }, CancellationToken.None);
        }

        var node = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["prices"] }));
        Assert.True(node.Status == "success", node.Message);
        Assert.Contains("WHEN MATCHED THEN UPDATE SET \"status\" = src.\"status\"", node.Statements[0], StringComparison.Ordinal);
        Assert.Equal(
            [["10", "stale", "0.0"], ["11", "stale", "0.0"], ["12", "returned", "0.0"], ["13", "shipped", "0.0"], ["14", "placed", "0.0"], ["99", "placed", "1.0"]],
            await shop.QueryAsync("select order_id, status, amount from prices order by order_id"));
    }
}

public sealed class TablePropertyTests
{
    [Fact]
    public async Task Format_compression_and_iceberg_table_properties_reach_the_ctas()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/tuned.sql", """
            {{ config(materialized='table', table_type='iceberg', write_compression='zstd',
                      table_properties={'vacuum_max_snapshot_age_seconds': 86400}) }}
            select 1 as id
            """);
        shop.Write("models/marts/text_table.sql", "{{ config(materialized='table', format='textfile', s3_data_naming='table') }} select 1 as id, 'a' as v");
        var results = await shop.RunAsync("run", new TransformOptions { Select = ["tuned", "text_table"] });
        Assert.All(results, r => Assert.True(r.Status == "success", r.Message));
        var tuned = results.Single(r => r.Node.Name == "tuned").Statements[0];
        Assert.Contains("write_compression = 'ZSTD'", tuned, StringComparison.Ordinal);
        Assert.Contains("vacuum_max_snapshot_age_seconds = 86400", tuned, StringComparison.Ordinal);
        Assert.Contains("format = 'TEXTFILE'", results.Single(r => r.Node.Name == "text_table").Statements[0], StringComparison.Ordinal);
        Assert.StartsWith("s3://shop-lake/dbt/text_table/", await shop.LocationAsync("text_table"), StringComparison.Ordinal);
        Assert.Equal([["1", "a"]], await shop.QueryAsync("select id, v from text_table"));
    }
}
