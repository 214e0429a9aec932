using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Sluice.Cli.Output;
using Sluice.DuckDb;
using Sluice.Engines;
using Sluice.Local;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice demo</c>: the end-to-end tour on the embedded engine. It lands the shipped sample orders as a zstd Parquet
/// file in the local lakehouse (where <c>s3://sluice-demo/...</c> lives on disk), registers them with Athena DDL and
/// answers questions with Athena SQL. Later stages (pipelines, models, tests) join as they land.
/// </summary>
public static class DemoCommand
{
    public const string Bucket = "sluice-demo";
    private const string OrdersPrefix = "raw/orders/";
    private const string OrdersFile = "orders-0.parquet";

    public static Command Create(CliHost host, GlobalOptions global)
    {
        var command = new Command("demo", "Load the sample orders into the local lakehouse, register them with Athena DDL and query them with Athena SQL.");
        command.SetAction((parse, cancellationToken) => RunAsync(host, global.ResolveLakehouse(parse, host), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, string lakehouse, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var console = host.Console;
        console.MarkupLine($"[bold]Sluice demo[/] - local lakehouse at [blue]{Markup.Escape(lakehouse)}[/]");
        using var engine = LocalAthenaEngine.Open(lakehouse);
        var rows = LandSampleOrders(lakehouse, cancellationToken);
        var location = $"s3://{Bucket}/{OrdersPrefix}";
        var size = new FileInfo(Path.Combine(lakehouse, "s3", Bucket, OrdersPrefix, OrdersFile)).Length;
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Loaded [green]{rows}[/] orders into [blue]{location}{OrdersFile}[/] ({size / 1024.0:0.0} KiB Parquet, zstd)"));

        var context = new QueryContext { Database = "demo" };
        async Task<QueryResult> Athena(string sql) => await engine.ExecuteAsync(sql, context, cancellationToken).ConfigureAwait(false);
        await Athena("CREATE DATABASE IF NOT EXISTS demo COMMENT 'Sluice demo data'").ConfigureAwait(false);
        await Athena($"""
            CREATE EXTERNAL TABLE IF NOT EXISTS `demo`.`orders` (
              `order_id` bigint, `customer_id` bigint, `country` string, `ordered_at` timestamp,
              `status` string, `amount` decimal(12,2), `item_count` int)
            STORED AS PARQUET
            LOCATION '{location}'
            TBLPROPERTIES ('classification'='parquet')
            """).ConfigureAwait(false);
        await Athena("""
            CREATE OR REPLACE VIEW "demo"."revenue_by_country" AS
            SELECT country, count(*) AS orders, sum(amount) AS revenue, round(avg(amount), 2) AS avg_order,
                   rank() OVER (ORDER BY sum(amount) DESC) AS rank
            FROM "demo"."orders"
            WHERE status IN ('paid', 'shipped')
            GROUP BY country
            """).ConfigureAwait(false);

        console.WriteLine();
        console.MarkupLine("[bold]Revenue by country[/] (paid and shipped orders, view demo.revenue_by_country):");
        var revenue = await Athena("SELECT * FROM revenue_by_country ORDER BY rank").ConfigureAwait(false);
        ResultWriter.Write(revenue, ResultFormat.Table, host);
        console.MarkupLine(Markup.Escape(ResultWriter.StatisticsLine(revenue)));

        var failures = await BuildSampleProjectAsync(host, engine, lakehouse, cancellationToken).ConfigureAwait(false);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Done in {watch.Elapsed.TotalSeconds:0.00} s."));
        return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// Builds the shipped dbt-athena sample project (seeds, staging views, mart tables, incremental models, a snapshot,
    /// tests) on the same lakehouse, prints a line per node and the top customers. Returns the number of failed nodes.
    /// </summary>
    private static async Task<int> BuildSampleProjectAsync(CliHost host, LocalAthenaEngine engine, string lakehouse, CancellationToken cancellationToken)
    {
        var console = host.Console;
        var project = Path.Combine(lakehouse, ".sluice", "demo", "dbt-shop");
        const string prefix = "Sluice.Cli.Samples.dbt-shop/";
        foreach (var name in typeof(DemoCommand).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var target = Path.Combine(project, name[prefix.Length..].Replace('\\', '/').Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var resource = typeof(DemoCommand).Assembly.GetManifestResourceStream(name)!;
            using var file = File.Create(target);
            await resource.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        console.WriteLine();
        console.MarkupLine("[bold]Building the sample dbt-athena project[/] (samples/dbt-shop) on the same lakehouse:");
        var session = Sluice.Transform.TransformSession.Load(
            new Sluice.Transform.TransformOptions { ProjectDir = project, ProfilesDir = project, Environment = host.Environment },
            cancellationToken);
        var done = 0;
        var results = await session.RunAsync(
            "build",
            engine,
            finished: (result, _, total) => console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"  {Interlocked.Increment(ref done),2} of {total} {result.Status.ToUpperInvariant(),-7} {result.Node.Type.ToString().ToLowerInvariant()} {result.Node.Name} ({result.Elapsed.TotalSeconds:0.00} s, {result.Statements.Count} statement{(result.Statements.Count == 1 ? string.Empty : "s")})"))),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var failed = results.Count(r => r.IsFailure);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Build: [green]{results.Count(r => r.Status is "success" or "pass")} passed[/], {(failed == 0 ? "0 failed" : $"[red]{failed} failed[/]")}, {results.Count(r => r.Status == "skipped")} skipped."));
        if (failed == 0)
        {
            console.MarkupLine("[bold]Top customers[/] (mart table analytics.customer_orders):");
            var top = await engine.ExecuteAsync(
                "SELECT customer_id, full_name, total_amount, order_count FROM customer_orders ORDER BY total_amount DESC LIMIT 5",
                new QueryContext { Database = "analytics" },
                cancellationToken).ConfigureAwait(false);
            ResultWriter.Write(top, ResultFormat.Table, host);
        }

        return failed;
    }

    /// <summary>Writes the sample orders as Parquet, the way a loader does: beside the target, then renamed into place.</summary>
    private static long LandSampleOrders(string lakehouse, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(lakehouse, "s3", Bucket, OrdersPrefix.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(folder);
        var sample = Path.Combine(lakehouse, ".sluice", "staging", "demo-orders-" + Guid.NewGuid().ToString("N") + ".jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(sample)!);
        try
        {
            using (var resource = typeof(DemoCommand).Assembly.GetManifestResourceStream("Sluice.Cli.Samples.orders.jsonl")
                ?? throw new InvalidOperationException("The sample orders are missing from this build of Sluice."))
            using (var file = File.Create(sample))
            {
                resource.CopyTo(file);
            }

            using var database = DuckDbDatabase.Open();
            using var connection = database.Connect();
            connection.Execute("SET TimeZone = 'UTC'", cancellationToken);
            var target = Path.Combine(folder, OrdersFile);
            var partial = Path.Combine(Path.GetDirectoryName(sample)!, OrdersFile + ".partial");
            var rows = connection.Execute(
                $"""
                COPY (
                    SELECT order_id, customer.id AS customer_id, customer.country AS country,
                           CAST(ordered_at AS TIMESTAMP_MS) AS ordered_at, status,
                           list_sum(list_transform(items, i -> i.qty * i.unit_price))::DECIMAL(12,2) AS amount,
                           len(items)::INTEGER AS item_count
                    FROM read_json('{Literal(sample)}', format = 'newline_delimited')
                ) TO '{Literal(partial)}' (FORMAT parquet, COMPRESSION zstd)
                """,
                cancellationToken);
            File.Move(partial, target, overwrite: true);
            return rows;
        }
        finally
        {
            File.Delete(sample);
        }
    }

    private static string Literal(string text) => text.Replace("'", "''", StringComparison.Ordinal);
}
