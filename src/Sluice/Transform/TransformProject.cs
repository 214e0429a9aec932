using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sluice.Errors;

namespace Sluice.Transform;

/// <summary>
/// A loaded dbt project: its nodes (models, seeds, generic and singular tests) with configs merged from
/// <c>dbt_project.yml</c> and properties YAML, its sources, and its macro files (built-ins, local packages, project).
/// In-file <c>config()</c> calls and the <c>ref</c>/<c>source</c> edges are added by <see cref="TransformCompiler"/>.
/// </summary>
public sealed partial class TransformProject
{
    private TransformProject(DbtProject project, DbtTarget target)
    {
        Project = project;
        Target = target;
    }

    public DbtProject Project { get; }

    public DbtTarget Target { get; }

    public OrderedDictionary<string, TransformNode> Nodes { get; } = new(StringComparer.Ordinal);

    public OrderedDictionary<string, SourceTable> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>Macro files in load order (built-ins, packages, project): later definitions override earlier ones.</summary>
    public List<KeyValuePair<string, string>> MacroFiles { get; } = [];

    /// <summary>The previous manifest given by <c>--state</c>: node id to (checksum, canonical config JSON); null without <c>--state</c>.</summary>
    public Dictionary<string, (string Checksum, string Config)>? State { get; private set; }

    /// <summary>Node statuses of the previous run (<c>run_results.json</c> next to the <c>--state</c> manifest), for <c>result:</c>.</summary>
    public Dictionary<string, string> PreviousResults { get; } = new(StringComparer.Ordinal);

    /// <summary>Named selectors from <c>selectors.yml</c>: name to definition.</summary>
    public Dictionary<string, object?> Selectors { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads <c>manifest.json</c> in <paramref name="stateDir"/> for the <c>state:</c> selector.</summary>
    /// <exception cref="CompileException">The manifest is missing or unreadable.</exception>
    public void LoadState(string stateDir)
    {
        var file = Path.Combine(stateDir, "manifest.json");
        if (!File.Exists(file))
        {
            throw new CompileException($"--state points at '{stateDir}', which holds no manifest.json. Pass the folder of a previous run's target/ (copy it before the next run overwrites it).");
        }

        var runResults = Path.Combine(stateDir, "run_results.json");
        if (File.Exists(runResults))
        {
            using var results = System.Text.Json.JsonDocument.Parse(File.ReadAllText(runResults));
            foreach (var entry in results.RootElement.GetProperty("results").EnumerateArray())
            {
                PreviousResults[entry.GetProperty("unique_id").GetString() ?? string.Empty] = entry.GetProperty("status").GetString() ?? string.Empty;
            }
        }

        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
        State = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var node in document.RootElement.GetProperty("nodes").EnumerateObject())
        {
            var checksum = node.Value.TryGetProperty("checksum", out var c) && c.TryGetProperty("checksum", out var value) ? value.GetString() ?? string.Empty : string.Empty;
            var config = node.Value.TryGetProperty("config", out var cfg) ? Artifacts.Canonical(TransformCompiler.FromJson(cfg.GetRawText())) : string.Empty;
            State[node.Name] = (checksum, config);
        }
    }

    /// <summary>Vars given on the command line (<c>--vars</c>); they win over project vars.</summary>
    public OrderedDictionary<string, object?> CliVars { get; } = new(StringComparer.Ordinal);

    /// <summary>Loads the project in <paramref name="project"/>'s folder for <paramref name="target"/>.</summary>
    /// <exception cref="CompileException">A file is malformed, or a name is defined twice.</exception>
    public static TransformProject Load(DbtProject project, DbtTarget target)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(target);
        var result = new TransformProject(project, target);
        result.MacroFiles.Add(new("<sluice built-ins>", BuiltinMacros.Source));
        result.LoadPackages();
        foreach (var file in Files(project.RootPath, project.MacroPaths, "*.sql"))
        {
            result.MacroFiles.Add(new(Relative(project.RootPath, file), File.ReadAllText(file)));
        }

        foreach (var file in Files(project.RootPath, project.TestPaths, "*.sql").Where(f => IsGenericTestFile(project.RootPath, f)))
        {
            result.MacroFiles.Add(new(Relative(project.RootPath, file), File.ReadAllText(file)));
        }

        result.LoadModels();
        result.LoadSeeds();
        result.LoadSingularTests();
        result.LoadSnapshots();
        result.LoadDocs();
        result.LoadSelectors();
        result.LoadProperties();
        result.RenderDescriptions();
        return result;
    }

    private static bool IsGenericTestFile(string root, string file) =>
        Relative(root, file).Split('/').Contains("generic", StringComparer.Ordinal);

    internal static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    internal static IEnumerable<string> Files(string root, IEnumerable<string> folders, string pattern) => folders
        .Select(f => Path.Combine(root, f))
        .Where(Directory.Exists)
        .SelectMany(f => Directory.EnumerateFiles(f, pattern, SearchOption.AllDirectories))
        .Order(StringComparer.Ordinal);

    private void LoadPackages()
    {
        foreach (var package in DbtPackages.Resolve(Project))
        {
            var packageRoot = package.Project.RootPath;
            foreach (var macro in Files(packageRoot, package.Project.MacroPaths, "*.sql"))
            {
                MacroFiles.Add(new(package.Project.Name + "/" + Relative(packageRoot, macro), File.ReadAllText(macro)));
            }
        }
    }

    private void LoadModels()
    {
        foreach (var folder in Project.ModelPaths)
        {
            var root = Path.Combine(Project.RootPath, folder);
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(root, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var folders = Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace('\\', '/').Split('/').Where(x => x is not ("." or "")).ToList();
                var node = new TransformNode
                {
                    UniqueId = $"model.{Project.Name}.{name}",
                    Type = NodeType.Model,
                    Name = name,
                    PackageName = Project.Name,
                    OriginalFilePath = Relative(Project.RootPath, file),
                    Fqn = [Project.Name, .. folders, name],
                    RawCode = File.ReadAllText(file),
                    Config = ConfigMerge.FromTree(Project.Yaml.GetValueOrDefault("models"), Project.Name, [.. folders, name]),
                };
                Add(node);
            }
        }
    }

    private void LoadSeeds()
    {
        foreach (var folder in Project.SeedPaths)
        {
            var root = Path.Combine(Project.RootPath, folder);
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(root, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var folders = Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace('\\', '/').Split('/').Where(x => x is not ("." or "")).ToList();
                Add(new TransformNode
                {
                    UniqueId = $"seed.{Project.Name}.{name}",
                    Type = NodeType.Seed,
                    Name = name,
                    PackageName = Project.Name,
                    OriginalFilePath = Relative(Project.RootPath, file),
                    Fqn = [Project.Name, .. folders, name],
                    SeedFile = file,
                    Config = ConfigMerge.FromTree(Project.Yaml.GetValueOrDefault("seeds"), Project.Name, [.. folders, name]),
                });
            }
        }
    }

    /// <summary>Docs blocks (<c>{% docs name %}...{% enddocs %}</c> in <c>.md</c> files) for <c>doc('name')</c> in descriptions.</summary>
    public Dictionary<string, string> Docs { get; } = new(StringComparer.Ordinal);

    private void LoadSelectors()
    {
        var file = Path.Combine(Project.RootPath, "selectors.yml");
        if (!File.Exists(file))
        {
            return;
        }

        foreach (var selector in ListOf(Yaml.LoadMapping(file, "selectors.yml"), "selectors"))
        {
            if (selector.GetValueOrDefault("name") is string name)
            {
                Selectors[name] = selector.GetValueOrDefault("definition");
            }
        }
    }

    private void LoadDocs()
    {
        var folders = Project.ModelPaths.Concat(Project.SeedPaths).Concat(Project.SnapshotPaths)
            .Concat(Project.Yaml.GetValueOrDefault("docs-paths") is List<object?> docs ? docs.Select(d => d?.ToString() ?? ".") : [])
            .Distinct(StringComparer.Ordinal);
        foreach (var file in Files(Project.RootPath, folders, "*.md"))
        {
            foreach (System.Text.RegularExpressions.Match block in DocsBlock().Matches(File.ReadAllText(file)))
            {
                Docs[block.Groups[1].Value] = block.Groups[2].Value.Trim();
            }
        }
    }

    private void RenderDescriptions()
    {
        var env = new Sluice.Templating.JinjaEnvironment();
        string current = string.Empty;
        env.Globals["doc"] = new Sluice.Templating.JinjaFunction("doc", args =>
        {
            var name = Sluice.Templating.Values.Str(args.Positional.Count > 1 ? args.Positional[1] : args.Get(0, "name"));
            return Docs.TryGetValue(name, out var text)
                ? text
                : throw new CompileException($"doc('{name}') names no docs block. Add {{% docs {name} %}}...{{% enddocs %}} to a .md file in the models folder.", current);
        });
        string Render(string text)
        {
            if (!text.Contains("{{", StringComparison.Ordinal))
            {
                return text;
            }

            try
            {
                return env.Parse(current, text).Render();
            }
            catch (Sluice.Templating.TemplateException e) when (e.InnerException is CompileException inner)
            {
                throw inner;
            }
            catch (Sluice.Templating.TemplateException e)
            {
                throw new CompileException("A description cannot be rendered: " + e.Reason, current, e.Line, e.Column, e);
            }
        }

        foreach (var node in Nodes.Values)
        {
            current = node.OriginalFilePath;
            node.Description = Render(node.Description);
            foreach (var column in node.Columns.Values.OfType<OrderedDictionary<string, object?>>())
            {
                if (column.GetValueOrDefault("description") is string description)
                {
                    column["description"] = Render(description);
                }
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{%-?\s*docs\s+(\w+)\s*-?%\}(.*?)\{%-?\s*enddocs\s*-?%\}", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex DocsBlock();

    private void LoadSnapshots()
    {
        foreach (var file in Files(Project.RootPath, Project.SnapshotPaths, "*.sql"))
        {
            var text = File.ReadAllText(file);
            foreach (System.Text.RegularExpressions.Match block in SnapshotBlock().Matches(text))
            {
                var name = block.Groups[1].Value;
                // Keep the lines before the body so compile errors point at the right line of the file.
                var body = new string('\n', text[..block.Groups[2].Index].Count(c => c == '\n')) + block.Groups[2].Value;
                Add(new TransformNode
                {
                    UniqueId = $"snapshot.{Project.Name}.{name}",
                    Type = NodeType.Snapshot,
                    Name = name,
                    PackageName = Project.Name,
                    OriginalFilePath = Relative(Project.RootPath, file),
                    Fqn = [Project.Name, name],
                    RawCode = body,
                    Config = ConfigMerge.FromTree(Project.Yaml.GetValueOrDefault("snapshots"), Project.Name, [name]),
                });
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{%-?\s*snapshot\s+(\w+)\s*-?%\}(.*?)\{%-?\s*endsnapshot\s*-?%\}", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex SnapshotBlock();

    private void LoadSingularTests()
    {
        foreach (var file in Files(Project.RootPath, Project.TestPaths, "*.sql").Where(f => !IsGenericTestFile(Project.RootPath, f)))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            Add(new TransformNode
            {
                UniqueId = $"test.{Project.Name}.{name}",
                Type = NodeType.Test,
                Name = name,
                PackageName = Project.Name,
                OriginalFilePath = Relative(Project.RootPath, file),
                Fqn = [Project.Name, name],
                RawCode = File.ReadAllText(file),
                Config = TestConfigDefaults(),
            });
        }
    }

    private OrderedDictionary<string, object?> TestConfigDefaults()
    {
        var tree = Project.Yaml.GetValueOrDefault("data_tests") ?? Project.Yaml.GetValueOrDefault("tests");
        var config = ConfigMerge.FromTree(tree, Project.Name, []);
        config.TryAdd("severity", "ERROR");
        return config;
    }

    private void Add(TransformNode node)
    {
        if (Nodes.TryGetValue(node.UniqueId, out var existing))
        {
            throw new CompileException(
                $"Two {node.Type.ToString().ToLowerInvariant()}s are named '{node.Name}': '{existing.OriginalFilePath}' and '{node.OriginalFilePath}'. Names must be unique: rename one file.",
                node.OriginalFilePath);
        }

        Nodes[node.UniqueId] = node;
    }

    private void LoadProperties()
    {
        var folders = Project.ModelPaths.Concat(Project.SeedPaths).Concat(Project.TestPaths).Distinct(StringComparer.Ordinal).ToList();
        var files = Files(Project.RootPath, folders, "*.yml").Concat(Files(Project.RootPath, folders, "*.yaml")).Distinct(StringComparer.Ordinal).ToList();
        var pendingTests = new List<(string File, string Owner, bool IsSource, string? Column, object? Definition)>();
        foreach (var file in files)
        {
            var relative = Relative(Project.RootPath, file);
            var yaml = Yaml.LoadMapping(file, relative);
            foreach (var entry in List(yaml, "sources"))
            {
                LoadSource(relative, entry, pendingTests);
            }

            foreach (var (kind, type) in new[] { ("models", NodeType.Model), ("seeds", NodeType.Seed), ("snapshots", NodeType.Snapshot) })
            {
                foreach (var entry in List(yaml, kind))
                {
                    var name = entry.GetValueOrDefault("name") as string
                        ?? throw new CompileException($"An entry under `{kind}:` has no `name`.", relative);
                    var id = $"{type.ToString().ToLowerInvariant()}.{Project.Name}.{name}";
                    if (!Nodes.TryGetValue(id, out var node))
                    {
                        throw new CompileException(
                            $"'{relative}' describes {type.ToString().ToLowerInvariant()} '{name}', but no such {type.ToString().ToLowerInvariant()} exists. Fix the name or add the file.",
                            relative);
                    }

                    node.Description = entry.GetValueOrDefault("description") as string ?? node.Description;
                    if (entry.GetValueOrDefault("config") is OrderedDictionary<string, object?> config)
                    {
                        ConfigMerge.Into(node.Config, config);
                    }

                    foreach (var key in new[] { "tags", "meta", "docs" })
                    {
                        if (entry.TryGetValue(key, out var value))
                        {
                            ConfigMerge.Into(node.Config, [new(key, value)]);
                        }
                    }

                    foreach (var column in ListOf(entry, "columns"))
                    {
                        if (column.GetValueOrDefault("name") is not string columnName)
                        {
                            continue;
                        }

                        node.Columns[columnName] = column;
                        foreach (var test in TestList(column))
                        {
                            pendingTests.Add((relative, id, false, columnName, test));
                        }
                    }

                    foreach (var test in TestList(entry))
                    {
                        pendingTests.Add((relative, id, false, null, test));
                    }
                }
            }
        }

        foreach (var (file, owner, isSource, column, definition) in pendingTests)
        {
            AddGenericTest(file, owner, isSource, column, definition);
        }
    }

    private void LoadSource(string file, OrderedDictionary<string, object?> entry, List<(string, string, bool, string?, object?)> pendingTests)
    {
        var sourceName = entry.GetValueOrDefault("name") as string ?? throw new CompileException("A source has no `name`.", file);
        var schema = (entry.GetValueOrDefault("schema") as string ?? sourceName).ToLowerInvariant();
        var database = (entry.GetValueOrDefault("database") as string ?? entry.GetValueOrDefault("catalog") as string ?? Target.Database).ToLowerInvariant();
        foreach (var table in ListOf(entry, "tables"))
        {
            var name = table.GetValueOrDefault("name") as string ?? throw new CompileException($"A table of source '{sourceName}' has no `name`.", file);
            var source = new SourceTable
            {
                UniqueId = $"source.{Project.Name}.{sourceName}.{name}",
                SourceName = sourceName,
                Name = name,
                Schema = schema,
                Database = database,
                Identifier = (table.GetValueOrDefault("identifier") as string ?? name).ToLowerInvariant(),
                OriginalFilePath = file,
                Description = table.GetValueOrDefault("description") as string ?? string.Empty,
                SourceDescription = entry.GetValueOrDefault("description") as string ?? string.Empty,
                Loader = entry.GetValueOrDefault("loader") as string ?? string.Empty,
                LoadedAtField = FreshnessCriteria.Setting(table, entry, "loaded_at_field") as string,
                Freshness = FreshnessCriteria.Parse(FreshnessCriteria.Setting(table, entry, "freshness"), file, $"source '{sourceName}.{name}'"),
            };
            Sources[source.UniqueId] = source;
            foreach (var column in ListOf(table, "columns"))
            {
                if (column.GetValueOrDefault("name") is string columnName)
                {
                    source.Columns[columnName] = column;
                }

                foreach (var test in TestList(column))
                {
                    pendingTests.Add((file, source.UniqueId, true, column.GetValueOrDefault("name") as string, test));
                }
            }

            foreach (var test in TestList(table))
            {
                pendingTests.Add((file, source.UniqueId, true, null, test));
            }
        }
    }

    private void AddGenericTest(string file, string owner, bool isSource, string? column, object? definition)
    {
        string testName;
        var kwargs = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        switch (definition)
        {
            case string name:
                testName = name;
                break;
            case OrderedDictionary<string, object?> { Count: 1 } single when single.GetAt(0).Value is OrderedDictionary<string, object?> or null:
                testName = single.GetAt(0).Key;
                if (single.GetAt(0).Value is OrderedDictionary<string, object?> args)
                {
                    foreach (var (k, v) in args)
                    {
                        kwargs[k] = v;
                    }
                }

                break;
            case OrderedDictionary<string, object?> full when full.GetValueOrDefault("test_name") is string named:
                testName = named;
                foreach (var (k, v) in full.Where(kv => kv.Key is not ("test_name" or "name")))
                {
                    kwargs[k] = v;
                }

                break;
            default:
                throw new CompileException($"A test under '{owner}' is neither a name nor a mapping of one test name to its arguments.", file);
        }

        // Dotted names (dbt_utils.x) call the macro of that package: Sluice resolves macros by name alone.
        var shortName = testName.Contains('.', StringComparison.Ordinal) ? testName[(testName.LastIndexOf('.') + 1)..] : testName;
        var config = TestConfigDefaults();
        if (kwargs.GetValueOrDefault("arguments") is OrderedDictionary<string, object?> arguments)
        {
            kwargs.Remove("arguments");
            foreach (var (k, v) in arguments)
            {
                kwargs[k] = v;
            }
        }

        foreach (var key in new[] { "severity", "warn_if", "error_if", "where", "limit", "store_failures", "tags", "enabled", "fail_calc" })
        {
            if (kwargs.Remove(key, out var value))
            {
                ConfigMerge.Into(config, [new(key, value)]);
            }
        }

        if (kwargs.Remove("config", out var nested) && nested is OrderedDictionary<string, object?> nestedConfig)
        {
            ConfigMerge.Into(config, nestedConfig);
        }

        var ownerName = isSource ? Sources[owner].SourceName + "_" + Sources[owner].Name : Nodes[owner].Name;
        // dbt's naming: arguments sorted by name, flattened, each run of other characters replaced by one '_'.
        var suffix = string.Join("__", kwargs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => ArgumentText(kv.Value)).Where(s => s.Length > 0).Select(Sanitize));
        var raw = shortName + "_" + ownerName + (column is null ? string.Empty : "_" + column) + (suffix.Length > 0 ? "__" + suffix : string.Empty);
        var nodeName = Sanitize(raw);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(owner + "|" + column + "|" + testName + "|" + suffix)))[..10];
        if (nodeName.Length > 64)
        {
            nodeName = nodeName[..50] + "_" + hash;
        }

        var node = new TransformNode
        {
            UniqueId = $"test.{Project.Name}.{nodeName}.{hash}",
            Type = NodeType.Test,
            Name = nodeName,
            PackageName = Project.Name,
            OriginalFilePath = file,
            Fqn = [Project.Name, nodeName],
            Config = config,
            TestName = shortName,
            TestKwargs = kwargs,
            AttachedTo = owner,
            ColumnName = column,
        };
        if (isSource)
        {
            node.SourceIds.Add(owner);
        }
        else
        {
            node.DependsOn.Add(owner);
        }

        if (!Nodes.ContainsKey(node.UniqueId))
        {
            Nodes[node.UniqueId] = node;
        }
    }

    private static string ArgumentText(object? value) => value switch
    {
        null => string.Empty,
        List<object?> list => string.Join("__", list.Select(ArgumentText)),
        OrderedDictionary<string, object?> => string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var inRun = false;
        foreach (var c in text)
        {
            var keep = char.IsAsciiLetterOrDigit(c) || c == '_';
            if (keep)
            {
                builder.Append(c);
            }
            else if (!inRun)
            {
                builder.Append('_');
            }

            inRun = !keep;
        }

        return builder.ToString();
    }

    private static IEnumerable<object?> TestList(OrderedDictionary<string, object?> entry) =>
        (entry.GetValueOrDefault("data_tests") as List<object?> ?? []).Concat(entry.GetValueOrDefault("tests") as List<object?> ?? []);

    private static IEnumerable<OrderedDictionary<string, object?>> List(OrderedDictionary<string, object?> yaml, string key) => ListOf(yaml, key);

    private static IEnumerable<OrderedDictionary<string, object?>> ListOf(OrderedDictionary<string, object?> yaml, string key) =>
        (yaml.GetValueOrDefault(key) as List<object?> ?? []).OfType<OrderedDictionary<string, object?>>();
}
