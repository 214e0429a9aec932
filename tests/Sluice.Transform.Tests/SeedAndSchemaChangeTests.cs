using System.Globalization;
using System.Text;

namespace Sluice.Transform.Tests;

public sealed class SeedAndSchemaChangeTests
{
    [Fact]
    public async Task Large_seeds_by_insert_are_batched_under_the_query_limit_and_published_whole()
    {
        using var shop = new ShopProject();
        shop.Write("seeds/props.yml", "version: 2\nseeds:\n  - name: big_items\n    config:\n      seed_by_insert: true\n");
        var csv = new StringBuilder("id,name,price,active,day\n");
        for (var i = 1; i <= 12_000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},\"item, number {i}\",{i * 0.5},{(i % 2 == 0 ? "true" : "false")},2024-01-{(i % 28) + 1:00}\n");
        }

        shop.Write("seeds/big_items.csv", csv.ToString());
        var results = await shop.RunAsync("seed", new TransformOptions { Select = ["big_items"] });
        var node = Assert.Single(results);
        Assert.True(node.Status == "success", node.Message);
        Assert.True(node.Statements.Count >= 3, "expected several batches");
        Assert.StartsWith("CREATE TABLE", node.Statements[0], StringComparison.Ordinal);
        Assert.All(node.Statements.Skip(1), s => Assert.StartsWith("INSERT INTO", s, StringComparison.Ordinal));
        Assert.StartsWith("ReplaceTable", Assert.Single(node.CatalogCalls), StringComparison.Ordinal);
        Assert.All(node.Statements, s => Assert.True(Encoding.UTF8.GetByteCount(s) < 262_144));
        Assert.Equal(12_000, node.RowsAffected);
        Assert.Equal([["12000", "6000", "36003000", "2024-01-01"]], await shop.QueryAsync(
            "select count(*), count_if(active), cast(sum(price) as bigint), cast(min(day) as varchar) from big_items"));
        Assert.Equal([["item, number 7"]], await shop.QueryAsync("select name from big_items where id = 7"));
        Assert.Equal(["int", "string", "double", "boolean", "date"], await shop.ColumnTypesAsync("big_items"));
    }

    [Fact]
    public async Task Seed_column_types_override_inference_and_empty_fields_are_null()
    {
        using var shop = new ShopProject();
        await shop.RunAsync("seed");
        Assert.Equal(["int", "int", "string", "bigint", "timestamp"], await shop.ColumnTypesAsync("raw_orders"));
        Assert.Equal([["13"]], await shop.QueryAsync("select id from raw_orders where amount_cents is null"));
    }

    [Theory]
    [InlineData("append_new_columns", "[[\"10\",\"x\"],[\"16\",\"y\"]]")]
    [InlineData("sync_all_columns", "[[\"10\",\"x\"],[\"16\",\"y\"]]")]
    public async Task On_schema_change_adds_new_columns(string mode, string expected)
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/evolving.sql", $$$"""
            {{ config(materialized='incremental', table_type='iceberg', incremental_strategy='append', on_schema_change='{{{mode}}}') }}
            select order_id, status from {{ ref('stg_orders') }} where order_id = 10
            """);
        await shop.RunAsync("build");
        shop.Write("models/marts/evolving.sql", $$$"""
            {{ config(materialized='incremental', table_type='iceberg', incremental_strategy='append', on_schema_change='{{{mode}}}') }}
            select 16 as order_id, 'new' as status, 'y' as extra
            """);
        var results = await shop.RunAsync("run", new TransformOptions { Select = ["evolving"] });
        var node = Assert.Single(results);
        Assert.True(node.Status == "success", node.Message);
        var rows = await shop.QueryAsync("select order_id, coalesce(extra, 'x') from evolving order by order_id");
        Assert.Equal(expected, System.Text.Json.JsonSerializer.Serialize(rows));
    }

    [Fact]
    public async Task On_schema_change_fail_stops_with_the_difference()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/evolving.sql", "{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }} select 1 as a");
        await shop.RunAsync("run", new TransformOptions { Select = ["evolving"] });
        shop.Write("models/marts/evolving.sql", "{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }} select 1 as a, 2 as b");
        var node = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["evolving"] }));
        Assert.Equal("error", node.Status);
        Assert.Contains("new columns [b]", node.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Merge_on_hive_is_rejected_before_any_statement()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/bad_merge.sql", "{{ config(materialized='incremental', incremental_strategy='merge', unique_key='a') }} select 1 as a");
        await shop.RunAsync("run", new TransformOptions { Select = ["bad_merge"] });
        var node = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["bad_merge"] }));
        Assert.Equal("error", node.Status);
        Assert.Empty(node.Statements);
        Assert.Contains("table_type='iceberg'", node.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeds_take_a_delimiter()
    {
        using var shop = new ShopProject();
        shop.Write("seeds/semi.csv", "code;label\nA;\"x;y\"\nB;z\n");
        shop.Write("seeds/semi.yml", "version: 2\nseeds:\n  - name: semi\n    config:\n      delimiter: ';'\n");
        Assert.Equal("success", Assert.Single(await shop.RunAsync("seed", new TransformOptions { Select = ["semi"] })).Status);
        Assert.Equal([["A", "x;y"], ["B", "z"]], await shop.QueryAsync("select code, label from \"semi\" order by code"));
    }
}
