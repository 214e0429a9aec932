using Spectre.Console;

namespace Sluice.Cli;

/// <summary>Where the command reads and writes: the real console, or writers a test provides.</summary>
public sealed class CliHost
{
    public CliHost(TextWriter output, TextWriter error, TextReader input, bool inputRedirected, string workingDirectory, Func<string, string?> environment)
    {
        Output = output;
        Error = error;
        Input = input;
        InputRedirected = inputRedirected;
        WorkingDirectory = workingDirectory;
        Environment = environment;
        // Colours only on a terminal: piped or captured output stays plain text.
        var terminal = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!terminal)
        {
            Console.Profile.Width = 160;
        }
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public TextReader Input { get; }

    public bool InputRedirected { get; }

    public string WorkingDirectory { get; }

    public Func<string, string?> Environment { get; }

    /// <summary>Spectre.Console bound to <see cref="Output"/>, for tables and panels.</summary>
    public IAnsiConsole Console { get; }

    public static CliHost FromConsole() => new(
        System.Console.Out,
        System.Console.Error,
        System.Console.In,
        System.Console.IsInputRedirected,
        Directory.GetCurrentDirectory(),
        System.Environment.GetEnvironmentVariable);
}
