using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Sluice.Cli.Output;
using Sluice.DuckDb;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice demo</c>: the end-to-end tour on the embedded engine. Today it lands the shipped sample orders as a
/// zstd Parquet file in the local lakehouse (where <c>s3://sluice-demo/...</c> lives on disk) and queries it back;
/// later stages (pipelines, models, tests) join as they land.
/// </summary>
public static class DemoCommand
{
    public const string Bucket = "sluice-demo";
    private const string OrdersKey = "raw/orders/orders-0.parquet";

    public static Command Create(CliHost host, GlobalOptions global)
    {
        var command = new Command("demo", "Load the sample orders into the local lakehouse as Parquet and show what was loaded.");
        command.SetAction((parse, cancellationToken) => Task.FromResult(Run(host, global.ResolveLakehouse(parse, host), cancellationToken)));
        return command;
    }

    private static int Run(CliHost host, string lakehouse, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var console = host.Console;
        console.MarkupLine($"[bold]Sluice demo[/] - local lakehouse at [blue]{Markup.Escape(lakehouse)}[/]");

        var target = Path.Combine(lakehouse, "s3", Bucket, OrdersKey.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var sample = Path.Combine(lakehouse, ".tmp", "orders-" + Guid.NewGuid().ToString("N") + ".jsonl");
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

            // Write beside the target and rename, so a reader never sees a half-written file.
            var partial = target + ".partial";
            connection.Execute(
                $"""
                COPY (
                    SELECT order_id, customer.id AS customer_id, customer.country AS country,
                           CAST(ordered_at AS TIMESTAMP) AS ordered_at, status,
                           list_sum(list_transform(items, i -> i.qty * i.unit_price))::DECIMAL(12,2) AS amount,
                           len(items) AS item_count
                    FROM read_json('{Literal(sample)}', format = 'newline_delimited')
                ) TO '{Literal(partial)}' (FORMAT parquet, COMPRESSION zstd)
                """,
                cancellationToken);
            File.Move(partial, target, overwrite: true);

            var rows = connection.Scalar<long>($"SELECT count(*) FROM read_parquet('{Literal(target)}')", cancellationToken);
            var size = new FileInfo(target).Length;
            console.MarkupLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Loaded [green]{rows}[/] orders into [blue]s3://{Bucket}/{OrdersKey}[/] ({size / 1024.0:0.0} KiB Parquet, zstd)"));
            console.WriteLine();
            console.MarkupLine("[bold]Revenue by country[/] (paid and shipped orders):");
            using var reader = connection.Query(
                $"""
                SELECT country,
                       count(*) AS orders,
                       sum(amount) AS revenue,
                       round(avg(amount), 2) AS avg_order,
                       rank() OVER (ORDER BY sum(amount) DESC) AS rank
                FROM read_parquet('{Literal(target)}')
                WHERE status IN ('paid', 'shipped')
                GROUP BY country
                ORDER BY revenue DESC
                """,
                cancellationToken);
            ResultWriter.Write(reader, ResultFormat.Table, host);
        }
        finally
        {
            File.Delete(sample);
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Done in {watch.Elapsed.TotalSeconds:0.00} s."));
        return ExitCodes.Success;
    }

    private static string Literal(string text) => text.Replace("'", "''", StringComparison.Ordinal);
}
