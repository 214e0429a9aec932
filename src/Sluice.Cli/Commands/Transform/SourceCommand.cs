using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sluice.Transform;

namespace Sluice.Cli.Commands.Transform;

/// <summary>
/// <c>sluice source freshness</c>: dbt's freshness check of the project's sources, one query per source table, a line per
/// table, <c>target/sources.json</c>, and exit code 1 when a table is older than <c>error_after</c> or its query fails.
/// </summary>
public static class SourceCommand
{
    public static Command Create(CliHost host, GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var source = new Command("source", "Commands on the project's sources.");
        var freshness = new Command("freshness", "Check how recently each source table was loaded (max of loaded_at_field) against its warn_after and error_after.");
        var options = new TransformCommandOptions();
        options.AddTo(freshness, run: true);
        var output = new Option<string?>("--output", "-o") { Description = "Where to write the results (default: target/sources.json).", HelpName = "path" };
        freshness.Options.Add(output);
        freshness.SetAction((parse, cancellationToken) => RunAsync(host, global, parse, options.Read(parse, host), parse.GetValue(output), cancellationToken));
        source.Subcommands.Add(freshness);
        return source;
    }

    private static async Task<int> RunAsync(CliHost host, GlobalOptions global, ParseResult parse, TransformOptions options, string? outputFile, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var output = host.Output;
        await output.WriteLineAsync($"Running with sluice={SluiceInfo.Version}").ConfigureAwait(false);
        var session = TransformSession.Load(options, cancellationToken);
        var selected = SourceFreshness.Select(session.Project, options.Select, options.Exclude);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Found {session.Project.Sources.Count} sources, {session.Project.Sources.Values.Count(s => s.Freshness is not null)} with freshness criteria")).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        if (selected.Count == 0)
        {
            await output.WriteLineAsync("Nothing to do: no selected source table has a freshness block (add `freshness:` and `loaded_at_field:` to a source in properties YAML).").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        using var engine = TransformCommands.OpenEngine(session, global, parse, host);
        var file = outputFile is null ? null : Path.GetFullPath(outputFile, host.WorkingDirectory);
        var results = await session.FreshnessAsync(
            engine,
            (table, index, total) => output.WriteLine(TransformCommands.Line(index, total, $"START freshness of {table.SourceName}.{table.Name}", "[RUN]")),
            (result, index, total) => output.WriteLine(TransformCommands.Line(index, total, Outcome(result), Badge(result))),
            file,
            cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Finished running {results.Count} source{(results.Count == 1 ? string.Empty : "s")} in {watch.Elapsed.TotalSeconds:0.00}s.")).ConfigureAwait(false);
        foreach (var result in results.Where(r => r.Status != "pass"))
        {
            var name = $"{result.Source.SourceName}.{result.Source.Name}";
            var line = result.Status switch
            {
                "runtime error" => $"  Runtime error in source {name}: {result.Error}",
                "error" => $"  Source {name} is stale: newest row loaded {Age(result.AgeSeconds!.Value)} ago, error_after is {result.Source.Freshness!.ErrorAfter}",
                _ => $"  Warning: source {name} newest row loaded {Age(result.AgeSeconds!.Value)} ago, warn_after is {result.Source.Freshness!.WarnAfter}",
            };
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Done. PASS={results.Count(r => r.Status == "pass")} WARN={results.Count(r => r.Status == "warn")} ERROR={results.Count(r => r.IsFailure)} TOTAL={results.Count}")).ConfigureAwait(false);
        return results.Any(r => r.IsFailure) ? ExitCodes.Failure : ExitCodes.Success;
    }

    private static string Outcome(FreshnessResult result) => result.Status switch
    {
        "pass" => "PASS",
        "warn" => "WARN",
        "error" => "ERROR STALE",
        _ => "ERROR",
    } + $" freshness of {result.Source.SourceName}.{result.Source.Name}";

    private static string Badge(FreshnessResult result)
    {
        var seconds = result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        return result.Status switch
        {
            "pass" => $"[PASS in {seconds}s]",
            "warn" => $"[WARN in {seconds}s]",
            "error" => $"[ERROR STALE in {seconds}s]",
            _ => $"[ERROR in {seconds}s]",
        };
    }

    private static string Age(double seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalDays >= 1 ? span.TotalDays.ToString("0.0", CultureInfo.InvariantCulture) + " days"
            : span.TotalHours >= 1 ? span.TotalHours.ToString("0.0", CultureInfo.InvariantCulture) + " hours"
            : span.TotalMinutes.ToString("0.0", CultureInfo.InvariantCulture) + " minutes";
    }
}
