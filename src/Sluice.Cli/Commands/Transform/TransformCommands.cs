using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sluice.Engines;
using Sluice.Local;
using Sluice.Transform;

namespace Sluice.Cli.Commands.Transform;

/// <summary>
/// dbt's commands on Sluice: <c>run</c>, <c>build</c>, <c>seed</c>, <c>test</c>, <c>compile</c>, <c>ls</c>, <c>debug</c>
/// and <c>clean</c>, with dbt's flags and a dbt-like line per node. Exit code 1 when a node errors or a test fails.
/// </summary>
public static class TransformCommands
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["run"] = "Run the models of a dbt-athena project (views, tables, incremental and ephemeral models).",
        ["build"] = "Seed, run and test a dbt-athena project in DAG order; a failing test skips what depends on its model.",
        ["seed"] = "Load the project's CSV seeds into typed tables.",
        ["test"] = "Run the project's data tests (generic and singular).",
        ["snapshot"] = "Record changes of the project's snapshots (type-2 history, timestamp and check strategies).",
        ["compile"] = "Render the project's models and tests to SQL under target/compiled/ without running them.",
        ["ls"] = "List the project's nodes (respecting --select and --exclude).",
        ["debug"] = "Check dbt_project.yml, profiles.yml and the connection to the engine.",
        ["clean"] = "Delete the project's clean-targets (target/ by default), inside the project folder only.",
        ["deps"] = "Resolve packages.yml: local packages are read in place; hub, git and tarball packages must already be installed under packages-install-path (Sluice does not download). Writes package-lock.yml.",
    };

    /// <summary>Creates the command <paramref name="name"/> (<c>run</c>, <c>build</c>, ...).</summary>
    public static Command Create(string name, CliHost host, GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var options = new TransformCommandOptions();
        var command = new Command(name, Descriptions[name]);
        options.AddTo(command, run: name is not ("debug" or "clean" or "deps"));
        var output = new Option<string>("--output", "-o") { Description = "ls: name, path, selector or json.", DefaultValueFactory = _ => "selector" };
        var resourceType = new Option<string?>("--resource-type") { Description = "ls: only nodes of this type (model, seed, test).", HelpName = "type" };
        if (name == "ls")
        {
            command.Options.Add(output);
            command.Options.Add(resourceType);
        }

        command.SetAction((parse, cancellationToken) => name switch
        {
            "ls" => ListAsync(host, options.Read(parse, host), parse.GetValue(output)!, parse.GetValue(resourceType), cancellationToken),
            "debug" => DebugAsync(host, global, parse, options.Read(parse, host), cancellationToken),
            "clean" => CleanAsync(host, options.Read(parse, host)),
            "deps" => DepsAsync(host, options.Read(parse, host)),
            _ => RunAsync(name, host, global, parse, options.Read(parse, host), cancellationToken),
        });
        return command;
    }

    internal static IAthenaEngine OpenEngine(TransformSession session, GlobalOptions global, ParseResult parse, CliHost host)
    {
        if (session.Project.Target.Engine != "local")
        {
            throw new CliException(
                $"Target '{session.Project.Target.Name}' runs on AWS (it names region_name or s3_staging_dir), and the AWS engine is not part of this build. Add `engine: local` to the target to run on the embedded engine.");
        }

        var explicitLakehouse = parse.GetValue(global.Lakehouse) is { Length: > 0 } || host.Environment(GlobalOptions.LakehouseVariable) is { Length: > 0 };
        return LocalAthenaEngine.Open(explicitLakehouse ? global.ResolveLakehouse(parse, host) : session.LocalLakehouse);
    }

    private static async Task<int> RunAsync(string command, CliHost host, GlobalOptions global, ParseResult parse, TransformOptions options, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var output = host.Output;
        await output.WriteLineAsync($"Running with sluice={SluiceInfo.Version}").ConfigureAwait(false);
        var session = TransformSession.Load(options, cancellationToken);
        var nodes = session.Project.Nodes.Values;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Found {nodes.Count(n => n.Type == NodeType.Model)} models, {nodes.Count(n => n.Type == NodeType.Seed)} seeds, {nodes.Count(n => n.Type == NodeType.Snapshot)} snapshots, {nodes.Count(n => n.Type == NodeType.Test)} data tests, {session.Project.Sources.Count} sources")).ConfigureAwait(false);
        var target = session.Project.Target;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Concurrency: {options.Threads ?? target.Threads} threads (target='{target.Name}')")).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        using var engine = OpenEngine(session, global, parse, host);
        var gate = new Lock();
        var results = await session.RunAsync(
            command,
            engine,
            (node, index, total) =>
            {
                if (command != "compile")
                {
                    lock (gate)
                    {
                        output.WriteLine(Line(index, total, "START " + Describe(node), "[RUN]"));
                    }
                }
            },
            (result, index, total) =>
            {
                lock (gate)
                {
                    output.WriteLine(Line(index, total, Outcome(result), Badge(result)));
                }
            },
            cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        var counts = results.GroupBy(r => r.Node.Type switch { NodeType.Test => "data test", NodeType.Seed => "seed", NodeType.Snapshot => "snapshot", _ => r.Node.Materialized + " model" })
            .Select(g => $"{g.Count()} {g.Key}{(g.Count() == 1 ? string.Empty : "s")}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Finished running {string.Join(", ", counts)} in {watch.Elapsed.TotalSeconds:0.00}s.")).ConfigureAwait(false);
        var errors = results.Where(r => r.Status is "error" or "fail").ToList();
        var warnings = results.Where(r => r.Status == "warn").ToList();
        await output.WriteLineAsync().ConfigureAwait(false);
        if (errors.Count == 0)
        {
            await output.WriteLineAsync(warnings.Count == 0 ? "Completed successfully" : $"Completed with {warnings.Count} warning{(warnings.Count == 1 ? string.Empty : "s")}").ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync($"Completed with {errors.Count} error{(errors.Count == 1 ? string.Empty : "s")} and {warnings.Count} warning{(warnings.Count == 1 ? string.Empty : "s")}:").ConfigureAwait(false);
            foreach (var error in errors)
            {
                await output.WriteLineAsync($"  {(error.Status == "fail" ? "Failure in" : "Error in")} {error.Node.Type.ToString().ToLowerInvariant()} {error.Node.Name} ({error.Node.OriginalFilePath})").ConfigureAwait(false);
                await output.WriteLineAsync("    " + error.Message).ConfigureAwait(false);
            }
        }

        foreach (var warning in warnings)
        {
            await output.WriteLineAsync($"  Warning in test {warning.Node.Name}: {warning.Message}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Done. PASS={results.Count(r => r.Status is "success" or "pass")} WARN={warnings.Count} ERROR={errors.Count} SKIP={results.Count(r => r.Status == "skipped")} TOTAL={results.Count}")).ConfigureAwait(false);
        return errors.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string Describe(TransformNode node) => node.Type switch
    {
        NodeType.Test => "test " + node.Name,
        NodeType.Seed => $"seed file {node.Schema}.{node.Alias}",
        NodeType.Snapshot => $"snapshot {node.Schema}.{node.Alias}",
        _ => $"sql {node.Materialized} model {node.Schema}.{node.Alias}",
    };

    private static string Outcome(NodeResult result) => result.Status switch
    {
        "skipped" => "SKIP relation " + (result.Node.Type == NodeType.Test ? result.Node.Name : $"{result.Node.Schema}.{result.Node.Alias}"),
        "pass" => "PASS " + result.Node.Name,
        "warn" => "WARN " + result.Node.Name,
        "fail" => "FAIL " + result.Node.Name,
        "error" when result.Node.Type == NodeType.Test => "ERROR " + result.Node.Name,
        "error" => "ERROR creating " + Describe(result.Node),
        _ when result.Message == "compiled" => "Compiled " + Describe(result.Node),
        _ => (result.Node.Type == NodeType.Seed ? "OK loaded " : "OK created ") + Describe(result.Node),
    };

    private static string Badge(NodeResult result)
    {
        var seconds = result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        var scanned = result.DataScannedBytes > 0 ? $", {Size(result.DataScannedBytes)} scanned" : string.Empty;
        var statements = result.Statements.Count == 1 ? "1 statement" : $"{result.Statements.Count} statements";
        return result.Status switch
        {
            "skipped" => "[SKIP]",
            "error" => $"[ERROR in {seconds}s]",
            "fail" => $"[FAIL {result.Failures} in {seconds}s]",
            "warn" => $"[WARN {result.Failures} in {seconds}s]",
            "pass" => $"[PASS in {seconds}s]",
            _ when result.Message == "compiled" => "[OK]",
            _ => $"[{result.Message} in {seconds}s; {statements}{scanned}]",
        };
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
    };

    internal static string Line(int index, int total, string text, string badge)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"{index} of {total} {text} ");
        return head + new string('.', Math.Max(3, 70 - head.Length)) + " " + badge;
    }

    private static async Task<int> ListAsync(CliHost host, TransformOptions options, string output, string? resourceType, CancellationToken cancellationToken)
    {
        var session = TransformSession.Load(options, cancellationToken);
        foreach (var node in session.Select("ls"))
        {
            if (resourceType is not null && !string.Equals(resourceType, node.Type.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var line = output switch
            {
                "name" => node.Name,
                "path" => node.OriginalFilePath,
                "json" => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["name"] = node.Name,
                    ["resource_type"] = node.Type.ToString().ToLowerInvariant(),
                    ["unique_id"] = node.UniqueId,
                    ["original_file_path"] = node.OriginalFilePath,
                    ["materialized"] = node.Materialized,
                    ["tags"] = node.Tags,
                }),
                _ => string.Join('.', node.Fqn),
            };
            await host.Output.WriteLineAsync(line).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    private static async Task<int> DebugAsync(CliHost host, GlobalOptions global, ParseResult parse, TransformOptions options, CancellationToken cancellationToken)
    {
        var output = host.Output;
        await output.WriteLineAsync($"sluice version: {SluiceInfo.Version}").ConfigureAwait(false);
        var session = TransformSession.Load(options, cancellationToken);
        var target = session.Project.Target;
        await output.WriteLineAsync($"Using profiles.yml file at {target.ProfilesFile}").ConfigureAwait(false);
        await output.WriteLineAsync($"Using dbt_project.yml file at {Path.Combine(session.Project.Project.RootPath, "dbt_project.yml")}").ConfigureAwait(false);
        await output.WriteLineAsync("Configuration:").ConfigureAwait(false);
        await output.WriteLineAsync("  profiles.yml file [OK found and valid]").ConfigureAwait(false);
        await output.WriteLineAsync("  dbt_project.yml file [OK found and valid]").ConfigureAwait(false);
        await output.WriteLineAsync("Required dependencies:").ConfigureAwait(false);
        await output.WriteLineAsync(" - git [not needed: local packages only]").ConfigureAwait(false);
        await output.WriteLineAsync("Connection:").ConfigureAwait(false);
        foreach (var (key, value) in target.DisplayFields())
        {
            await output.WriteLineAsync($"  {key}: {value}").ConfigureAwait(false);
        }

        using var engine = OpenEngine(session, global, parse, host);
        var result = await engine.ExecuteAsync("select 1 as id", QueryContext.Default, cancellationToken).ConfigureAwait(false);
        var database = await engine.Catalog.GetDatabaseAsync(target.Schema, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  Glue database '{target.Schema}': {(database is null ? "not created yet (the first run creates it)" : "exists")}").ConfigureAwait(false);
        await output.WriteLineAsync(result.Rows.Count == 1 ? "  Connection test: [OK connection ok]" : "  Connection test: [ERROR]").ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("All checks passed!").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<int> CleanAsync(CliHost host, TransformOptions options)
    {
        var project = DbtProject.Load(options.ProjectDir);
        foreach (var target in project.CleanTargets)
        {
            var path = Path.GetFullPath(target, project.RootPath);
            var inside = path.StartsWith(project.RootPath.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            if (!inside)
            {
                await host.Error.WriteLineAsync($"Not cleaning '{path}': it is outside the project folder '{project.RootPath}'.").ConfigureAwait(false);
                continue;
            }

            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
                await host.Output.WriteLineAsync($"Cleaned {target}/").ConfigureAwait(false);
            }
        }

        await host.Output.WriteLineAsync("Finished cleaning all paths.").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<int> DepsAsync(CliHost host, TransformOptions options)
    {
        var project = DbtProject.Load(options.ProjectDir);
        var entries = DbtPackages.Read(project);
        if (entries.Count == 0)
        {
            await host.Output.WriteLineAsync("No packages are listed in packages.yml or dependencies.yml: nothing to install.").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var packages = DbtPackages.Resolve(project);
        var lockFile = new System.Text.StringBuilder("packages:\n");
        foreach (var package in packages)
        {
            var where = Path.GetRelativePath(project.RootPath, package.Project.RootPath).Replace('\\', '/');
            await host.Output.WriteLineAsync($"Installing {package.Entry}").ConfigureAwait(false);
            await host.Output.WriteLineAsync(package.Entry.Kind == "local"
                ? $"  Installed from <local directory> {where} (package {package.Project.Name}, read in place)"
                : $"  Found installed at {where} (package {package.Project.Name}); Sluice does not download packages").ConfigureAwait(false);
            var key = package.Entry.Kind == "hub" ? "package" : package.Entry.Kind;
            lockFile.Append("  - ").Append(key).Append(": ").Append(YamlQuote(package.Entry.Spec)).Append('\n');
            if (package.Entry.Version is { } version)
            {
                var versionKey = package.Entry.Kind switch { "hub" => "version", "tarball" => "name", _ => "revision" };
                lockFile.Append("    ").Append(versionKey).Append(": ").Append(YamlQuote(version)).Append('\n');
            }
        }

        var specs = string.Concat(((string[])["packages.yml", "dependencies.yml"])
            .Select(f => Path.Combine(project.RootPath, f))
            .Where(File.Exists)
            .Select(File.ReadAllText));
        lockFile.Append("sha1_hash: ").Append(Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(specs)))).Append('\n');
        await File.WriteAllTextAsync(Path.Combine(project.RootPath, "package-lock.yml"), lockFile.ToString()).ConfigureAwait(false);
        await host.Output.WriteLineAsync($"Finished: {packages.Count} package(s) ready; wrote package-lock.yml.").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string YamlQuote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
