namespace Sluice.Transform.Tests;

public sealed class BuildTests
{
    [Fact]
    public async Task Build_runs_seeds_models_and_tests_with_row_level_results()
    {
        using var shop = new ShopProject();
        var results = await shop.RunAsync("build");
        var failures = results.Where(r => r.Status is "error" or "fail" or "skipped").Select(r => r.Node.Name + ": " + r.Message).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        var rows = await shop.QueryAsync("select customer_id, full_name, total_amount, order_count from customer_orders order by customer_id");
        Assert.Equal(
            [["1", "Ada Lovelace", "20.5", "2"], ["2", "Alan Turing", "40.0", "1"], ["3", "Grace Hopper", "0.99", "2"]],
            rows);
    }
}
