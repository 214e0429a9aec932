namespace Sluice.Transform.Tests;

public sealed class HookTests
{
    [Fact]
    public async Task Pre_and_post_hooks_and_run_hooks_run_in_order_with_their_context()
    {
        using var shop = new ShopProject();
        shop.Write("dbt_project.yml", File.ReadAllText(Path.Combine(shop.Root, "dbt_project.yml")).Replace(
            "vars:",
            """
            on-run-start:
              - "create table if not exists {{ target.schema }}.audit with (table_type = 'ICEBERG', location = 's3://shop-lake/audit/', is_external = false) as select cast('start' as varchar) as event, cast('' as varchar) as detail"
            on-run-end:
              - "insert into {{ target.schema }}.audit select 'end', '{{ results | length }} nodes'"
            vars:
            """,
            StringComparison.Ordinal));
        shop.Write("models/marts/hooked.sql", """
            {{ config(materialized='table',
                      pre_hook="insert into " ~ target.schema ~ ".audit select 'pre', '{{ this.identifier }}'",
                      post_hook=["insert into " ~ target.schema ~ ".audit select 'post', cast((select count(*) from {{ this }}) as varchar)"]) }}
            select 1 as id union all select 2
            """);
        var results = await shop.RunAsync("run", new TransformOptions { Select = ["hooked"] });
        var node = Assert.Single(results);
        Assert.True(node.Status == "success", node.Message);
        Assert.Equal(3, node.Statements.Count);
        Assert.Equal(2, node.RowsAffected);
        Assert.Equal(
            [["end", "1 nodes"], ["post", "2"], ["pre", "hooked"], ["start", ""]],
            await shop.QueryAsync("select event, detail from audit order by event"));
    }
}
