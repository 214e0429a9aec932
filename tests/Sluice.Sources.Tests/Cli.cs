using Sluice.Cli;

namespace Sluice.Sources.Tests;

/// <summary>Runs the <c>sluice</c> command in-process with its own working folder and environment.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(string.Empty);
        var host = new CliHost(output, error, input, false, workingDirectory, name => environment?.GetValueOrDefault(name));
        var code = await SluiceCli.RunAsync(args, host);
        return new Result(code, output.ToString(), error.ToString());
    }

    public static string Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
