namespace Sluice.Transform.Tests;

public sealed class SelectionTests
{
    private static List<string> Names(ShopProject shop, string command, string[] select, string[]? exclude = null) =>
        shop.Load(new TransformOptions { Select = select, Exclude = exclude ?? [] }).Select(command).Select(n => n.Name).ToList();

    [Fact]
    public void Names_tags_paths_configs_and_graph_operators()
    {
        using var shop = new ShopProject();
        Assert.Equal(["stg_orders"], Names(shop, "run", ["stg_orders"]));
        Assert.Equal(["stg_customers", "stg_orders"], Names(shop, "run", ["tag:staging"]));
        Assert.Equal(["stg_customers", "stg_orders"], Names(shop, "run", ["path:models/staging"]));
        Assert.Equal(["customer_orders", "orders_iceberg"], Names(shop, "run", ["config.materialized:table"]));
        Assert.Equal(["stg_customers", "stg_orders", "customer_orders"], Names(shop, "run", ["+customer_orders"]));
        Assert.Equal(["raw_customers", "stg_customers", "raw_orders", "stg_orders", "customer_orders"], Names(shop, "build", ["+customer_orders"]).Where(n => !n.Contains("_customer_id", StringComparison.Ordinal) && !n.Contains("_order_id", StringComparison.Ordinal) && !n.Contains("stg_orders_", StringComparison.Ordinal) && !n.StartsWith("assert", StringComparison.Ordinal)).ToList());
        Assert.Equal(["stg_orders", "customer_orders", "fct_orders", "order_log", "orders_iceberg"], Names(shop, "run", ["stg_orders+"]));
        Assert.Equal(["stg_orders", "fct_orders", "order_log", "orders_iceberg"], Names(shop, "run", ["stg_orders+1"]));
        Assert.Equal(["stg_customers"], Names(shop, "run", ["1+customer_orders"], ["customer_orders"]));
        Assert.Equal(["stg_orders"], Names(shop, "run", ["tag:staging,path:models/staging/stg_orders.sql"]));
        Assert.Equal(["stg_customers", "customer_orders"], Names(shop, "run", ["stg_customers", "customer_orders"]));
        Assert.Contains("stg_orders", Names(shop, "run", ["@customer_orders"]));
    }

    [Fact]
    public void Tests_follow_the_models_they_test()
    {
        using var shop = new ShopProject();
        var tests = Names(shop, "test", ["stg_customers"]);
        Assert.Equal(["unique_stg_customers_customer_id", "not_null_stg_customers_customer_id"], tests);
        Assert.Equal(["not_null_stg_orders_amount"], Names(shop, "test", ["stg_orders"], ["test_name:unique", "test_name:relationships", "test_name:accepted_values", "test_name:is_positive", "not_null_stg_orders_order_id"]));
    }

    [Fact]
    public void Build_runs_a_models_tests_before_its_children()
    {
        using var shop = new ShopProject();
        var order = Names(shop, "build", []);
        Assert.True(order.IndexOf("unique_stg_customers_customer_id") < order.IndexOf("customer_orders"));
        Assert.True(order.IndexOf("raw_orders") < order.IndexOf("stg_orders"));
    }

    [Fact]
    public async Task A_failing_test_in_build_skips_downstream_models()
    {
        using var shop = new ShopProject();
        shop.Write("seeds/raw_customers.csv", "id,first_name,last_name,signup_date\n1,Ada,Lovelace,2024-01-05\n2,Alan,Turing,2024-02-11\n3,Grace,Hopper,2024-03-20\n3,Grace,Brewster,2024-03-21\n");
        var results = await shop.RunAsync("build");
        Assert.Equal("fail", results.Single(r => r.Node.Name == "unique_stg_customers_customer_id").Status);
        Assert.Equal(1, results.Single(r => r.Node.Name == "unique_stg_customers_customer_id").Failures);
        Assert.Equal("skipped", results.Single(r => r.Node.Name == "customer_orders").Status);
        Assert.Equal("success", results.Single(r => r.Node.Name == "fct_orders").Status);
    }
}

public sealed class StateSelectionTests
{
    [Fact]
    public async Task State_modified_selects_changed_bodies_configs_and_new_nodes()
    {
        using var shop = new ShopProject();
        await shop.RunAsync("compile");
        var state = Path.Combine(shop.Root, "prod-state");
        Directory.CreateDirectory(state);
        File.Copy(Path.Combine(shop.Root, "target", "manifest.json"), Path.Combine(state, "manifest.json"));

        shop.Write("models/staging/stg_customers.sql", File.ReadAllText(Path.Combine(shop.Root, "models/staging/stg_customers.sql")) + "\nwhere id > 0\n");
        shop.Write("models/marts/orders_iceberg.sql", File.ReadAllText(Path.Combine(shop.Root, "models/marts/orders_iceberg.sql")).Replace("table_type='iceberg'", "table_type='iceberg', tags=['x']", StringComparison.Ordinal));
        shop.Write("models/marts/brand_new.sql", "select 1 as a");

        var names = shop.Load(new TransformOptions { Select = ["state:modified"], State = state }).Select("run").Select(n => n.Name).ToList();
        Assert.Equal(["brand_new", "orders_iceberg", "stg_customers"], names.Order(StringComparer.Ordinal));
        Assert.Equal(["brand_new"], shop.Load(new TransformOptions { Select = ["state:new"], State = state }).Select("run").Select(n => n.Name));
        Assert.Contains("customer_orders", shop.Load(new TransformOptions { Select = ["state:modified+"], State = state }).Select("run").Select(n => n.Name));
    }
}

public sealed class StoreFailuresTests
{
    [Fact]
    public async Task Store_failures_keeps_the_failing_rows_in_the_audit_schema()
    {
        using var shop = new ShopProject();
        shop.Write("models/staging/schema.yml", File.ReadAllText(Path.Combine(shop.Root, "models/staging/schema.yml")).Replace(
            "          - not_null:\n              severity: warn",
            "          - not_null:\n              severity: warn\n              store_failures: true",
            StringComparison.Ordinal));
        var results = await shop.RunAsync("build");
        var test = results.Single(r => r.Node.Name == "not_null_stg_orders_amount");
        Assert.Equal("warn", test.Status);
        Assert.Equal(1, test.Failures);
        Assert.Equal([["13"]], await shop.QueryAsync("select order_id from analytics_dbt_test__audit.not_null_stg_orders_amount"));
    }
}

public sealed class ThreadsTests
{
    [Fact]
    public async Task Four_threads_build_the_same_results_and_still_skip_descendants_of_failures()
    {
        using var shop = new ShopProject();
        shop.Write("models/staging/stg_broken.sql", "select no_such_column from {{ ref('raw_orders') }}");
        shop.Write("models/marts/uses_broken.sql", "select * from {{ ref('stg_broken') }}");
        shop.Write("models/marts/uses_broken_later.sql", "select * from {{ ref('uses_broken') }}");
        var results = await shop.RunAsync("build", new TransformOptions { Threads = 4 });
        Assert.Equal(21, results.Count);
        Assert.Equal("error", results.Single(r => r.Node.Name == "stg_broken").Status);
        Assert.Equal("skipped", results.Single(r => r.Node.Name == "uses_broken").Status);
        Assert.Equal("skipped", results.Single(r => r.Node.Name == "uses_broken_later").Status);
        Assert.Equal(18, results.Count(r => r.Status is "success" or "pass" or "warn"));
        Assert.Equal([["3"]], await shop.QueryAsync("select count(*) from customer_orders"));
    }
}

public sealed class SelectorFileTests
{
    [Fact]
    public async Task Selectors_yml_and_result_selectors()
    {
        using var shop = new ShopProject();
        shop.Write("selectors.yml", """
            selectors:
              - name: marts_but_iceberg
                definition:
                  union:
                    - method: tag
                      value: marts
                    - exclude:
                        - method: config.table_type
                          value: iceberg
              - name: upstream_of_customers
                definition:
                  method: fqn
                  value: customer_orders
                  parents: true
            """);
        Assert.Equal(["customer_orders", "order_log"], shop.Load(new TransformOptions { Selector = "marts_but_iceberg" }).Select("run").Select(n => n.Name));
        Assert.Equal(["stg_customers", "stg_orders", "customer_orders"], shop.Load(new TransformOptions { Selector = "upstream_of_customers" }).Select("run").Select(n => n.Name));

        shop.Write("models/marts/broken.sql", "select nope from {{ ref('stg_orders') }}");
        await shop.RunAsync("build");
        var state = Path.Combine(shop.Root, "last-run");
        Directory.CreateDirectory(state);
        File.Copy(Path.Combine(shop.Root, "target", "manifest.json"), Path.Combine(state, "manifest.json"));
        File.Copy(Path.Combine(shop.Root, "target", "run_results.json"), Path.Combine(state, "run_results.json"));
        Assert.Equal(["broken"], shop.Load(new TransformOptions { Select = ["result:error"], State = state }).Select("run").Select(n => n.Name));
        Assert.Equal(["not_null_stg_orders_amount"], shop.Load(new TransformOptions { Select = ["result:warn"], State = state }).Select("test").Select(n => n.Name));
    }
}
