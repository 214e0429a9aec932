using Sluice.Errors;

namespace Sluice.Transform;

/// <summary>
/// <c>dbt_project.yml</c>: the project name, the profile it uses, where models, seeds, tests and macros live, project
/// vars, hooks, and the <c>+key</c> config trees under <c>models:</c>, <c>seeds:</c> and <c>data_tests:</c>.
/// </summary>
public sealed class DbtProject
{
    private DbtProject(string root, OrderedDictionary<string, object?> yaml)
    {
        RootPath = root;
        Yaml = yaml;
        Name = yaml.TryGetValue("name", out var name) && name is string n && n.Length > 0
            ? n
            : throw new CompileException("dbt_project.yml has no 'name'. Add `name: my_project` at the top level.", "dbt_project.yml");
        ProfileName = yaml.TryGetValue("profile", out var profile) && profile is string p ? p : Name;
        ModelPaths = Paths(yaml, "model-paths", "models", legacy: "source-paths");
        SeedPaths = Paths(yaml, "seed-paths", "seeds", legacy: "data-paths");
        TestPaths = Paths(yaml, "test-paths", "tests");
        MacroPaths = Paths(yaml, "macro-paths", "macros");
        SnapshotPaths = Paths(yaml, "snapshot-paths", "snapshots");
        TargetPath = yaml.TryGetValue("target-path", out var target) && target is string t ? t : "target";
        PackagesInstallPath = yaml.TryGetValue("packages-install-path", out var install) && install is string i && i.Length > 0 ? i : "dbt_packages";
        CleanTargets = yaml.TryGetValue("clean-targets", out var clean) && clean is List<object?> list
            ? list.Select(x => x?.ToString() ?? string.Empty).Where(x => x.Length > 0).ToList()
            : [TargetPath];
        Vars = yaml.TryGetValue("vars", out var vars) && vars is OrderedDictionary<string, object?> v ? v : new(StringComparer.Ordinal);
        OnRunStart = Hooks(yaml, "on-run-start");
        OnRunEnd = Hooks(yaml, "on-run-end");
    }

    public string RootPath { get; }

    public string Name { get; }

    public string ProfileName { get; }

    public IReadOnlyList<string> ModelPaths { get; }

    public IReadOnlyList<string> SeedPaths { get; }

    public IReadOnlyList<string> TestPaths { get; }

    public IReadOnlyList<string> MacroPaths { get; }

    public IReadOnlyList<string> SnapshotPaths { get; }

    /// <summary>Where compiled SQL and artifacts go, relative to <see cref="RootPath"/> (default <c>target</c>).</summary>
    public string TargetPath { get; }

    public IReadOnlyList<string> CleanTargets { get; }

    /// <summary>Where installed (vendored) packages live, relative to <see cref="RootPath"/> (default <c>dbt_packages</c>).</summary>
    public string PackagesInstallPath { get; }

    /// <summary>Project-level vars: plain values, or a mapping per package name (dbt's scoped vars).</summary>
    public OrderedDictionary<string, object?> Vars { get; }

    public IReadOnlyList<string> OnRunStart { get; }

    public IReadOnlyList<string> OnRunEnd { get; }

    /// <summary>The whole file, for the config trees (<c>models:</c>, <c>seeds:</c>, <c>data_tests:</c>/<c>tests:</c>).</summary>
    internal OrderedDictionary<string, object?> Yaml { get; }

    /// <summary>Reads <c>dbt_project.yml</c> in <paramref name="projectDir"/>.</summary>
    /// <exception cref="CompileException">The file is missing or malformed.</exception>
    public static DbtProject Load(string projectDir)
    {
        var root = Path.GetFullPath(projectDir);
        var file = Path.Combine(root, "dbt_project.yml");
        if (!File.Exists(file))
        {
            throw new CompileException(
                $"No dbt_project.yml in '{root}'. Run the command from the project folder or pass --project-dir <folder that holds dbt_project.yml>.");
        }

        return new DbtProject(root, Transform.Yaml.LoadMapping(file, "dbt_project.yml"));
    }

    private static List<string> Paths(OrderedDictionary<string, object?> yaml, string key, string fallback, string? legacy = null)
    {
        object? value = null;
        if (!yaml.TryGetValue(key, out value) && legacy is not null)
        {
            yaml.TryGetValue(legacy, out value);
        }

        return value switch
        {
            List<object?> list => list.Select(x => x?.ToString() ?? string.Empty).Where(x => x.Length > 0).ToList(),
            string single => [single],
            _ => [fallback],
        };
    }

    private static List<string> Hooks(OrderedDictionary<string, object?> yaml, string key) => yaml.TryGetValue(key, out var value)
        ? value switch
        {
            string s => [s],
            List<object?> list => list.Select(x => x?.ToString() ?? string.Empty).Where(x => x.Length > 0).ToList(),
            _ => [],
        }
        : [];
}
