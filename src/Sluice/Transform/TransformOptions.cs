namespace Sluice.Transform;

/// <summary>What a dbt-style command was asked to do: the project, profile and target, selection and run flags.</summary>
public sealed record TransformOptions
{
    public string ProjectDir { get; init; } = ".";

    public string? ProfilesDir { get; init; }

    public string? Target { get; init; }

    public IReadOnlyList<string> Select { get; init; } = [];

    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>A selector named in <c>selectors.yml</c> (<c>--selector</c>); it replaces <see cref="Select"/>.</summary>
    public string? Selector { get; init; }

    /// <summary>The <c>--vars</c> text: a YAML or JSON mapping.</summary>
    public string? Vars { get; init; }

    public bool FullRefresh { get; init; }

    /// <summary>The folder of a previous run's <c>manifest.json</c>, for <c>state:</c> selectors.</summary>
    public string? State { get; init; }

    public bool FailFast { get; init; }

    public int? Threads { get; init; }

    /// <summary>Reads environment variables (for <c>env_var()</c> and <c>DBT_PROFILES_DIR</c>).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;
}
