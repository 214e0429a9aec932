using Sluice.Engines;
using Sluice.Errors;
using Sluice.Transform.Docs;

namespace Sluice.Transform;

/// <summary>
/// One invocation of a dbt-style command: loads the project and target, parses every node, selects, and runs on an engine.
/// </summary>
public sealed class TransformSession
{
    private TransformSession(TransformOptions options, TransformProject project, TransformCompiler compiler)
    {
        Options = options;
        Project = project;
        Compiler = compiler;
    }

    public TransformOptions Options { get; }

    public TransformProject Project { get; }

    public TransformCompiler Compiler { get; }

    /// <summary>Loads and parses the project: configs merged, edges recorded, relations named.</summary>
    /// <exception cref="CompileException">A project file or template is wrong.</exception>
    /// <exception cref="ConfigurationException">profiles.yml or the target is wrong.</exception>
    public static TransformSession Load(TransformOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dbtProject = DbtProject.Load(options.ProjectDir);
        var target = DbtTarget.Load(options.ProfilesDir, dbtProject.RootPath, dbtProject.ProfileName, options.Target, options.Environment);
        var project = TransformProject.Load(dbtProject, target);
        if (!string.IsNullOrWhiteSpace(options.Vars))
        {
            if (Yaml.Load(options.Vars, "--vars") is not OrderedDictionary<string, object?> vars)
            {
                throw new CompileException($"--vars must be a YAML or JSON mapping, such as '{{start_date: 2024-01-01}}'; got '{options.Vars}'.");
            }

            foreach (var (key, value) in vars)
            {
                project.CliVars[key] = value;
            }
        }

        var compiler = new TransformCompiler(project, options.Environment) { FullRefreshFlag = options.FullRefresh };
        compiler.Parse(cancellationToken);
        if (options.State is { } state)
        {
            project.LoadState(Path.GetFullPath(state, dbtProject.RootPath));
        }

        return new TransformSession(options, project, compiler);
    }

    /// <summary>The local lakehouse folder: the target's <c>lakehouse:</c> (relative to the project), else <c>.sluice/lakehouse</c> in the project.</summary>
    public string LocalLakehouse => Path.GetFullPath(Project.Target.Lakehouse ?? Path.Combine(".sluice", "lakehouse"), Project.Project.RootPath);

    /// <summary>The node types a command works on.</summary>
    public static IReadOnlySet<NodeType> TypesOf(string command) => command switch
    {
        "run" => new HashSet<NodeType> { NodeType.Model },
        "seed" => new HashSet<NodeType> { NodeType.Seed },
        "test" => new HashSet<NodeType> { NodeType.Test },
        "snapshot" => new HashSet<NodeType> { NodeType.Snapshot },
        "compile" => new HashSet<NodeType> { NodeType.Model, NodeType.Test },
        "generate" => new HashSet<NodeType> { NodeType.Model, NodeType.Test, NodeType.Snapshot },
        _ => new HashSet<NodeType> { NodeType.Model, NodeType.Seed, NodeType.Test, NodeType.Snapshot },
    };

    /// <summary>The selected nodes of <paramref name="command"/>, in the order they run.</summary>
    public IReadOnlyList<TransformNode> Select(string command)
    {
        var ids = TransformGraph.Select(Project, Options.Select, Options.Exclude, TypesOf(command), Options.Selector);
        var ordered = TransformGraph.TopologicalOrder(Project, ids);
        if (command != "build")
        {
            return ordered;
        }

        // dbt build: a model's tests run right after it, and its children wait for them.
        var result = new List<TransformNode>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in ordered.Where(n => n.Type != NodeType.Test))
        {
            result.Add(node);
            placed.Add(node.UniqueId);
            foreach (var test in ordered.Where(t => t.Type == NodeType.Test && !placed.Contains(t.UniqueId) && t.DependsOn.All(d => placed.Contains(d) || !ids.Contains(d))))
            {
                result.Add(test);
                placed.Add(test.UniqueId);
            }
        }

        result.AddRange(ordered.Where(n => !placed.Contains(n.UniqueId)));
        return result;
    }

    /// <summary>
    /// <c>source freshness</c>: writes <c>manifest.json</c>, checks the selected source tables that have freshness criteria and writes
    /// <c>sources.json</c> (to <paramref name="outputFile"/>, default <c>target/sources.json</c>). Never part of <c>build</c>, as in dbt.
    /// </summary>
    public Task<IReadOnlyList<FreshnessResult>> FreshnessAsync(
        IAthenaEngine engine,
        Action<SourceTable, int, int>? started = null,
        Action<FreshnessResult, int, int>? finished = null,
        string? outputFile = null,
        CancellationToken cancellationToken = default)
    {
        var sources = SourceFreshness.Select(Project, Options.Select, Options.Exclude);
        var freshness = new SourceFreshness(engine) { Started = started, Finished = finished };
        var target = Path.Combine(Project.Project.RootPath, Project.Project.TargetPath);
        Artifacts.WriteManifest(Project, Compiler, target);
        return freshness.RunAsync(sources, outputFile ?? Path.Combine(target, "sources.json"), Compiler.InvocationId, cancellationToken);
    }

    /// <summary>
    /// <c>docs generate</c>: compiles the selected models, tests and snapshots (refreshing <c>manifest.json</c>, unless
    /// <paramref name="compile"/> is false), then writes <c>catalog.json</c> from the engine's catalog and the static site <c>index.html</c>.
    /// </summary>
    public async Task<(DocsSummary Summary, IReadOnlyList<NodeResult> Compiled)> DocsGenerateAsync(
        IAthenaEngine engine,
        bool compile = true,
        Action<NodeResult, int, int>? finished = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var compiled = compile
            ? await RunAsync("generate", engine, finished: finished, cancellationToken: cancellationToken).ConfigureAwait(false)
            : [];
        var target = Path.Combine(Project.Project.RootPath, Project.Project.TargetPath);
        if (!compile)
        {
            Artifacts.WriteManifest(Project, Compiler, target);
        }

        var generator = new DocsGenerator(Project, engine.Catalog, Compiler.InvocationId);
        var summary = await generator.GenerateAsync(target, cancellationToken).ConfigureAwait(false);
        return (summary, compiled);
    }

    /// <summary>Runs <paramref name="command"/> on <paramref name="engine"/> and writes the artifacts.</summary>
    public Task<IReadOnlyList<NodeResult>> RunAsync(
        string command,
        IAthenaEngine engine,
        Action<TransformNode, int, int>? started = null,
        Action<NodeResult, int, int>? finished = null,
        CancellationToken cancellationToken = default)
    {
        Compiler.Which = command;
        var nodes = Select(command);
        var blockers = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (command == "build")
        {
            foreach (var node in nodes.Where(n => n.Type != NodeType.Test))
            {
                blockers[node.UniqueId] = nodes.Where(t => t.Type == NodeType.Test && t.DependsOn.Count > 0
                    && t.DependsOn.Any(node.DependsOn.Contains) && !t.DependsOn.Contains(node.UniqueId)).Select(t => t.UniqueId).ToList();
            }
        }

        var runner = new TransformRunner(Project, Compiler, engine)
        {
            FailFast = Options.FailFast,
            Threads = Options.Threads ?? Project.Target.Threads,
            CompileOnly = command is "compile" or "generate",
            NodeStarted = started,
            NodeFinished = finished,
            Blockers = blockers,
        };
        return runner.RunAsync(command, nodes, cancellationToken);
    }
}
