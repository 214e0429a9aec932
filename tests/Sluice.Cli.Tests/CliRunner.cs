using System.Diagnostics;

namespace Sluice.Cli.Tests;

/// <summary>Runs the <c>sluice</c> command in-process (fast) or as a real process (end to end).</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string workingDirectory, string? stdin, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? string.Empty);
        var host = new CliHost(output, error, input, stdin is not null, workingDirectory, name => environment?.GetValueOrDefault(name));
        var code = await SluiceCli.RunAsync(args, host);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built sluice executable in a child process.</summary>
    public static async Task<Result> RunProcessAsync(string workingDirectory, string? stdin, params string[] args)
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "sluice");
        var start = new ProcessStartInfo(exe)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("SLUICE_LAKEHOUSE");
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }
}
