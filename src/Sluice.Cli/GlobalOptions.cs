using System.CommandLine;

namespace Sluice.Cli;

/// <summary>Options every command accepts.</summary>
public sealed class GlobalOptions
{
    public const string LakehouseVariable = "SLUICE_LAKEHOUSE";
    public static readonly string DefaultLakehouse = Path.Combine(".sluice", "lakehouse");

    public Option<string?> Lakehouse { get; } = new("--lakehouse")
    {
        Description = $"The local lakehouse folder (s3://bucket/key maps to <folder>/s3/bucket/key). Default: ${LakehouseVariable}, else {DefaultLakehouse} under the current folder.",
        Recursive = true,
        HelpName = "path",
    };

    /// <summary>The lakehouse folder: the option, then <c>SLUICE_LAKEHOUSE</c>, then the default, made absolute.</summary>
    public string ResolveLakehouse(ParseResult parseResult, CliHost host)
    {
        var chosen = parseResult.GetValue(Lakehouse);
        if (string.IsNullOrWhiteSpace(chosen))
        {
            chosen = host.Environment(LakehouseVariable);
        }

        if (string.IsNullOrWhiteSpace(chosen))
        {
            chosen = DefaultLakehouse;
        }

        return Path.GetFullPath(chosen, host.WorkingDirectory);
    }
}
