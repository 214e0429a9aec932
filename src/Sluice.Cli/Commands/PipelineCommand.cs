using System.CommandLine;
using System.Globalization;
using Sluice.Extract;
using Sluice.Local;
using Sluice.Parquet;
using Sluice.Pipelines;
using Sluice.Schema;
using Sluice.Sources;
using Sluice.Storage;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice pipeline run</c>: loads JSON-lines, JSON or CSV files into the local lakehouse through a pipeline
/// (extract → normalize → load packages under <c>.sluice/pipelines/&lt;name&gt;</c>), finishing any package an
/// earlier run left first. <c>sluice pipeline info</c> shows the schema and the packages on disk.
/// </summary>
public static class PipelineCommand
{
    public static Command Create(CliHost host, GlobalOptions global)
    {
        var command = new Command("pipeline", "Load data into Athena tables with a pipeline (run, info).");
        command.Subcommands.Add(Run(host, global));
        command.Subcommands.Add(Info(host));
        command.Subcommands.Add(Trace(host));
        command.Subcommands.Add(Restore(host, global));
        command.Subcommands.Add(Init(host));
        command.Subcommands.Add(Drop(host, global));
        return command;
    }

    private static Option<string> NameOption() => new("--pipeline-name", "-p") { Description = "The pipeline's name (its schema and working folder).", Required = true };

    private static Option<string?> FolderOption() => new("--working-folder") { Description = "Where packages are kept. Default: .sluice/pipelines/<name>.", HelpName = "path" };

    private static Command Run(CliHost host, GlobalOptions global)
    {
        var source = new Argument<string>("source") { Description = "A .jsonl, .ndjson, .json or .csv file, a pattern such as data/*.jsonl (one resource per file), or a configured source: chess, rest_api, sql_database, filesystem (see sluice init)." };
        var name = NameOption();
        var folder = FolderOption();
        var dataset = new Option<string>("--dataset", "-d") { Description = "The Glue database to load into.", Required = true };
        var bucket = new Option<string?>("--bucket") { Description = "Where table data lives. Default: [destination.filesystem] bucket_url in .sluice/config.toml, else s3://sluice-lake/." };
        var table = new Option<string?>("--table", "-t") { Description = "Load every file into this table instead of one table per file." };
        var disposition = new Option<WriteDisposition>("--write-disposition") { Description = "append, replace or merge.", DefaultValueFactory = _ => WriteDisposition.Append };
        var strategy = new Option<MergeStrategy>("--merge-strategy") { Description = "deleteinsert, upsert or insertonly (for merge).", DefaultValueFactory = _ => MergeStrategy.DeleteInsert };
        var format = new Option<TableFormat>("--table-format") { Description = "hive or iceberg.", DefaultValueFactory = _ => TableFormat.Hive };
        var key = new Option<string?>("--primary-key") { Description = "Comma-separated primary-key columns (source names)." };
        var command = new Command("run", "Extract, normalize and load files into the local lakehouse; prints rows per table and the statements run.")
        {
            source, name, folder, dataset, bucket, table, disposition, strategy, format, key,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var hints = new ResourceHints
            {
                TableName = parse.GetValue(table),
                WriteDisposition = parse.GetValue(disposition),
                MergeStrategy = parse.GetValue(strategy),
                TableFormat = parse.GetValue(format),
                PrimaryKey = (parse.GetValue(key) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            var configuration = Configuration.SluiceConfiguration.Load(host.WorkingDirectory, pipelineName: parse.GetValue(name));
            var bucketText = parse.GetValue(bucket)
                ?? configuration.GetOptionalString("destination.filesystem.bucket_url")
                ?? "s3://sluice-lake/";
            if (!S3Uri.TryParse(bucketText, out var bucketUri, out var error))
            {
                throw new CliException(error + " (--bucket or [destination.filesystem] bucket_url)");
            }

            IReadOnlyList<Resource> resources;
            try
            {
                resources = ConfiguredSources.IsSourceName(parse.GetValue(source)!)
                    ? await ConfiguredSources.ResourcesAsync(parse.GetValue(source)!, host, parse.GetValue(name)!, WorkingFolder(host, parse.GetValue(name)!, parse.GetValue(folder)), hints, cancellationToken).ConfigureAwait(false)
                    : FileSource.Resources(Path.GetFullPath(parse.GetValue(source)!, host.WorkingDirectory), hints);
            }
            catch (FileNotFoundException e)
            {
                throw new CliException(e.Message);
            }

            using var engine = LocalAthenaEngine.Open(global.ResolveLakehouse(parse, host));
            using var writer = new DuckDbParquetWriter();
            var options = new PipelineOptions
            {
                Name = parse.GetValue(name)!, Dataset = parse.GetValue(dataset)!, Bucket = bucketUri,
                WorkingFolder = WorkingFolder(host, parse.GetValue(name)!, parse.GetValue(folder)),
                Layout = configuration.GetOptionalString("destination.filesystem.layout"),
            };
            var pipeline = new Pipeline(options, engine, writer, new FolderObjectStore(engine.Root));
            var info = await PipelineProgressView.RunAsync(host, pipeline, () => pipeline.RunAsync(resources, cancellationToken)).ConfigureAwait(false);
            if (info.ResumedOnly)
            {
                await host.Output.WriteLineAsync("Finished a package an earlier run left; run again to load the files.").ConfigureAwait(false);
            }

            await host.Output.WriteAsync(info.ToString()).ConfigureAwait(false);
            foreach (var statement in info.Packages.SelectMany(p => p.Statements))
            {
                await host.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{statement.Type,-7} {statement.Elapsed.TotalMilliseconds,8:0.0} ms  {OneLine(statement.Sql)}")).ConfigureAwait(false);
            }

            await host.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{info.Statements} statement(s) run, {info.DdlStatements} of them DDL. {info.CatalogCalls} catalog call(s).")).ConfigureAwait(false);
            await host.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
            PipelineSummary.Write(host, info);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Info(CliHost host)
    {
        var name = NameOption();
        var folder = FolderOption();
        var command = new Command("info", "Show a pipeline's schema (tables, columns, types) and its packages on disk.") { name, folder };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var root = WorkingFolder(host, parse.GetValue(name)!, parse.GetValue(folder));
            var work = new Load.PipelineFolder(root);
            var schemaFile = Directory.EnumerateFiles(work.Schemas, "*.schema.json").FirstOrDefault();
            if (schemaFile is null)
            {
                await host.Output.WriteLineAsync($"Pipeline '{parse.GetValue(name)}' has not normalized anything yet ({root}).").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var schema = PipelineSchema.FromJson(await File.ReadAllTextAsync(schemaFile, cancellationToken).ConfigureAwait(false));
            await host.Output.WriteLineAsync($"schema {schema.Name} version {schema.Version} ({schema.VersionHash})").ConfigureAwait(false);
            foreach (var table in schema.Tables)
            {
                var partitions = table.Partition.Count == 0 ? string.Empty : " partitioned by (" + string.Join(", ", table.Partition.Select(p => p.ToDdl())) + ")";
                await host.Output.WriteLineAsync($"  {table.Name} [{table.TableFormat}, {table.WriteDisposition}]{(table.Parent is null ? string.Empty : " child of " + table.Parent)}{partitions}").ConfigureAwait(false);
                foreach (var column in table.Columns)
                {
                    await host.Output.WriteLineAsync($"    {column.Name} {column.Type?.ToString() ?? "(incomplete)"}").ConfigureAwait(false);
                }
            }

            foreach (var (stage, path) in new[] { ("extracted", work.Extract), ("normalized, not loaded", work.Load), ("loaded", work.Loaded) })
            {
                await host.Output.WriteLineAsync($"{stage}: {string.Join(", ", Load.PipelineFolder.Packages(path))}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Trace(CliHost host)
    {
        var name = NameOption();
        var folder = FolderOption();
        var loadId = new Option<string?>("--load-id") { Description = "The package to show. Default: the newest loaded one." };
        var command = new Command("trace", "Show the statements a loaded package ran, with their kind, rows and time.") { name, folder, loadId };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var work = new Load.PipelineFolder(WorkingFolder(host, parse.GetValue(name)!, parse.GetValue(folder)));
            var id = parse.GetValue(loadId) ?? Load.PipelineFolder.Packages(work.Loaded).LastOrDefault()
                ?? throw new CliException($"Pipeline '{parse.GetValue(name)}' has no loaded package yet; run 'sluice pipeline run' first.");
            var trace = Path.Combine(work.Loaded, id, Load.LoadStage.TraceFile);
            if (!File.Exists(trace))
            {
                throw new CliException($"No trace for package '{id}' in '{work.Loaded}'. Check --load-id against 'sluice pipeline info'.");
            }

            var statements = System.Text.Json.JsonSerializer.Deserialize<List<Load.ExecutedStatement>>(await File.ReadAllTextAsync(trace, cancellationToken).ConfigureAwait(false)) ?? [];
            await host.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"package {id}: {statements.Count} statement(s), {statements.Count(s => s.Type == Engines.StatementType.Ddl)} DDL")).ConfigureAwait(false);
            foreach (var statement in statements)
            {
                await host.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{statement.Type,-7} {statement.UpdateCount?.ToString(CultureInfo.InvariantCulture) ?? "-",8} {statement.Elapsed.TotalMilliseconds,8:0.0} ms  {OneLine(statement.Sql)}")).ConfigureAwait(false);
            }

            // Catalog calls (not engine statements) are kept apart, in the order they were made.
            var catalogTrace = Path.Combine(work.Loaded, id, Load.LoadStage.CatalogTraceFile);
            var calls = File.Exists(catalogTrace)
                ? System.Text.Json.JsonSerializer.Deserialize<List<Load.CatalogCall>>(await File.ReadAllTextAsync(catalogTrace, cancellationToken).ConfigureAwait(false)) ?? []
                : [];
            await host.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{calls.Count} catalog call(s)")).ConfigureAwait(false);
            foreach (var call in calls)
            {
                await host.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"catalog {"-",8} {call.Elapsed.TotalMilliseconds,8:0.0} ms  {call.Description}")).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Restore(CliHost host, GlobalOptions global)
    {
        var name = NameOption();
        var folder = FolderOption();
        var dataset = new Option<string>("--dataset", "-d") { Description = "The Glue database the pipeline loads into.", Required = true };
        var command = new Command("restore", "Restore a pipeline's state (cursors) and schema from its dataset into an empty working folder.") { name, folder, dataset };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var engine = LocalAthenaEngine.Open(global.ResolveLakehouse(parse, host));
            using var writer = new DuckDbParquetWriter();
            var options = new PipelineOptions
            {
                Name = parse.GetValue(name)!, Dataset = parse.GetValue(dataset)!, Bucket = S3Uri.Parse("s3://sluice-lake/"),
                WorkingFolder = WorkingFolder(host, parse.GetValue(name)!, parse.GetValue(folder)),
            };
            var restored = await new Pipeline(options, engine, writer, new FolderObjectStore(engine.Root)).RestoreAsync(cancellationToken).ConfigureAwait(false);
            await host.Output.WriteLineAsync(restored
                ? $"Restored the state and schema of pipeline '{options.Name}' from dataset '{options.Dataset}'."
                : $"Dataset '{options.Dataset}' holds no completed load of pipeline '{options.Name}'; nothing restored.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Init(CliHost host)
    {
        var dataset = new Option<string>("--dataset", "-d") { Description = "The Glue database the new pipeline loads into.", DefaultValueFactory = _ => "raw" };
        var command = new Command("init", "Create .sluice/config.toml and .sluice/secrets.toml (dlt's sections) and a sample data file to load; existing files are kept.") { dataset };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.Combine(host.WorkingDirectory, ".sluice");
            Directory.CreateDirectory(folder);
            var created = new List<string>();
            async Task WriteIfMissing(string path, string text)
            {
                if (!File.Exists(path))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
                    created.Add(Path.GetRelativePath(host.WorkingDirectory, path));
                }
            }

            await WriteIfMissing(Path.Combine(folder, "config.toml"), """
                # Sluice reads dlt's sections (docs/configuration.md, docs/loading.md).
                [destination.filesystem]
                bucket_url = "s3://sluice-lake"
                layout = "{table_name}/{load_id}.{file_id}.{ext}"

                [destination.athena]
                # athena_work_group = "primary"
                # force_iceberg = "False"

                """).ConfigureAwait(false);
            await WriteIfMissing(Path.Combine(folder, "secrets.toml"), """
                # Credentials for AWS; leave them out to use the AWS credential chain. This file is never logged.
                [destination.filesystem.credentials]
                # aws_access_key_id = "..."
                # aws_secret_access_key = "..."

                [destination.athena.credentials]
                # region_name = "eu-central-1"

                """).ConfigureAwait(false);
            await WriteIfMissing(Path.Combine(host.WorkingDirectory, "data", "players.jsonl"), """
                {"username": "magnus", "rating": 2830, "joined": "2010-01-01T00:00:00Z", "titles": ["GM"]}
                {"username": "hikaru", "rating": 2800, "joined": "2012-05-01T00:00:00Z", "titles": ["GM"], "country": "US"}

                """).ConfigureAwait(false);
            await host.Output.WriteLineAsync(created.Count == 0 ? "Nothing to create: the files exist already." : "Created " + string.Join(", ", created) + ".").ConfigureAwait(false);
            await host.Output.WriteLineAsync($"Next: sluice pipeline run data/*.jsonl -p players -d {parse.GetValue(dataset)}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Drop(CliHost host, GlobalOptions global)
    {
        var name = new Argument<string>("name") { Description = "The pipeline to drop." };
        var folder = FolderOption();
        var dataset = new Option<string?>("--dataset", "-d") { Description = "The Glue database the pipeline loads into. Default: where its last run loaded." };
        var bucket = new Option<string?>("--bucket") { Description = "Where its table data lives. Default: where its last run loaded." };
        var resources = new Option<string?>("--resources") { Description = "Comma-separated root tables to drop (with their child tables); their state is reset. Default: the whole pipeline." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation." };
        var command = new Command("drop", "Drop a pipeline's tables (and its _sluice_* bookkeeping) from the dataset, delete their data and reset its working folder.")
        {
            name, folder, dataset, bucket, resources, yes,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var pipelineName = parse.GetValue(name)!;
            var work = WorkingFolder(host, pipelineName, parse.GetValue(folder));
            var remembered = Directory.Exists(work) ? Pipeline.RememberedDestination(work) : null;
            var datasetName = parse.GetValue(dataset) ?? remembered?.Dataset
                ?? throw new CliException($"Pipeline '{pipelineName}' has no record of its dataset in '{work}'. Pass --dataset (-d) with the Glue database it loads into.");
            var bucketText = parse.GetValue(bucket) ?? remembered?.Bucket ?? "s3://sluice-lake/";
            if (!S3Uri.TryParse(bucketText, out var bucketUri, out var error))
            {
                throw new CliException(error + " (--bucket)");
            }

            var selected = (parse.GetValue(resources) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            using var engine = LocalAthenaEngine.Open(global.ResolveLakehouse(parse, host));
            using var writer = new DuckDbParquetWriter();
            var options = new PipelineOptions { Name = pipelineName, Dataset = datasetName, Bucket = bucketUri, WorkingFolder = work };
            var pipeline = new Pipeline(options, engine, writer, new FolderObjectStore(engine.Root));
            var plan = await pipeline.PlanDropAsync(selected, cancellationToken).ConfigureAwait(false);
            await host.Output.WriteLineAsync(selected.Length == 0
                ? $"Pipeline '{pipelineName}' will be dropped: tables {(plan.Tables.Count == 0 ? "(none)" : string.Join(", ", plan.Tables))} and its _sluice_* bookkeeping in dataset '{plan.Dataset}', their data under {bucketUri}, and the working folder {work}."
                : $"Tables {string.Join(", ", plan.Tables)} of pipeline '{pipelineName}' will be dropped from dataset '{plan.Dataset}' with their data, and their state reset.").ConfigureAwait(false);
            if (!parse.GetValue(yes))
            {
                await host.Output.WriteAsync("Proceed? [y/N] ").ConfigureAwait(false);
                await host.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
                var answer = (await host.Input.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim();
                if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
                {
                    await host.Output.WriteLineAsync().ConfigureAwait(false);
                    await host.Error.WriteLineAsync("Nothing was dropped (not confirmed). Answer 'y', or pass --yes to skip the question.").ConfigureAwait(false);
                    return ExitCodes.Failure;
                }
            }

            var dropped = await pipeline.DropAsync(selected, cancellationToken).ConfigureAwait(false);
            await host.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Dropped {dropped.Tables.Count} table(s): {(dropped.Tables.Count == 0 ? "(none)" : string.Join(", ", dropped.Tables))}.")).ConfigureAwait(false);
            await host.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Deleted {dropped.DeletedObjects} data object(s); {dropped.Statements.Count} statement(s) run.")).ConfigureAwait(false);
            await host.Output.WriteLineAsync(dropped.WorkingFolderWiped
                ? $"Wiped the working folder {work} (packages, schema, state)."
                : $"Reset the state of: {(dropped.ResetResources.Count == 0 ? "(no saved state)" : string.Join(", ", dropped.ResetResources))}; the next run creates the tables again.").ConfigureAwait(false);
            foreach (var sql in dropped.Statements)
            {
                await host.Error.WriteLineAsync(OneLine(sql)).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string WorkingFolder(CliHost host, string name, string? folder) =>
        Path.GetFullPath(folder ?? Path.Combine(".sluice", "pipelines", Naming.SnakeCaseNaming.NormalizeFragment(name)), host.WorkingDirectory);

    private static string OneLine(string sql)
    {
        var line = string.Join(' ', sql.Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length > 160 ? line[..157] + "..." : line;
    }
}
