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
/// <c>sluice demo</c>: the end-to-end tour on the embedded engine. A pipeline runs two loads of the shipped samples into
/// the local lakehouse (where <c>s3://sluice-demo/...</c> lives on disk): nested orders with lists, then customer
/// snapshots merged by id, where the second brings updates, a new customer, a late-arriving column and a type change
/// (a variant column). Each load's summary and the evolved schema are printed; then Athena SQL answers questions and
/// the sample dbt-athena project builds on the same lakehouse.
/// </summary>
public static class DemoCommand
{
    public const string Bucket = "sluice-demo";

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
        var samples = Path.Combine(lakehouse, ".sluice", "demo");
        Directory.CreateDirectory(samples);
        foreach (var name in new[] { "orders.jsonl", "customers_day1.jsonl", "customers_day2.jsonl" })
        {
            using var resource = typeof(DemoCommand).Assembly.GetManifestResourceStream("Sluice.Cli.Samples." + name)
                ?? throw new InvalidOperationException($"The sample file '{name}' is missing from this build of Sluice.");
            using var file = File.Create(Path.Combine(samples, name));
            await resource.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        // A real load pipeline. It starts from nothing on every run (drop), so the two loads tell the same story each time.
        using var writer = new Sluice.Parquet.DuckDbParquetWriter();
        var pipeline = new Sluice.Pipelines.Pipeline(
            new Sluice.Pipelines.PipelineOptions
            {
                Name = "sluice_demo",
                Dataset = "demo",
                Bucket = Sluice.Storage.S3Uri.Parse($"s3://{Bucket}/"),
                WorkingFolder = Path.Combine(samples, "pipeline"),
            },
            engine,
            writer,
            new Sluice.Storage.FolderObjectStore(engine.Root));
        await pipeline.DropAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

        // Load 1: orders (nested customer dict flattened, the items list into a child table; replace) and the first
        // customer snapshot (merge by id, upsert into an Iceberg table, emails into a child table).
        var orders = new Sluice.Extract.ResourceHints { TableName = "orders", WriteDisposition = Sluice.Schema.WriteDisposition.Replace };
        var customers = new Sluice.Extract.ResourceHints
        {
            TableName = "customers", WriteDisposition = Sluice.Schema.WriteDisposition.Merge, MergeStrategy = Sluice.Schema.MergeStrategy.Upsert,
            PrimaryKey = ["id"], TableFormat = Sluice.Schema.TableFormat.Iceberg,
        };
        console.WriteLine();
        console.MarkupLine("[bold]Load 1[/]: samples/demo/orders.jsonl (replace) and customers_day1.jsonl (merge, upsert on id, Iceberg)");
        var first = await pipeline.RunAsync(
            [.. Sluice.Sources.FileSource.Resources(Path.Combine(samples, "orders.jsonl"), orders), .. Sluice.Sources.FileSource.Resources(Path.Combine(samples, "customers_day1.jsonl"), customers)],
            cancellationToken).ConfigureAwait(false);
        PipelineSummary.Write(host, first);
        var known = pipeline.Schema!.Clone();
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Loaded [green]{first.Rows.GetValueOrDefault("orders")}[/] orders and [green]{first.Rows.GetValueOrDefault("orders__items")}[/] order items into [blue]demo.orders[/] and [blue]demo.orders__items[/] (Hive, Parquet under s3://{Bucket}/; {first.Statements} engine statements)"));

        // Load 2: the next customer snapshot updates two customers and adds one; 'loyalty_tier' arrives late (ADD
        // COLUMNS) and one 'zip' is text where the column is bigint (a variant column zip__v_text).
        console.WriteLine();
        console.MarkupLine("[bold]Load 2[/]: customers_day2.jsonl (2 updates, 1 new customer, a late column and a type change)");
        var second = await pipeline.RunAsync(Sluice.Sources.FileSource.Resources(Path.Combine(samples, "customers_day2.jsonl"), customers), cancellationToken).ConfigureAwait(false);
        PipelineSummary.Write(host, second);
        foreach (var statement in second.Packages.SelectMany(p => p.Statements).Where(s => s.Type == StatementType.Ddl || s.Sql.StartsWith("MERGE", StringComparison.Ordinal)))
        {
            var sql = statement.Sql.Length > 150 ? statement.Sql[..147] + "..." : statement.Sql;
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  [grey]{statement.Type,-4}[/] {Markup.Escape(sql)}"));
        }

        console.WriteLine();
        console.MarkupLine("[bold]Evolved schema[/] of demo.customers (new in load 2 marked):");
        var schema = pipeline.Schema!;
        foreach (var table in schema.Tables.Where(t => t.Name is "customers" or "customers__emails"))
        {
            console.MarkupLine($"  [blue]{table.Name}[/]");
            foreach (var column in table.CompleteColumns)
            {
                var isNew = known.Table(table.Name)?.Column(column.Name) is not { IsComplete: true };
                var note = column.VariantOf is { } of ? $" (variant of {of})" : string.Empty;
                console.MarkupLine($"    {Markup.Escape(column.Name),-22} {column.Type.ToString()!.ToLowerInvariant(),-10}{(isNew ? " [green]new[/]" : string.Empty)}{Markup.Escape(note)}");
            }
        }

        var context = new QueryContext { Database = "demo" };
        async Task<QueryResult> Athena(string sql) => await engine.ExecuteAsync(sql, context, cancellationToken).ConfigureAwait(false);
        await Athena("""
            CREATE OR REPLACE VIEW "demo"."revenue_by_country" AS
            SELECT o.customer__country AS country, count(*) AS orders,
                   CAST(sum(i.amount) AS DECIMAL(12,2)) AS revenue,
                   CAST(avg(i.amount) AS DECIMAL(12,2)) AS avg_order,
                   rank() OVER (ORDER BY sum(i.amount) DESC) AS rank
            FROM "demo"."orders" AS o
            JOIN (SELECT _sluice_parent_id, sum(qty * unit_price) AS amount FROM "demo"."orders__items" GROUP BY _sluice_parent_id) AS i
              ON i._sluice_parent_id = o._sluice_id
            WHERE o.status IN ('paid', 'shipped')
            GROUP BY o.customer__country
            """).ConfigureAwait(false);

        console.WriteLine();
        console.MarkupLine("[bold]Customers after the merge[/] (demo.customers):");
        var merged = await Athena("SELECT id, name, zip, zip__v_text, loyalty_tier, (SELECT count(*) FROM customers__emails e WHERE e._sluice_root_id = c._sluice_id) AS emails FROM customers c ORDER BY id").ConfigureAwait(false);
        ResultWriter.Write(merged, ResultFormat.Table, host);

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
            $"Build: [green]{results.Count(r => r.Status is "success" or "pass")} passed[/], {results.Count(r => r.Status == "warn")} warned, {(failed == 0 ? "0 failed" : $"[red]{failed} failed[/]")}, {results.Count(r => r.Status == "skipped")} skipped."));
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

}
