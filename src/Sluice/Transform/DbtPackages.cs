using Sluice.Errors;

namespace Sluice.Transform;

/// <summary>One entry of <c>packages.yml</c> (or the <c>packages:</c> list of <c>dependencies.yml</c>).</summary>
/// <param name="Kind"><c>local</c>, <c>hub</c>, <c>git</c>, <c>tarball</c> or <c>private</c>.</param>
/// <param name="Spec">The folder, hub name, git URL or tarball URL as written.</param>
/// <param name="Version">The hub version, git revision or tarball name, when given.</param>
public sealed record DbtPackageEntry(string Kind, string Spec, string? Version)
{
    /// <summary>How the entry reads in messages: <c>local: ../shared</c>, <c>package: dbt-labs/dbt_utils 1.1.1</c>.</summary>
    public override string ToString() => (Kind == "hub" ? "package" : Kind) + ": " + Spec + (Version is null ? string.Empty : " " + Version);
}

/// <summary>A package a project uses, resolved to the folder that holds its <c>dbt_project.yml</c>.</summary>
public sealed record DbtInstalledPackage(DbtPackageEntry Entry, DbtProject Project);

/// <summary>
/// The packages a project lists and where they are. Local packages are read where they are (no copy, so edits show at
/// once). Hub, git and tarball packages need the network to download; Sluice does not download them but uses them
/// when they are already installed under <c>packages-install-path</c> (<c>dbt_packages/</c>), for example vendored
/// into the repository or installed by <c>dbt deps</c> on another machine.
/// </summary>
public static class DbtPackages
{
    /// <summary>The entries of <c>packages.yml</c> and <c>dependencies.yml</c> (its <c>packages:</c> list), in order.</summary>
    /// <exception cref="CompileException">An entry is not a mapping with one of dbt's package keys.</exception>
    public static IReadOnlyList<DbtPackageEntry> Read(DbtProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var entries = new List<DbtPackageEntry>();
        foreach (var fileName in (string[])["packages.yml", "dependencies.yml"])
        {
            var file = Path.Combine(project.RootPath, fileName);
            if (!File.Exists(file))
            {
                continue;
            }

            var yaml = Yaml.LoadMapping(file, fileName);
            var list = yaml.TryGetValue("packages", out var p) ? p : null;
            if (list is null)
            {
                continue;
            }

            if (list is not List<object?> items)
            {
                throw new CompileException($"'packages' in {fileName} must be a list, like `packages:\\n  - local: ../my_package`.", fileName);
            }

            for (var i = 0; i < items.Count; i++)
            {
                entries.Add(Entry(items[i], fileName, i + 1));
            }
        }

        return entries;
    }

    /// <summary>
    /// Every package the project uses, each resolved to its project. A missing local folder, or a hub/git/tarball
    /// package that is not installed, fails with what to do.
    /// </summary>
    public static IReadOnlyList<DbtInstalledPackage> Resolve(DbtProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var entries = Read(project);
        var installRoot = Path.GetFullPath(project.PackagesInstallPath, project.RootPath);
        var installed = Directory.Exists(installRoot)
            ? Directory.EnumerateDirectories(installRoot)
                .Where(d => File.Exists(Path.Combine(d, "dbt_project.yml")))
                .Order(StringComparer.Ordinal)
                .Select(DbtProject.Load)
                .ToList()
            : [];
        var result = new List<DbtInstalledPackage>();
        var missing = new List<DbtPackageEntry>();
        foreach (var entry in entries)
        {
            if (entry.Kind == "local")
            {
                var root = Path.GetFullPath(entry.Spec, project.RootPath);
                if (!File.Exists(Path.Combine(root, "dbt_project.yml")))
                {
                    throw new CompileException(
                        $"The local package '{entry.Spec}' in packages.yml has no dbt_project.yml at '{root}'. Fix the path (it is relative to the project folder) or remove the entry.",
                        "packages.yml");
                }

                result.Add(new(entry, DbtProject.Load(root)));
                continue;
            }

            var names = CandidateNames(entry);
            var match = installed.FirstOrDefault(p => names.Contains(p.Name, StringComparer.OrdinalIgnoreCase) ||
                                                       names.Contains(Path.GetFileName(p.RootPath), StringComparer.OrdinalIgnoreCase));
            if (match is null)
            {
                missing.Add(entry);
            }
            else
            {
                result.Add(new(entry, match));
            }
        }

        if (missing.Count > 0)
        {
            throw new CompileException(
                $"{string.Join(", ", missing.Select(m => "'" + m + "'"))} {(missing.Count == 1 ? "is" : "are")} listed in the project's packages but not installed under " +
                $"'{project.PackagesInstallPath}/'. Sluice installs local packages only, because hub, git and tarball packages need a download: " +
                $"copy the package's folder into '{project.PackagesInstallPath}/<package name>/' (for example from `dbt deps` run where the network is " +
                "reachable, or a release archive), or vendor it into the repository and list it with `- local: <folder>`.",
                "packages.yml");
        }

        return result.DistinctBy(p => p.Project.RootPath, StringComparer.Ordinal).ToList();
    }

    /// <summary>The folder and project names an installed hub/git/tarball package may have.</summary>
    internal static IReadOnlyList<string> CandidateNames(DbtPackageEntry entry)
    {
        var spec = entry.Spec.TrimEnd('/');
        if (spec.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            spec = spec[..^4];
        }

        var last = spec[(spec.LastIndexOfAny(['/', ':']) + 1)..];
        var names = new List<string> { last, last.Replace('-', '_') };
        foreach (var prefix in (string[])["dbt-", "dbt_"])
        {
            if (last.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && last.Length > prefix.Length)
            {
                names.Add(last[prefix.Length..]);
                names.Add(last[prefix.Length..].Replace('-', '_'));
            }
        }

        return names.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static DbtPackageEntry Entry(object? item, string fileName, int position)
    {
        if (item is OrderedDictionary<string, object?> map)
        {
            string? Text(string key) => map.TryGetValue(key, out var v) && v is not null ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null;
            if (Text("local") is { Length: > 0 } local)
            {
                return new("local", local, null);
            }

            if (Text("package") is { Length: > 0 } hub)
            {
                var version = map.TryGetValue("version", out var v) && v is List<object?> range
                    ? string.Join(", ", range.Select(x => Convert.ToString(x, System.Globalization.CultureInfo.InvariantCulture)))
                    : Text("version");
                return new("hub", hub, version);
            }

            if (Text("git") is { Length: > 0 } git)
            {
                return new("git", git, Text("revision"));
            }

            if (Text("tarball") is { Length: > 0 } tarball)
            {
                return new("tarball", tarball, Text("name"));
            }

            if (Text("private") is { Length: > 0 } privateRepo)
            {
                return new("private", privateRepo, Text("revision"));
            }
        }

        throw new CompileException(
            $"Package {position} in {fileName} is not a package entry: write `- local: <folder>`, `- package: <hub name>` with `version:`, `- git: <url>` or `- tarball: <url>`.",
            fileName);
    }
}
