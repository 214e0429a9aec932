using System.CommandLine;
using Sluice.Cli.Commands;
using Sluice.Cli.Commands.Transform;
using Sluice.DuckDb;

namespace Sluice.Cli;

/// <summary>The <c>sluice</c> command line.</summary>
public static class SluiceCli
{
    public static RootCommand Build(CliHost host)
    {
        var global = new GlobalOptions();
        var root = new RootCommand("Sluice loads data into the AWS Athena lakehouse and transforms it there, on AWS or on an embedded local engine.");
        root.Options.Add(global.Lakehouse);
        root.Subcommands.Add(QueryCommand.Create(host, global));
        root.Subcommands.Add(DemoCommand.Create(host, global));
        root.Subcommands.Add(TransformCommands.Create("run", host, global));
        root.Subcommands.Add(TransformCommands.Create("build", host, global));
        root.Subcommands.Add(TransformCommands.Create("seed", host, global));
        root.Subcommands.Add(TransformCommands.Create("test", host, global));
        root.Subcommands.Add(TransformCommands.Create("snapshot", host, global));
        root.Subcommands.Add(TransformCommands.Create("compile", host, global));
        root.Subcommands.Add(TransformCommands.Create("ls", host, global));
        root.Subcommands.Add(TransformCommands.Create("debug", host, global));
        root.Subcommands.Add(TransformCommands.Create("clean", host, global));
        root.Subcommands.Add(TransformCommands.Create("deps", host, global));
        root.Subcommands.Add(SourceCommand.Create(host, global));
        root.Subcommands.Add(DocsCommand.Create(host, global));
        root.Subcommands.Add(PipelineCommand.Create(host, global));
        root.Subcommands.Add(InitCommand.Create(host));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliHost host)
    {
        var root = Build(host);
        var parsed = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = host.Output, Error = host.Error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parsed.InvokeAsync(configuration, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await host.Error.WriteLineAsync("Cancelled.").ConfigureAwait(false);
            return ExitCodes.InternalErrorOrCancelled;
        }
        catch (CliException e)
        {
            await host.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (Sluice.Errors.SluiceException e)
        {
            await host.Error.WriteLineAsync("error: " + (e is Sluice.Engines.EngineException engine ? engine.StateChangeReason : e.Message)).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (DuckDbException e)
        {
            await host.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (DllNotFoundException e)
        {
            await host.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
#pragma warning disable CA1031 // The last line of defence: report, never crash with a stack dump on the user.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await host.Error.WriteLineAsync($"internal error: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            await host.Error.WriteLineAsync("This is a bug in Sluice; the details above help to fix it.").ConfigureAwait(false);
            return ExitCodes.InternalErrorOrCancelled;
        }
    }
}
