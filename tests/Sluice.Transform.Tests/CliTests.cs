using Sluice.Cli;

namespace Sluice.Transform.Tests;

public sealed class CliTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(ShopProject shop, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(string.Empty);
        var host = new CliHost(output, error, input, false, shop.Root, name => shop.Environment.GetValueOrDefault(name));
        var code = await SluiceCli.RunAsync(args, host);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Build_prints_a_line_per_node_and_a_summary()
    {
        using var shop = new ShopProject();
        var (code, output, error) = await RunAsync(shop, "build");
        Assert.True(code == 0, output + error);
        Assert.Contains("OK loaded seed file analytics.raw_orders", output, StringComparison.Ordinal);
        Assert.Contains("OK created sql table model analytics.customer_orders", output, StringComparison.Ordinal);
        Assert.Contains("[OK 3 in ", output, StringComparison.Ordinal);
        Assert.Contains("WARN not_null_stg_orders_amount", output, StringComparison.Ordinal);
        Assert.Contains("Done. PASS=17 WARN=1 ERROR=0 SKIP=0 TOTAL=18", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(shop.Root, "target", "run_results.json")));
        Assert.True(Directory.Exists(shop.Lakehouse));
    }

    [Fact]
    public async Task Run_with_select_and_vars_then_test_from_another_folder()
    {
        using var shop = new ShopProject();
        Assert.Equal(0, (await RunAsync(shop, "seed")).Code);
        var (code, output, _) = await RunAsync(shop, "run", "--select", "+order_log", "--vars", "{batch: cli}");
        Assert.Equal(0, code);
        Assert.Contains("2 of 2 OK created sql incremental model analytics.order_log", output, StringComparison.Ordinal);
        Assert.Equal([["cli", "5"]], await shop.QueryAsync("select batch, count(*) from order_log group by batch"));

        var test = await RunAsync(shop, "test", "--project-dir", shop.Root, "--select", "stg_orders");
        Assert.True(test.Code == 0, test.Output + test.Error);
        Assert.Contains("Done. PASS=4 WARN=1 ERROR=0 SKIP=0 TOTAL=5", test.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_exits_1_and_names_the_node()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/broken.sql", "select missing_column from {{ ref('stg_orders') }}");
        var (code, output, _) = await RunAsync(shop, "build", "--fail-fast");
        Assert.Equal(1, code);
        Assert.Contains("Error in model broken (models/marts/broken.sql)", output, StringComparison.Ordinal);
        Assert.Contains("SKIP=", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compile_errors_exit_1_with_the_file()
    {
        using var shop = new ShopProject();
        shop.Write("models/marts/broken.sql", "select {{ ref('nowhere') }}");
        var (code, _, error) = await RunAsync(shop, "run");
        Assert.Equal(1, code);
        Assert.Contains("models/marts/broken.sql", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ls_compile_debug_and_clean()
    {
        using var shop = new ShopProject();
        var ls = await RunAsync(shop, "ls", "--select", "tag:marts", "--resource-type", "model", "--output", "name");
        Assert.Equal(["customer_orders", "fct_orders", "order_log", "orders_iceberg"], ls.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        var compile = await RunAsync(shop, "compile", "--select", "stg_orders");
        Assert.Equal(0, compile.Code);
        var compiled = await File.ReadAllTextAsync(Path.Combine(shop.Root, "target", "compiled", "shop", "models", "staging", "stg_orders.sql"));
        Assert.Contains("CASE WHEN status = 'returned' THEN 1 ELSE 0 END AS is_returned", compiled, StringComparison.Ordinal);
        Assert.Contains("\"awsdatacatalog\".\"analytics\".\"raw_orders\"", compiled, StringComparison.Ordinal);

        shop.Environment["SHOP_SECRET"] = "wJalrXUtnFEMI-very-secret";
        var debug = await RunAsync(shop, "debug");
        Assert.Equal(0, debug.Code);
        Assert.Contains("Connection test: [OK connection ok]", debug.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", debug.Output, StringComparison.Ordinal);

        var clean = await RunAsync(shop, "clean");
        Assert.Equal(0, clean.Code);
        Assert.False(Directory.Exists(Path.Combine(shop.Root, "target")));
    }
}
