using System.Text.Json;
using Xunit.Abstractions;

namespace Sluice.Transform.Tests;

public sealed class FailureTests(ITestOutputHelper log)
{
    [Fact]
    public async Task A_syntax_error_fails_its_model_at_once_names_the_compiled_line_and_skips_only_its_descendants()
    {
        using var lake = new JaffleLake();
        await lake.CreateRawAsync();
        lake.Project.Write("models/marts/customer_segments.sql", """
            {{ config(materialized='table') }}
            select
                customer_id,
                CASE WHEN lifetime_value_cents > 2000 THEN 'gold' ELSE 'standard' END as segment
                frm {{ ref('dim_customers') }}
            """);
        lake.Project.Write("models/marts/segment_report.sql", "select segment, count(*) as customers from {{ ref('customer_segments') }} group by segment");
        lake.Project.Write("models/marts/segments.yml", """
            version: 2
            models:
              - name: customer_segments
                columns:
                  - name: customer_id
                    data_tests: [unique]
            """);

        var (code, output, error) = await JaffleLakeTests.CliAsync(lake.Root, "build");
        Assert.True(code == 1, output + error);
        Assert.Matches(@"ERROR creating sql table model lake\.customer_segments \.+ \[ERROR in \d+\.\d\ds\]", output);
        Assert.Matches(@"SKIP relation lake\.segment_report \.+ \[SKIP\]", output);
        Assert.Matches(@"SKIP relation unique_customer_segments_customer_id \.+ \[SKIP\]", output);
        // The compiled file and the line in it, with the line's text; the line in the submitted statement comes first, as Athena reports it.
        Assert.Contains("Error in model customer_segments (models/marts/customer_segments.sql)", output, StringComparison.Ordinal);
        Assert.Matches(@"SYNTAX_ERROR: line \d+:\d+: .*compiled SQL target/compiled/jaffle_lake/models/marts/customer_segments\.sql, line 5: frm ""awsdatacatalog""\.""lake""\.""dim_customers""", output);
        var compiledLines = await File.ReadAllLinesAsync(Path.Combine(lake.Root, "target", "compiled", "jaffle_lake", "models", "marts", "customer_segments.sql"));
        Assert.StartsWith("    frm ", compiledLines[4], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(lake.Root, "target", "run", "jaffle_lake", "models", "marts", "customer_segments.sql")), "the failed statement is kept under target/run");
        Assert.Contains("ERROR=1 SKIP=2", output, StringComparison.Ordinal);

        using var runResults = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(lake.Root, "target", "run_results.json")));
        var entries = runResults.RootElement.GetProperty("results").EnumerateArray().ToDictionary(e => e.GetProperty("unique_id").GetString()!, e => e);
        var failed = entries["model.jaffle_lake.customer_segments"];
        Assert.Equal("error", failed.GetProperty("status").GetString());
        Assert.Equal("ERROR", failed.GetProperty("adapter_response").GetProperty("code").GetString());
        var seconds = failed.GetProperty("execution_time").GetDouble();
        log.WriteLine($"failing node execution_time: {seconds:0.000} s");
        Assert.True(seconds < 10, $"a syntax error must fail at once, not after retries; took {seconds} s");
        Assert.Equal("skipped", entries["model.jaffle_lake.segment_report"].GetProperty("status").GetString());
        Assert.Empty(entries["model.jaffle_lake.segment_report"].GetProperty("timing").EnumerateArray());
        Assert.Equal("skipped", entries.Single(e => e.Key.StartsWith("test.jaffle_lake.unique_customer_segments_customer_id", StringComparison.Ordinal)).Value.GetProperty("status").GetString());

        // Every other branch completed, tests included, and holds the right rows.
        var others = entries.Where(e => !e.Key.Contains("segment", StringComparison.Ordinal)).ToList();
        Assert.Equal(12 + 2 + 2 + 29, others.Count);
        Assert.All(others, e => Assert.True(e.Value.GetProperty("status").GetString() is "success" or "pass", e.Key));
        var rows = await lake.QueryAsync("select customer_id, full_name, email, country_name, region, order_count, first_order_date, last_order_date, lifetime_value_cents from dim_customers order by customer_id");
        Assert.Equal(JaffleLake.Customers(lake.State).Select(r => string.Join("|", r)), rows.Select(r => string.Join("|", r)));
        Assert.Empty(await lake.QueryAsync("show tables in lake like 'customer_segments*'"));
    }
}
