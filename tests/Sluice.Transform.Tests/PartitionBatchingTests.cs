using System.Globalization;
using System.Text;

namespace Sluice.Transform.Tests;

public sealed class PartitionBatchingTests
{
    [Theory]
    [InlineData("hive")]
    [InlineData("iceberg")]
    public async Task Tables_with_more_than_100_partitions_are_written_in_batches(string tableType)
    {
        using var shop = new ShopProject();
        var csv = new StringBuilder("id,bucket\n");
        for (var i = 0; i < 500; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{i},{i % 250}\n");
        }

        shop.Write("seeds/events.csv", csv.ToString());
        shop.Write("models/marts/partitioned_events.sql", $$$"""
            {{ config(materialized='incremental', incremental_strategy='append', partitioned_by=['bucket'], table_type='{{{tableType}}}') }}
            select id, 'v' || CAST(bucket AS varchar) as label, bucket from {{ ref('events') }}
            {% if is_incremental() %} where id < 300 {% endif %}
            """);
        var results = await shop.RunAsync("build", new TransformOptions { Select = ["events+"] });
        var node = results.Single(r => r.Node.Name == "partitioned_events");
        Assert.True(node.Status == "success", node.Message);
        if (tableType == "hive")
        {
            // The local engine enforces Athena's 100-writer limit on Hive writes (Iceberg data lives in DuckDB tables).
            Assert.Contains(node.Notes, n => n.Contains("in batches", StringComparison.Ordinal));
            Assert.True(node.Statements.Count >= 5);

            // The local engine reports no update count for an Iceberg CTAS yet (DuckDB's CREATE TABLE AS gives none).
            Assert.Equal(500, node.RowsAffected);
        }

        Assert.Equal([["500", "250"]], await shop.QueryAsync("select count(*), count(distinct bucket) from partitioned_events"));
        var tables = await shop.QueryAsync("show tables in analytics");
        Assert.DoesNotContain(tables, t => t[0]!.Contains("__sluice_", StringComparison.Ordinal));

        var again = Assert.Single(await shop.RunAsync("run", new TransformOptions { Select = ["partitioned_events"] }));
        Assert.True(again.Status == "success", again.Message);
        Assert.Equal(300, again.RowsAffected);
        Assert.Equal([["800"]], await shop.QueryAsync("select count(*) from partitioned_events"));
    }
}
