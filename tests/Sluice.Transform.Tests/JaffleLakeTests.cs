using System.Diagnostics;
using Sluice.Cli;
using Xunit.Abstractions;

namespace Sluice.Transform.Tests;

/// <summary>The jaffle_lake project end to end: a first build, a second load with updates, inserts and a deletion, a second build.</summary>
public sealed class JaffleLakeTests(ITestOutputHelper log)
{
    internal static async Task<(int Code, string Output, string Error)> CliAsync(string root, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(string.Empty);
        var host = new CliHost(output, error, input, false, root, _ => null);
        var code = await SluiceCli.RunAsync(args, host);
        return (code, output.ToString(), error.ToString());
    }

    private static void Rows(List<string?[]> expected, List<string?[]> actual, string what)
    {
        var e = string.Join("\n", expected.Select(r => string.Join(" | ", r.Select(v => v ?? "NULL"))));
        var a = string.Join("\n", actual.Select(r => string.Join(" | ", r.Select(v => v ?? "NULL"))));
        Assert.True(e == a, $"{what}\nexpected:\n{e}\nactual:\n{a}");
    }

    private const string FactColumns = "order_id, customer_id, order_date, status, bank_transfer_cents, coupon_cents, credit_card_cents, gift_card_cents, total_cents, item_count, updated_at";

    [Fact]
    public async Task Build_then_a_second_load_then_build_updates_incremental_models_and_snapshots_row_by_row()
    {
        using var lake = new JaffleLake();
        await lake.CreateRawAsync();

        // First build through the CLI.
        var watch = Stopwatch.StartNew();
        var (code, output, error) = await CliAsync(lake.Root, "build");
        log.WriteLine($"first build: {watch.Elapsed.TotalSeconds:0.00} s");
        Assert.True(code == 0, output + error);
        Assert.Contains("ERROR=0 SKIP=0", output, StringComparison.Ordinal);
        Assert.Contains("Found 14 models, 2 seeds, 2 snapshots, 29 data tests, 5 sources", output, StringComparison.Ordinal);
        var first = lake.State;
        Rows(JaffleLake.Facts(first), await lake.QueryAsync($"select {FactColumns} from fct_orders order by order_id"), "fct_orders after the first build");
        Rows(JaffleLake.Events(first, null), await lake.QueryAsync("select order_id, status, updated_at from order_events order by order_id, updated_at"), "order_events after the first build");
        Rows(JaffleLake.Days(first), await lake.QueryAsync("select order_date, order_count, revenue_cents, max_updated_at from daily_revenue order by order_date"), "daily_revenue after the first build");
        Rows(JaffleLake.Customers(first), await lake.QueryAsync("select * from dim_customers order by customer_id"), "dim_customers after the first build");
        // adapter.dispatch picked athena__cents_to_dollars (a rounded double), not default__ (a decimal division).
        Assert.Equal([["1", "10.0"], ["2", "0.99"], ["3", "12.5"]], await lake.QueryAsync("select payment_id, amount from stg_payments where payment_id <= 3 order by payment_id"));
        Assert.Contains("round(CAST(amount_cents AS double) / 100, 2) as amount", await File.ReadAllTextAsync(Path.Combine(lake.Root, "target", "compiled", "jaffle_lake", "models", "staging", "stg_payments.sql")), StringComparison.Ordinal);

        // The second load changes the raw tables; the second build goes through the library API.
        await lake.ApplyChangesAsync();
        var second = lake.State;
        watch.Restart();
        var results = await lake.Project.RunAsync("build");
        log.WriteLine($"second build: {watch.Elapsed.TotalSeconds:0.00} s, {results.Sum(r => r.Statements.Count)} statements");
        var bad = results.Where(r => r.Status is not ("success" or "pass")).Select(r => $"{r.Node.Name}: {r.Status} {r.Message}").ToList();
        Assert.True(bad.Count == 0, string.Join("\n", bad));
        Assert.True(results.Count(r => r.Node.Type == NodeType.Test) >= 20, "expected at least 20 data tests");
        // 14 models; the two ephemeral ones are inlined into their children and not run on their own.
        Assert.Equal(12, results.Count(r => r.Node.Type == NodeType.Model));

        var merge = results.Single(r => r.Node.Name == "fct_orders");
        Assert.StartsWith("MERGE INTO", merge.Statements[^1], StringComparison.Ordinal);
        Assert.Equal(3, merge.RowsAffected);
        Rows(JaffleLake.MergedFacts(first, second), await lake.QueryAsync($"select {FactColumns} from fct_orders order by order_id"), "fct_orders after the merge");

        var append = results.Single(r => r.Node.Name == "order_events");
        Assert.StartsWith("INSERT INTO", Assert.Single(append.Statements), StringComparison.Ordinal);
        Rows(JaffleLake.Events(first, second), await lake.QueryAsync("select order_id, status, updated_at from order_events order by order_id, updated_at"), "order_events after the append");

        var overwrite = results.Single(r => r.Node.Name == "daily_revenue");
        // Besides the macro's run_query, one statement builds the new partitions; one catalog call points the table's
        // partitions at them.
        Assert.Single(overwrite.Statements, s => s.StartsWith("CREATE TABLE", StringComparison.Ordinal));
        Assert.DoesNotContain(overwrite.Statements, s => s.StartsWith("ALTER TABLE", StringComparison.Ordinal));
        Assert.Contains(overwrite.CatalogCalls, c => c.StartsWith("PutPartitions", StringComparison.Ordinal));
        Rows(JaffleLake.OverwrittenDays(first, second), await lake.QueryAsync("select order_date, order_count, revenue_cents, max_updated_at from daily_revenue order by order_date"), "daily_revenue after insert_overwrite");

        Rows(JaffleLake.Customers(second), await lake.QueryAsync("select * from dim_customers order by customer_id"), "dim_customers after the rebuild");
        Rows(JaffleLake.MethodSummary(second), await lake.QueryAsync("select * from payment_method_summary order by payment_method"), "payment_method_summary");
        Rows(JaffleLake.ProductSales(second), await lake.QueryAsync("select * from product_sales order by sku"), "product_sales");

        // Timestamp snapshot: a changed customer gets a closed row (valid_to = the new updated_at) and a new current row.
        var history = new List<string?[]>();
        foreach (var before in first.Customers)
        {
            var now = second.Customers.Single(c => c.Id == before.Id);
            if (now.UpdatedAt > before.UpdatedAt)
            {
                history.Add([JaffleLake.S(before.Id), before.Email, JaffleLake.Ts(before.UpdatedAt), JaffleLake.Ts(now.UpdatedAt)]);
                history.Add([JaffleLake.S(now.Id), now.Email, JaffleLake.Ts(now.UpdatedAt), null]);
            }
            else
            {
                history.Add([JaffleLake.S(before.Id), before.Email, JaffleLake.Ts(before.UpdatedAt), null]);
            }
        }

        history.AddRange(second.Customers.Where(c => first.Customers.All(b => b.Id != c.Id)).Select(c => new string?[] { JaffleLake.S(c.Id), c.Email, JaffleLake.Ts(c.UpdatedAt), null }));
        Rows(history, await lake.QueryAsync("select id, email, dbt_valid_from, dbt_valid_to from customers_snapshot order by id, dbt_valid_from"), "customers_snapshot");

        // Check snapshot: the price change closes the old version at the run's time; the withdrawn product is closed.
        var products = new List<string?[]>();
        foreach (var before in first.Products)
        {
            var now = second.Products.SingleOrDefault(p => p.Sku == before.Sku);
            products.Add([before.Sku, before.Name, JaffleLake.S(before.PriceCents), now == before ? "true" : "false"]);
            if (now is not null && now != before)
            {
                products.Add([now.Sku, now.Name, JaffleLake.S(now.PriceCents), "true"]);
            }
        }

        Rows(products, await lake.QueryAsync("select sku, name, price_cents, dbt_valid_to is null from products_snapshot order by sku, dbt_valid_from"), "products_snapshot");
        Assert.Equal([["1"]], await lake.QueryAsync("select count(*) from products_snapshot a join products_snapshot b on a.sku = b.sku and a.dbt_valid_to = b.dbt_valid_from"));
    }
}
