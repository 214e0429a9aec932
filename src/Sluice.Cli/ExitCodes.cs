namespace Sluice.Cli;

/// <summary>The process exit codes: 0 success, 1 a handled failure (bad input, a failed query), 2 internal error or cancelled.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int InternalErrorOrCancelled = 2;
}
