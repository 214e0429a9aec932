using System.CommandLine;
using System.Globalization;
using Sluice.Transform;

namespace Sluice.Cli.Commands.Transform;

/// <summary>
/// <c>sluice docs generate</c>: compiles the project, writes <c>target/catalog.json</c> from the engine's catalog and a
/// self-contained documentation site, <c>target/index.html</c> (open it in a browser; it needs no server or network).
/// </summary>
public static class DocsCommand
{
    public static Command Create(CliHost host, GlobalOptions global)
    {
        ArgumentNullException.ThrowIfNull(global);
        var docs = new Command("docs", "Generate the project's documentation site.");
        var generate = new Command("generate", "Compile the project and write target/catalog.json and target/index.html (models, columns with catalog types, SQL, lineage graph).");
        var options = new TransformCommandOptions();
        options.AddTo(generate, run: true);
        var noCompile = new Option<bool>("--no-compile") { Description = "Do not compile the models first; use the descriptions and SQL as parsed." };
        generate.Options.Add(noCompile);
        generate.SetAction((parse, cancellationToken) => GenerateAsync(host, global, parse, options.Read(parse, host), !parse.GetValue(noCompile), cancellationToken));
        docs.Subcommands.Add(generate);

        var serve = new Command("serve", "Serve target/ (the generated site and artifacts) on http://127.0.0.1:<port>/ until Ctrl+C.");
        var serveOptions = new TransformCommandOptions();
        serveOptions.AddTo(serve, run: false);
        var port = new Option<int>("--port") { Description = "The port to listen on.", DefaultValueFactory = _ => 8080, HelpName = "port" };
        serve.Options.Add(port);
        serve.SetAction((parse, cancellationToken) => ServeAsync(host, serveOptions.Read(parse, host), parse.GetValue(port), cancellationToken));
        docs.Subcommands.Add(serve);
        return docs;
    }

    private static async Task<int> ServeAsync(CliHost host, TransformOptions options, int port, CancellationToken cancellationToken)
    {
        var project = DbtProject.Load(options.ProjectDir);
        var target = Path.Combine(project.RootPath, project.TargetPath);
        if (!File.Exists(Path.Combine(target, "index.html")))
        {
            throw new CliException($"There is no {Path.Combine(target, "index.html")} to serve. Run `sluice docs generate` first.");
        }

        var server = new Sluice.Transform.Docs.DocsServer(target);
        await server.ServeAsync(port, address => host.Output.WriteLine($"Serving docs at {address} (Ctrl+C to stop)"), cancellationToken).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static async Task<int> GenerateAsync(CliHost host, GlobalOptions global, ParseResult parse, TransformOptions options, bool compile, CancellationToken cancellationToken)
    {
        var output = host.Output;
        await output.WriteLineAsync($"Running with sluice={SluiceInfo.Version}").ConfigureAwait(false);
        var session = TransformSession.Load(options, cancellationToken);
        using var engine = TransformCommands.OpenEngine(session, global, parse, host);
        var (summary, compiled) = await session.DocsGenerateAsync(engine, compile, cancellationToken: cancellationToken).ConfigureAwait(false);
        var errors = compiled.Where(r => r.Status == "error").ToList();
        foreach (var error in errors)
        {
            await output.WriteLineAsync($"  Error compiling {error.Node.Type.ToString().ToLowerInvariant()} {error.Node.Name} ({error.Node.OriginalFilePath}): {error.Message}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Compiled {compiled.Count(r => r.Status == "success")} nodes; the catalog has {summary.Relations} relations; the lineage graph has {summary.Nodes} nodes and {summary.Edges} edges.")).ConfigureAwait(false);
        await output.WriteLineAsync($"Catalog written to {summary.CatalogFile}").ConfigureAwait(false);
        await output.WriteLineAsync($"Site written to {summary.IndexFile}").ConfigureAwait(false);
        return errors.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
