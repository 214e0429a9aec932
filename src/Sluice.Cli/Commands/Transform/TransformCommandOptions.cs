using System.CommandLine;
using Sluice.Transform;

namespace Sluice.Cli.Commands.Transform;

/// <summary>The dbt flags the transform commands share.</summary>
internal sealed class TransformCommandOptions
{
    public Option<string?> ProjectDir { get; } = new("--project-dir") { Description = "The folder that holds dbt_project.yml (default: the current folder).", HelpName = "path" };

    public Option<string?> ProfilesDir { get; } = new("--profiles-dir") { Description = "The folder that holds profiles.yml (default: $DBT_PROFILES_DIR, the project folder, ~/.dbt).", HelpName = "path" };

    public Option<string?> Target { get; } = new("--target", "-t") { Description = "The profile output to use (default: the profile's target).", HelpName = "name" };

    public Option<string[]> Select { get; } = new("--select", "-s", "--models", "-m")
    {
        Description = "Nodes to include: names, path:, tag:, config.<key>:, resource_type:, with +, n+ and @ graph operators; space = union, comma = intersection.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> Exclude { get; } = new("--exclude") { Description = "Nodes to leave out (same syntax as --select).", AllowMultipleArgumentsPerToken = true };

    public Option<string?> Selector { get; } = new("--selector") { Description = "A selector defined in selectors.yml (replaces --select).", HelpName = "name" };

    public Option<string?> Vars { get; } = new("--vars") { Description = "Project vars as a YAML or JSON mapping, e.g. '{start_date: 2024-01-01}'.", HelpName = "yaml" };

    public Option<bool> FullRefresh { get; } = new("--full-refresh") { Description = "Rebuild incremental models from scratch." };

    public Option<int?> Threads { get; } = new("--threads") { Description = "How many nodes may run at once (default: the target's threads).", HelpName = "n" };

    public Option<string?> State { get; } = new("--state") { Description = "The folder of a previous manifest.json, for state:modified and state:new selectors.", HelpName = "path" };

    public Option<bool> FailFast { get; } = new("--fail-fast", "-x") { Description = "Stop at the first failure; the remaining nodes are skipped." };

    public void AddTo(Command command, bool run)
    {
        command.Options.Add(ProjectDir);
        command.Options.Add(ProfilesDir);
        command.Options.Add(Target);
        command.Options.Add(Vars);
        if (!run)
        {
            return;
        }

        command.Options.Add(Select);
        command.Options.Add(Exclude);
        command.Options.Add(Selector);
        command.Options.Add(FullRefresh);
        command.Options.Add(Threads);
        command.Options.Add(FailFast);
        command.Options.Add(State);
    }

    public TransformOptions Read(ParseResult parse, CliHost host) => new()
    {
        ProjectDir = Path.GetFullPath(parse.GetValue(ProjectDir) ?? ".", host.WorkingDirectory),
        ProfilesDir = parse.GetValue(ProfilesDir) is { } profiles ? Path.GetFullPath(profiles, host.WorkingDirectory) : null,
        Target = parse.GetValue(Target),
        Select = parse.GetValue(Select) ?? [],
        Exclude = parse.GetValue(Exclude) ?? [],
        Selector = parse.GetValue(Selector),
        Vars = parse.GetValue(Vars),
        FullRefresh = parse.GetValue(FullRefresh),
        Threads = parse.GetValue(Threads),
        FailFast = parse.GetValue(FailFast),
        State = parse.GetValue(State) is { } state ? Path.GetFullPath(state, host.WorkingDirectory) : null,
        Environment = host.Environment,
    };
}
