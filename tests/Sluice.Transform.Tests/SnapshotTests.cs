namespace Sluice.Transform.Tests;

public sealed class SnapshotTests
{
    [Theory]
    [InlineData("iceberg")]
    [InlineData("hive")]
    public async Task Timestamp_and_check_snapshots_record_history(string tableType)
    {
        using var shop = new ShopProject();
        shop.Write("seeds/crm.csv", "id,name,tier,updated_at\n1,Ada,gold,2024-01-01 00:00:00\n2,Alan,silver,2024-01-01 00:00:00\n3,Grace,bronze,2024-01-01 00:00:00\n");
        shop.Write("snapshots/crm.sql", $$$"""
            {% snapshot crm_history %}
            {{ config(target_schema='snapshots', unique_key='id', strategy='timestamp', updated_at='updated_at', table_type='{{{tableType}}}') }}
            select * from {{ ref('crm') }}
            {% endsnapshot %}

            {% snapshot crm_tiers %}
            {{ config(unique_key='id', strategy='check', check_cols=['tier'], invalidate_hard_deletes=True, table_type='{{{tableType}}}') }}
            select id, name, tier from {{ ref('crm') }}
            {% endsnapshot %}
            """);
        var first = await shop.RunAsync("build", new TransformOptions { Select = ["crm+"] });
        Assert.All(first, r => Assert.True(r.Status is "success" or "pass", r.Node.Name + ": " + r.Message));
        Assert.Equal(2, first.Count(r => r.Node.Type == NodeType.Snapshot));

        shop.Write("seeds/crm.csv", "id,name,tier,updated_at\n1,Ada L.,gold,2024-02-01 00:00:00\n2,Alan,gold,2024-01-01 00:00:00\n4,Edsger,silver,2024-02-02 00:00:00\n");
        await shop.RunAsync("seed", new TransformOptions { Select = ["crm"] });
        var second = await shop.RunAsync("snapshot");
        Assert.All(second, r => Assert.True(r.Status == "success", r.Node.Name + ": " + r.Message));

        Assert.Equal(
            [
                ["1", "Ada", "2024-01-01 00:00:00.000", "2024-02-01 00:00:00.000"],
                ["1", "Ada L.", "2024-02-01 00:00:00.000", null],
                ["2", "Alan", "2024-01-01 00:00:00.000", null],
                ["3", "Grace", "2024-01-01 00:00:00.000", null],
                ["4", "Edsger", "2024-02-02 00:00:00.000", null],
            ],
            await shop.QueryAsync("select id, name, dbt_valid_from, dbt_valid_to from snapshots.crm_history order by id, dbt_valid_from"));

        Assert.Equal(
            [["1", "gold", "true"], ["2", "gold", "true"], ["2", "silver", "false"], ["3", "bronze", "false"], ["4", "silver", "true"]],
            await shop.QueryAsync("select id, tier, dbt_valid_to is null from crm_tiers order by id, tier"));
    }
}
