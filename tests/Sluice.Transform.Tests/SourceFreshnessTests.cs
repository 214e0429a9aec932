using System.Text.Json;
using Sluice.Local;

namespace Sluice.Transform.Tests;

public sealed class SourceFreshnessTests
{
    private static Dictionary<string, DateTime> Ages() => new(StringComparer.Ordinal)
    {
        ["raw_customers"] = DateTime.UtcNow.AddHours(-1),   // warn after 12 h: pass
        ["raw_orders"] = DateTime.UtcNow.AddHours(-13),     // warn after 12 h, error after 1 day: warn
        ["raw_payments"] = DateTime.UtcNow.AddDays(-3),     // error after 2 days (own criteria): error
        ["raw_order_items"] = DateTime.UtcNow.AddHours(-30), // error after 1 day: error
        ["raw_products"] = DateTime.UtcNow.AddDays(-30),    // freshness: null: not checked
    };

    [Fact]
    public async Task Source_freshness_reports_pass_warn_error_and_runtime_error_like_dbt()
    {
        using var lake = new JaffleLake();
        await lake.CreateRawAsync(Ages());
        // A fresh coupon payment does not count: the filter leaves coupons out.
        await lake.ExecuteAsync($"INSERT INTO {JaffleLake.RawSchema}.raw_payments VALUES (99, 101, 'coupon', 1, timestamp '{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}')");
        // A source whose table does not exist: a runtime error, not a crash.
        lake.Project.Write("models/staging/ghost.yml", """
            version: 2
            sources:
              - name: ghost
                schema: jaffle_raw
                freshness: {error_after: {count: 1, period: day}}
                loaded_at_field: loaded
                tables:
                  - name: missing_table
            """);

        var (code, output, error) = await JaffleLakeTests.CliAsync(lake.Root, "source", "freshness");
        Assert.True(code == 1, output + error);
        Assert.Matches(@"\d of 5 START freshness of jaffle_raw\.raw_customers \.+ \[RUN\]", output);
        Assert.Matches(@"PASS freshness of jaffle_raw\.raw_customers \.+ \[PASS in \d+\.\d\ds\]", output);
        Assert.Matches(@"WARN freshness of jaffle_raw\.raw_orders \.+ \[WARN in ", output);
        Assert.Matches(@"ERROR STALE freshness of jaffle_raw\.raw_payments \.+ \[ERROR STALE in ", output);
        Assert.Matches(@"ERROR STALE freshness of jaffle_raw\.raw_order_items \.+ \[ERROR STALE in ", output);
        Assert.Matches(@"ERROR freshness of ghost\.missing_table \.+ \[ERROR in ", output);
        Assert.DoesNotContain("raw_products", output, StringComparison.Ordinal);
        Assert.Contains("Done. PASS=1 WARN=1 ERROR=3 TOTAL=5", output, StringComparison.Ordinal);

        using var sources = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(lake.Root, "target", "sources.json")));
        Assert.Equal("https://schemas.getdbt.com/dbt/sources/v3.json", sources.RootElement.GetProperty("metadata").GetProperty("dbt_schema_version").GetString());
        var results = sources.RootElement.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("unique_id").GetString()!, r => r);
        Assert.Equal(
            ["source.jaffle_lake.ghost.missing_table", "source.jaffle_lake.jaffle_raw.raw_customers", "source.jaffle_lake.jaffle_raw.raw_order_items", "source.jaffle_lake.jaffle_raw.raw_orders", "source.jaffle_lake.jaffle_raw.raw_payments"],
            results.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("pass", results["source.jaffle_lake.jaffle_raw.raw_customers"].GetProperty("status").GetString());
        Assert.Equal("warn", results["source.jaffle_lake.jaffle_raw.raw_orders"].GetProperty("status").GetString());
        var payments = results["source.jaffle_lake.jaffle_raw.raw_payments"];
        Assert.Equal("error", payments.GetProperty("status").GetString());
        Assert.InRange(payments.GetProperty("max_loaded_at_time_ago_in_s").GetDouble(), (3 * 86400) - 600, (3 * 86400) + 600);
        Assert.Equal(6, payments.GetProperty("criteria").GetProperty("warn_after").GetProperty("count").GetInt32());
        Assert.Equal("hour", payments.GetProperty("criteria").GetProperty("warn_after").GetProperty("period").GetString());
        Assert.Equal("day", payments.GetProperty("criteria").GetProperty("error_after").GetProperty("period").GetString());
        Assert.Equal("payment_method <> 'coupon'", payments.GetProperty("criteria").GetProperty("filter").GetString());
        Assert.Equal(JsonValueKind.Null, results["source.jaffle_lake.jaffle_raw.raw_orders"].GetProperty("criteria").GetProperty("filter").ValueKind);
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(lake.Root, "target", "manifest.json")));
        var inManifest = manifest.RootElement.GetProperty("sources").GetProperty("source.jaffle_lake.jaffle_raw.raw_payments");
        Assert.Equal("_loaded_at", inManifest.GetProperty("loaded_at_field").GetString());
        Assert.Equal(2, inManifest.GetProperty("freshness").GetProperty("error_after").GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, manifest.RootElement.GetProperty("sources").GetProperty("source.jaffle_lake.jaffle_raw.raw_products").GetProperty("freshness").ValueKind);
        var ghost = results["source.jaffle_lake.ghost.missing_table"];
        Assert.Equal("runtime error", ghost.GetProperty("status").GetString());
        Assert.Contains("missing_table", ghost.GetProperty("error").GetString(), StringComparison.Ordinal);

        // --select and --output, as in dbt: only the chosen table, written where asked; a warning alone exits 0.
        var chosen = await JaffleLakeTests.CliAsync(lake.Root, "source", "freshness", "--select", "source:jaffle_raw.raw_orders", "--output", "out/fresh.json");
        Assert.True(chosen.Code == 0, chosen.Output + chosen.Error);
        Assert.Contains("Done. PASS=0 WARN=1 ERROR=0 TOTAL=1", chosen.Output, StringComparison.Ordinal);
        using var chosenJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(lake.Root, "out", "fresh.json")));
        Assert.Equal("source.jaffle_lake.jaffle_raw.raw_orders", Assert.Single(chosenJson.RootElement.GetProperty("results").EnumerateArray()).GetProperty("unique_id").GetString());
    }

    [Fact]
    public async Task Freshness_through_the_library_selects_sources_and_build_never_checks_freshness()
    {
        using var lake = new JaffleLake();
        await lake.CreateRawAsync(Ages());
        var session = lake.Project.Load(new TransformOptions { Select = ["source:jaffle_raw.raw_orders", "source:jaffle_raw.raw_customers"] });
        using (var engine = LocalAthenaEngine.Open(session.LocalLakehouse))
        {
            var output = Path.Combine(lake.Root, "fresh.json");
            var results = await session.FreshnessAsync(engine, outputFile: output, cancellationToken: CancellationToken.None);
            Assert.Equal(["pass", "warn"], results.OrderBy(r => r.Source.Name, StringComparer.Ordinal).Select(r => r.Status));
            var orders = results.Single(r => r.Source.Name == "raw_orders");
            Assert.InRange(orders.AgeSeconds!.Value, (13 * 3600) - 600, (13 * 3600) + 600);
            Assert.Contains("max(_loaded_at)", orders.Sql, StringComparison.Ordinal);
            Assert.Contains("\"awsdatacatalog\".\"jaffle_raw\".\"raw_orders\"", orders.Sql, StringComparison.Ordinal);
            Assert.True(File.Exists(output));
        }

        // An empty table was loaded "infinitely long ago": error, as in dbt.
        await lake.ExecuteAsync($"DELETE FROM {JaffleLake.RawSchema}.raw_customers WHERE true");
        var empty = lake.Project.Load(new TransformOptions { Select = ["source:jaffle_raw.raw_customers"] });
        using (var engine = LocalAthenaEngine.Open(empty.LocalLakehouse))
        {
            var result = Assert.Single(await empty.FreshnessAsync(engine, cancellationToken: CancellationToken.None));
            Assert.Equal("error", result.Status);
            Assert.Equal(DateTime.MinValue, result.MaxLoadedAt);
        }

        // build runs seeds, models, snapshots and tests, never freshness (stale sources do not fail it).
        File.Delete(Path.Combine(lake.Root, "target", "sources.json"));
        await lake.ExecuteAsync($"INSERT INTO {JaffleLake.RawSchema}.raw_customers SELECT * FROM (VALUES (1, 'Ada', 'Lovelace', 'ada@example.com', 'GB', timestamp '2024-01-01 00:00:00', timestamp '2020-01-01 00:00:00')) AS t(a, b, c, d, e, f, g)");
        var (code, buildOutput, error) = await JaffleLakeTests.CliAsync(lake.Root, "build", "--select", "stg_customers");
        Assert.True(code == 0, buildOutput + error);
        Assert.DoesNotContain("freshness", buildOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(lake.Root, "target", "sources.json")));
    }

    [Fact]
    public void Freshness_criteria_follow_dbt_precedence_and_bad_periods_are_rejected()
    {
        using var lake = new JaffleLake();
        var project = lake.Project.Load().Project;
        var orders = project.Sources["source.jaffle_lake.jaffle_raw.raw_orders"];
        Assert.Equal(new FreshnessThreshold(12, "hour"), orders.Freshness!.WarnAfter);
        Assert.Equal(TimeSpan.FromDays(1), orders.Freshness.ErrorAfter!.Span);
        Assert.Equal("_loaded_at", orders.LoadedAtField);
        Assert.Equal(new FreshnessThreshold(6, "hour"), project.Sources["source.jaffle_lake.jaffle_raw.raw_payments"].Freshness!.WarnAfter);
        Assert.Null(project.Sources["source.jaffle_lake.jaffle_raw.raw_products"].Freshness);

        lake.Project.Write("models/staging/bad.yml", """
            version: 2
            sources:
              - name: bad
                freshness: {warn_after: {count: 3, period: fortnight}}
                tables: [{name: t}]
            """);
        var error = Assert.Throws<Sluice.Errors.CompileException>(() => lake.Project.Load());
        Assert.Contains("minute, hour or day", error.Message, StringComparison.Ordinal);
        Assert.Contains("fortnight", error.Message, StringComparison.Ordinal);
    }
}
