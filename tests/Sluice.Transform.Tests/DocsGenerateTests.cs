using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Sluice.Local;
using Sluice.Transform.Docs;
using Xunit.Abstractions;

namespace Sluice.Transform.Tests;

public sealed partial class DocsGenerateTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Docs_generate_writes_the_catalog_the_manifest_and_a_self_contained_site_with_every_node_and_edge()
    {
        using var lake = new JaffleLake();
        await lake.CreateRawAsync();
        var build = await lake.Project.RunAsync("build");
        Assert.All(build, r => Assert.True(r.Status is "success" or "pass", r.Node.Name + ": " + r.Message));
        File.Delete(Path.Combine(lake.Root, "target", "manifest.json"));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (code, output, error) = await JaffleLakeTests.CliAsync(lake.Root, "docs", "generate");
        log.WriteLine($"docs generate: {watch.Elapsed.TotalSeconds:0.00} s, index.html {new FileInfo(Path.Combine(lake.Root, "target", "index.html")).Length} bytes");
        Assert.True(code == 0, output + error);
        Assert.Contains("the catalog has 21 relations", output, StringComparison.Ordinal);

        // catalog.json: every built model, seed and snapshot and every source, with the catalog's column types in order.
        using var catalog = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(lake.Root, "target", "catalog.json")));
        Assert.Equal("https://schemas.getdbt.com/dbt/catalog/v1.json", catalog.RootElement.GetProperty("metadata").GetProperty("dbt_schema_version").GetString());
        var nodes = catalog.RootElement.GetProperty("nodes");
        Assert.Equal(16, nodes.EnumerateObject().Count());
        Assert.Equal(5, catalog.RootElement.GetProperty("sources").EnumerateObject().Count());
        var fct = nodes.GetProperty("model.jaffle_lake.fct_orders");
        Assert.Equal("table", fct.GetProperty("metadata").GetProperty("type").GetString());
        Assert.Equal("lake", fct.GetProperty("metadata").GetProperty("schema").GetString());
        Assert.Equal("iceberg", fct.GetProperty("stats").GetProperty("table_format").GetProperty("value").GetString());
        var columns = fct.GetProperty("columns").EnumerateObject().Select(c => (c.Name, c.Value.GetProperty("type").GetString(), c.Value.GetProperty("index").GetInt32())).ToList();
        Assert.Equal(("order_id", "int", 1), columns[0]);
        Assert.Equal(("order_date", "date", 3), columns[2]);
        Assert.Equal(("total_cents", "bigint", 9), columns[8]);
        Assert.Equal(("updated_at", "timestamp", 11), columns[10]);
        Assert.Equal("view", nodes.GetProperty("model.jaffle_lake.stg_orders").GetProperty("metadata").GetProperty("type").GetString());
        Assert.Equal("hive", nodes.GetProperty("model.jaffle_lake.daily_revenue").GetProperty("stats").GetProperty("table_format").GetProperty("value").GetString());
        Assert.Equal("order_date", nodes.GetProperty("model.jaffle_lake.daily_revenue").GetProperty("stats").GetProperty("partitioned_by").GetProperty("value").GetString());
        Assert.Equal("_loaded_at", catalog.RootElement.GetProperty("sources").GetProperty("source.jaffle_lake.jaffle_raw.raw_orders").GetProperty("columns").EnumerateObject().Last().Name);
        Assert.False(nodes.TryGetProperty("model.jaffle_lake.int_order_payments", out _), "ephemeral models have no relation");

        // manifest.json was rewritten with compiled SQL.
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(lake.Root, "target", "manifest.json")));
        var compiled = manifest.RootElement.GetProperty("nodes").GetProperty("model.jaffle_lake.fct_orders").GetProperty("compiled_code").GetString();
        Assert.Contains("coalesce(p.gift_card_cents, 0) as gift_card_cents", compiled, StringComparison.Ordinal);
        Assert.Contains("__dbt__cte__int_order_payments", compiled, StringComparison.Ordinal);

        // index.html: one file, nothing fetched from anywhere.
        var html = await File.ReadAllTextAsync(Path.Combine(lake.Root, "target", "index.html"));
        Assert.DoesNotMatch(@"(src|href)\s*=\s*""(https?:)?//", html);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fetch(", html, StringComparison.Ordinal);
        Assert.Single(DataScript().Matches(html));

        // The embedded JSON holds every node (sources, seeds, models with ephemeral ones, snapshots, tests) and every edge.
        using var data = JsonDocument.Parse(DataScript().Match(html).Groups[1].Value);
        var pageNodes = data.RootElement.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("unique_id").GetString()!, n => n);
        var project = lake.Project.Load().Project;
        var expectedIds = project.Nodes.Keys.Concat(project.Sources.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(14 + 2 + 2 + 29 + 5, expectedIds.Count);
        Assert.Equal(expectedIds, pageNodes.Keys.Order(StringComparer.Ordinal));
        var expectedEdges = manifest.RootElement.GetProperty("parent_map").EnumerateObject()
            .SelectMany(child => child.Value.EnumerateArray().Select(parent => parent.GetString() + " -> " + child.Name))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var pageEdges = data.RootElement.GetProperty("edges").EnumerateArray().Select(e => e.GetProperty("from").GetString() + " -> " + e.GetProperty("to").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedEdges, pageEdges);
        Assert.Contains("source.jaffle_lake.jaffle_raw.raw_orders -> model.jaffle_lake.stg_orders", pageEdges);
        Assert.Contains("seed.jaffle_lake.payment_methods -> model.jaffle_lake.payment_method_summary", pageEdges);
        Assert.Contains("model.jaffle_lake.int_order_payments -> model.jaffle_lake.fct_orders", pageEdges);
        Assert.Contains("source.jaffle_lake.jaffle_raw.raw_products -> snapshot.jaffle_lake.products_snapshot", pageEdges);
        Assert.Contains(pageEdges, e => e.StartsWith("model.jaffle_lake.fct_orders -> test.jaffle_lake.unique_fct_orders_order_id", StringComparison.Ordinal));

        var page = pageNodes["model.jaffle_lake.dim_customers"];
        Assert.Equal("One row per customer with country, order counts and lifetime value.", page.GetProperty("description").GetString());
        var dimColumns = page.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal("customer_id", dimColumns[0].GetProperty("name").GetString());
        Assert.Equal("int", dimColumns[0].GetProperty("type").GetString());
        Assert.Equal("The customer's key.", dimColumns[0].GetProperty("description").GetString());
        Assert.Contains("lifetime_value_cents", pageNodes["model.jaffle_lake.dim_customers"].GetProperty("compiled_code").GetString(), StringComparison.Ordinal);
        Assert.Equal("hive", page.GetProperty("table_type").GetString());

        // The lineage graph is drawn without script: one SVG group per node and one path per edge, all inside the picture.
        var svg = Regex.Match(html, "<svg[^>]*id=\"lineage-graph\"[^>]*width=\"(\\d+)\" height=\"(\\d+)\"[^>]*>(.*?)</svg>", RegexOptions.Singleline);
        Assert.True(svg.Success, "no lineage SVG");
        var (width, height) = (int.Parse(svg.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(svg.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        var drawn = SvgNode().Matches(svg.Groups[3].Value).Select(m => (Id: WebUtility.HtmlDecode(m.Groups[2].Value), Type: m.Groups[1].Value, X: double.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), Y: double.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(expectedIds, drawn.Select(d => d.Id).Order(StringComparer.Ordinal));
        Assert.All(drawn, d => Assert.True(d.X >= 0 && d.X + 200 <= width && d.Y >= 0 && d.Y + 26 <= height, d.Id + " is outside the picture"));
        Assert.Equal(drawn.Count, drawn.Select(d => (d.X, d.Y)).Distinct().Count());
        var lines = SvgEdge().Matches(svg.Groups[3].Value).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value) + " -> " + WebUtility.HtmlDecode(m.Groups[2].Value)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedEdges, lines);
        // Every edge runs left to right: a parent sits in an earlier column than its child.
        var x = drawn.ToDictionary(d => d.Id, d => d.X);
        Assert.All(expectedEdges, e => Assert.True(x[e.Split(" -> ")[0]] < x[e.Split(" -> ")[1]], e));
        Assert.Equal("source", drawn.Single(d => d.Id == "source.jaffle_lake.jaffle_raw.raw_orders").Type);
    }

    [Fact]
    public async Task The_catalog_is_read_with_one_call_per_schema_and_unbuilt_nodes_are_left_out()
    {
        using var lake = new JaffleLake();
        await lake.CreateRawAsync();
        var session = lake.Project.Load();
        using var engine = LocalAthenaEngine.Open(session.LocalLakehouse);
        var generator = new DocsGenerator(session.Project, engine.Catalog, "test");
        var summary = await generator.GenerateAsync(Path.Combine(lake.Root, "target"), CancellationToken.None);
        Assert.Equal(2, generator.CatalogCalls);
        Assert.Equal(5, summary.Relations);
        using var catalog = JsonDocument.Parse(await File.ReadAllTextAsync(summary.CatalogFile));
        Assert.Empty(catalog.RootElement.GetProperty("nodes").EnumerateObject());
        Assert.Equal(5, catalog.RootElement.GetProperty("sources").EnumerateObject().Count());
        Assert.Equal(52, summary.Nodes);
    }

    [GeneratedRegex("<script type=\"application/json\" id=\"sluice-docs-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataScript();

    [GeneratedRegex("<g class=\"node (\\w+)\" data-id=\"([^\"]+)\" transform=\"translate\\(([\\d.]+),([\\d.]+)\\)\">")]
    private static partial Regex SvgNode();

    [GeneratedRegex("<path class=\"edge\" data-from=\"([^\"]+)\" data-to=\"([^\"]+)\"")]
    private static partial Regex SvgEdge();
}
