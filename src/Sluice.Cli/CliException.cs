namespace Sluice.Cli;

/// <summary>A failure the user can fix; its message says what, why and how. Exits with <see cref="ExitCodes.Failure"/>.</summary>
public sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CliException()
    {
    }
}
