using System.Globalization;
using Sluice.Engines;
using Sluice.Errors;
using Sluice.Sql;

namespace Sluice.Transform;

/// <summary>
/// Runs selected nodes in DAG order on an engine: seeds, models (view, table, incremental; ephemeral models are inlined),
/// and tests. A node whose parent failed or was skipped is skipped. Compiled SQL goes to <c>target/compiled/</c>, the
/// statements each node ran to <c>target/run/</c>, and <c>manifest.json</c> and <c>run_results.json</c> to <c>target/</c>.
/// </summary>
/// <remarks>
/// Up to <see cref="Threads"/> nodes run at once, each as soon as its parents finished; the local engine serialises their
/// statements, so threads there overlap only rendering and bookkeeping.
/// </remarks>
public sealed class TransformRunner
{
    private readonly TransformProject _project;
    private readonly TransformCompiler _compiler;
    private readonly IAthenaEngine _engine;

    public TransformRunner(TransformProject project, TransformCompiler compiler, IAthenaEngine engine)
    {
        _project = project;
        _compiler = compiler;
        _engine = engine;
    }

    public bool FailFast { get; init; }

    /// <summary>How many nodes may run at once (dbt's threads). The local engine still runs one statement at a time.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Only render and write compiled SQL (<c>sluice compile</c>); nothing is built.</summary>
    public bool CompileOnly { get; init; }

    public Action<TransformNode, int, int>? NodeStarted { get; init; }

    /// <summary>Extra nodes that must succeed before a node runs (in <c>build</c>, the tests of its parents).</summary>
    public IReadOnlyDictionary<string, List<string>> Blockers { get; init; } = new Dictionary<string, List<string>>();

    public Action<NodeResult, int, int>? NodeFinished { get; init; }

    public string TargetFolder => Path.Combine(_project.Project.RootPath, _project.Project.TargetPath);

    /// <summary>Runs <paramref name="nodes"/> (already in DAG order) and writes the artifacts.</summary>
    public async Task<IReadOnlyList<NodeResult>> RunAsync(string command, IReadOnlyList<TransformNode> nodes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var started = DateTime.UtcNow;
        var results = new List<NodeResult>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        if (!CompileOnly)
        {
            await CreateSchemasAsync(nodes, cancellationToken).ConfigureAwait(false);
        }

        if (!CompileOnly)
        {
            await RunProjectHooksAsync("on-run-start", _project.Project.OnRunStart, results, cancellationToken).ConfigureAwait(false);
        }

        var index = 0;
        var stop = false;
        var selected = nodes.Select(n => n.UniqueId).ToHashSet(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var pending = nodes.ToList();
        var running = new Dictionary<Task<NodeResult>, int>();
        var threads = Math.Max(1, Threads);

        void Finish(NodeResult result, int number)
        {
            done.Add(result.Node.UniqueId);
            if (result.Status is "error" or "fail" or "skipped" && !(result.Status == "skipped" && CompileOnly))
            {
                failed.Add(result.Node.UniqueId);
                stop |= FailFast && result.Status is "error" or "fail";
            }

            results.Add(result);
            NodeFinished?.Invoke(result, number, nodes.Count);
        }

        // Nodes start in DAG order as soon as everything they depend on has finished, up to `threads` at a time.
        while (pending.Count > 0 || running.Count > 0)
        {
            for (var i = 0; i < pending.Count && running.Count < threads;)
            {
                var node = pending[i];
                var parents = EffectiveParents(node, selected).Concat(Blockers.GetValueOrDefault(node.UniqueId) ?? []).Where(selected.Contains).ToList();
                var blockedBy = parents.FirstOrDefault(failed.Contains);
                if (stop || blockedBy is not null)
                {
                    pending.RemoveAt(i);
                    var now = DateTime.UtcNow;
                    Finish(
                        new NodeResult(node, "skipped", stop ? "Skipped: --fail-fast stopped the run." : $"Skipped because {blockedBy} did not succeed.") { StartedAt = now, CompletedAt = now },
                        ++index);
                    continue;
                }

                if (parents.All(done.Contains))
                {
                    pending.RemoveAt(i);
                    NodeStarted?.Invoke(node, ++index, nodes.Count);
                    running[threads == 1 ? RunNodeAsync(node, cancellationToken) : Task.Run(() => RunNodeAsync(node, cancellationToken), cancellationToken)] = index;
                    continue;
                }

                i++;
            }

            if (running.Count == 0)
            {
                break;
            }

            var finished = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var number = running[finished];
            running.Remove(finished);
            Finish(await finished.ConfigureAwait(false), number);
        }

        if (!CompileOnly)
        {
            await RunProjectHooksAsync("on-run-end", _project.Project.OnRunEnd, results, cancellationToken).ConfigureAwait(false);
        }

        Artifacts.WriteManifest(_project, _compiler, TargetFolder);
        Artifacts.WriteRunResults(command, _compiler, results, DateTime.UtcNow - started, TargetFolder);
        return results;
    }

    /// <summary>The selected nodes a node waits for: its parents, looking through unselected ones (ephemeral models) to their parents.</summary>
    private List<string> EffectiveParents(TransformNode node, HashSet<string> selected)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(node.DependsOn);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!seen.Add(id))
            {
                continue;
            }

            if (selected.Contains(id))
            {
                result.Add(id);
            }
            else if (_project.Nodes.TryGetValue(id, out var parent))
            {
                foreach (var grandparent in parent.DependsOn)
                {
                    stack.Push(grandparent);
                }
            }
        }

        return result;
    }

    private async Task CreateSchemasAsync(IReadOnlyList<TransformNode> nodes, CancellationToken cancellationToken)
    {
        foreach (var schema in nodes.Where(n => n.Type != NodeType.Test && n.Materialized != "ephemeral").Select(n => n.Schema).Distinct(StringComparer.Ordinal))
        {
            if (await _engine.Catalog.GetDatabaseAsync(schema, cancellationToken).ConfigureAwait(false) is null)
            {
                await _engine.ExecuteAsync("CREATE SCHEMA IF NOT EXISTS " + SqlRender.DdlIdentifier(schema), QueryContext.Default, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<NodeResult> RunNodeAsync(TransformNode node, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var exec = new NodeExecution(_engine, node.Schema, cancellationToken);
        try
        {
            var (status, message, failures) = await BuildAsync(node, exec, cancellationToken).ConfigureAwait(false);
            WriteSql("run", node, string.Join(";\n\n", exec.Statements));
            return new NodeResult(node, status, message)
            {
                StartedAt = started,
                CompletedAt = DateTime.UtcNow,
                RowsAffected = failures ?? exec.RowsAffected,
                DataScannedBytes = exec.DataScannedBytes,
                Statements = exec.Statements,
                CatalogCalls = exec.CatalogCalls,
                Failures = failures,
                Notes = exec.Logs,
            };
        }
        catch (SluiceException e)
        {
            var message = e is EngineException engine ? EngineErrorMessage(node, engine, exec.Statements) : e.Message;
            if (exec.Statements.Count > 0 && !CompileOnly)
            {
                WriteSql("run", node, string.Join(";\n\n", exec.Statements));
            }

            return new NodeResult(node, "error", message)
            {
                StartedAt = started,
                CompletedAt = DateTime.UtcNow,
                DataScannedBytes = exec.DataScannedBytes,
                Statements = exec.Statements,
                CatalogCalls = exec.CatalogCalls,
                Notes = exec.Logs,
            };
        }
    }

    private async Task<(string Status, string Message, long? Failures)> BuildAsync(TransformNode node, NodeExecution exec, CancellationToken cancellationToken)
    {
        var materializer = new Materializer(_project, exec, node);
        if (!CompileOnly && node.Type is NodeType.Model or NodeType.Seed or NodeType.Snapshot && node.Materialized != "ephemeral")
        {
            await materializer.RecoverAsync().ConfigureAwait(false);
        }

        if (node.Type == NodeType.Seed)
        {
            var (_, _, batches) = SeedFile.Read(node, _engine.Capabilities.MaxQueryBytes);
            node.CompiledCode = batches[0];
            if (CompileOnly)
            {
                return ("success", "compiled", null);
            }

            await materializer.SeedAsync(batches).ConfigureAwait(false);
            return ("success", $"INSERT {exec.RowsAffected.ToString(CultureInfo.InvariantCulture)}", null);
        }

        var existing = node.Type == NodeType.Model ? await exec.GetTableAsync(node.Schema, node.Alias).ConfigureAwait(false) : null;
        var incremental = Materializer.WillRunIncrementally(node, existing, _compiler.FullRefreshFlag);
        var scope = new RenderScope(node, execute: true)
        {
            IsIncremental = incremental,
            FullRefresh = _compiler.FullRefreshFlag,
            RunSql = exec.Execute,
            GetTable = exec.GetTable,
            Log = exec.Logs.Add,
        };
        var sql = await Task.Run(() => _compiler.Compile(node, scope, cancellationToken), cancellationToken).ConfigureAwait(false);
        WriteSql("compiled", node, sql);
        if (CompileOnly)
        {
            return ("success", "compiled", null);
        }

        if (node.Type == NodeType.Test)
        {
            return await TestAsync(node, await StoreFailuresAsync(node, sql, exec).ConfigureAwait(false), exec).ConfigureAwait(false);
        }

        if (node.Type == NodeType.Snapshot)
        {
            await materializer.SnapshotAsync(sql, _compiler.RunStartedAt).ConfigureAwait(false);
            return ("success", $"OK {exec.RowsAffected.ToString(CultureInfo.InvariantCulture)}", null);
        }

        if (node.Materialized is not ("view" or "table" or "incremental" or "ephemeral"))
        {
            throw new CompileException(
                $"Materialization '{node.Materialized}' of '{node.Name}' is not supported. Use view, table, incremental or ephemeral.", node.OriginalFilePath);
        }

        if (node.Materialized == "ephemeral")
        {
            return ("success", "ephemeral", null);
        }

        await materializer.CheckContractAsync(sql).ConfigureAwait(false);
        await RunHooksAsync(node, scope, "pre-hook", exec, cancellationToken).ConfigureAwait(false);
        switch (node.Materialized)
        {
            case "view":
                await materializer.ViewAsync(sql).ConfigureAwait(false);
                break;
            case "table":
                await materializer.TableAsync(sql).ConfigureAwait(false);
                break;
            default:
                await materializer.IncrementalAsync(sql, incremental).ConfigureAwait(false);
                break;
        }

        var rows = exec.RowsAffected;
        await materializer.PersistDocsAsync().ConfigureAwait(false);
        await RunHooksAsync(node, scope, "post-hook", exec, cancellationToken).ConfigureAwait(false);
        return ("success", node.Materialized == "view" ? "OK" : $"OK {rows.ToString(CultureInfo.InvariantCulture)}", null);
    }

    /// <summary>Runs a node's <c>pre-hook</c> or <c>post-hook</c> configs (strings, lists, or mappings with <c>sql:</c>), rendered in its context.</summary>
    private async Task RunHooksAsync(TransformNode node, RenderScope scope, string key, NodeExecution exec, CancellationToken cancellationToken)
    {
        var hooks = node.Config.GetValueOrDefault(key) switch
        {
            string one => [one],
            List<object?> list => list.Select(h => h is OrderedDictionary<string, object?> d ? d.GetValueOrDefault("sql") as string : h as string).OfType<string>().ToList(),
            OrderedDictionary<string, object?> d when d.GetValueOrDefault("sql") is string sql => [sql],
            _ => new List<string>(),
        };
        var number = 0;
        foreach (var hook in hooks)
        {
            var text = _compiler.RenderText(node, scope, $"{node.OriginalFilePath} ({key} {++number})", hook, null, cancellationToken);
            foreach (var statement in SqlScript.Split(text))
            {
                await exec.ExecuteAsync(statement, countRows: false).ConfigureAwait(false);
            }
        }
    }

    /// <summary><c>on-run-start</c> / <c>on-run-end</c>: rendered with <c>results</c> (the node results so far) and run in the target schema.</summary>
    private async Task RunProjectHooksAsync(string name, IReadOnlyList<string> hooks, List<NodeResult> results, CancellationToken cancellationToken)
    {
        if (hooks.Count == 0)
        {
            return;
        }

        var node = new TransformNode
        {
            UniqueId = $"operation.{_project.Project.Name}.{name}",
            Type = NodeType.Test,
            Name = name,
            PackageName = _project.Project.Name,
            OriginalFilePath = "dbt_project.yml",
            Fqn = [_project.Project.Name, name],
            Schema = _project.Target.Schema,
            Database = _project.Target.Database,
        };
        var exec = new NodeExecution(_engine, _project.Target.Schema, cancellationToken);
        var scope = new RenderScope(node, execute: true) { RunSql = exec.Execute, GetTable = exec.GetTable, Log = exec.Logs.Add };
        var resultList = results.Select(r => (object?)new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["status"] = r.Status,
            ["message"] = r.Message,
            ["node"] = new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["name"] = r.Node.Name, ["unique_id"] = r.Node.UniqueId, ["schema"] = r.Node.Schema },
        }).ToList();
        var schemas = results.Select(r => (object?)r.Node.Schema).Distinct().ToList();
        var number = 0;
        foreach (var hook in hooks)
        {
            var text = _compiler.RenderText(node, scope, $"dbt_project.yml ({name} {++number})", hook, new Dictionary<string, object?> { ["results"] = resultList, ["schemas"] = schemas }, cancellationToken);
            foreach (var statement in SqlScript.Split(text))
            {
                await exec.ExecuteAsync(statement, countRows: false).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// <c>store_failures</c> / <c>store_failures_as</c>: the failing rows become a table (or view) in
    /// <c>&lt;schema&gt;_dbt_test__audit</c>, built like a model (atomically replaced), and the test counts from it.
    /// </summary>
    private async Task<string> StoreFailuresAsync(TransformNode test, string sql, NodeExecution exec)
    {
        var kind = test.ConfigString("store_failures_as") ?? (test.Config.GetValueOrDefault("store_failures") is true ? "table" : null);
        if (kind is null or "ephemeral")
        {
            return sql;
        }

        var schema = (_project.Target.Schema + "_" + (test.ConfigString("schema") ?? "dbt_test__audit")).ToLowerInvariant();
        var audit = new TransformNode
        {
            UniqueId = test.UniqueId,
            Type = NodeType.Model,
            Name = test.Name,
            PackageName = test.PackageName,
            OriginalFilePath = test.OriginalFilePath,
            Fqn = test.Fqn,
            Schema = schema,
            Database = _project.Target.Database,
            Alias = (test.Name.Length > 200 ? test.Name[..200] : test.Name).ToLowerInvariant(),
            Config = new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["materialized"] = kind },
        };
        if (await exec.Catalog.GetDatabaseAsync(schema).ConfigureAwait(false) is null)
        {
            await exec.ExecuteAsync("CREATE SCHEMA IF NOT EXISTS " + SqlRender.DdlIdentifier(schema), countRows: false).ConfigureAwait(false);
        }

        var materializer = new Materializer(_project, exec, audit);
        await materializer.RecoverAsync().ConfigureAwait(false);
        if (kind == "view")
        {
            await materializer.ViewAsync(sql).ConfigureAwait(false);
        }
        else
        {
            await materializer.TableAsync(sql).ConfigureAwait(false);
        }

        exec.Logs.Add("failing rows stored in " + TransformCompiler.RelationOf(audit).DmlName);
        return "SELECT * FROM " + TransformCompiler.RelationOf(audit).DmlName;
    }

    private static async Task<(string, string, long?)> TestAsync(TransformNode node, string sql, NodeExecution exec)
    {
        var failCalc = node.ConfigString("fail_calc") ?? "count(*)";
        var warnIf = node.ConfigString("warn_if") ?? "!= 0";
        var errorIf = node.ConfigString("error_if") ?? "!= 0";
        var limit = node.Config.GetValueOrDefault("limit") is long n ? "\nLIMIT " + SqlRender.IntegerLiteral(n) : string.Empty;
        var wrapped = $"SELECT {failCalc} AS failures, CASE WHEN {failCalc} {warnIf} THEN true ELSE false END AS should_warn, "
            + $"CASE WHEN {failCalc} {errorIf} THEN true ELSE false END AS should_error\nFROM (\n{sql.Trim()}{limit}\n) AS dbt_internal_test";
        var result = await exec.ExecuteAsync(wrapped, countRows: false).ConfigureAwait(false);
        var row = result.Rows[0];
        var failures = Convert.ToInt64(row[0] ?? 0L, CultureInfo.InvariantCulture);
        var shouldWarn = row[1] is true;
        var shouldError = row[2] is true;
        var severity = (node.ConfigString("severity") ?? "error").ToLowerInvariant();
        var noun = failures == 1 ? "result" : "results";
        if (severity == "error" && shouldError)
        {
            return ("fail", $"Got {failures} {noun}, configured to fail if {errorIf}", failures);
        }

        if (shouldWarn || shouldError)
        {
            return ("warn", $"Got {failures} {noun}, configured to warn if {warnIf}", failures);
        }

        return ("pass", "PASS", failures);
    }

    private void WriteSql(string kind, TransformNode node, string sql)
    {
        var path = Path.Combine(_project.Project.RootPath, SqlPath(kind, node));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, sql);
    }

    /// <summary>Where <c>compiled</c> or <c>run</c> SQL of a node goes, relative to the project (<c>target/compiled/pkg/models/x.sql</c>).</summary>
    private string SqlPath(string kind, TransformNode node)
    {
        var relative = node.TestName is not null ? $"{node.OriginalFilePath}/{node.Name}.sql" : node.OriginalFilePath;
        if (node.Type == NodeType.Seed)
        {
            relative = Path.ChangeExtension(relative, ".sql");
        }

        return Path.Combine(_project.Project.TargetPath, kind, node.PackageName, relative).Replace('\\', '/');
    }

    /// <summary>
    /// An engine error of a node, pointing at the line of the compiled file: Athena's <c>line L:C</c> counts lines of
    /// the statement (a CTAS or view around the model), so the line is moved to the model's compiled SQL when the
    /// error falls inside it, and to the file under <c>target/run/</c> otherwise.
    /// </summary>
    private string EngineErrorMessage(TransformNode node, EngineException error, IReadOnlyList<string> statements)
    {
        var reason = error.StateChangeReason;
        var where = $"in {node.OriginalFilePath}";
        var match = System.Text.RegularExpressions.Regex.Match(reason, @"line (\d+):(\d+)");
        if (match.Success && statements.Count > 0 && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var line))
        {
            var statement = statements[^1];
            var compiled = node.CompiledCode ?? string.Empty;
            var body = compiled.Trim();
            var at = body.Length == 0 ? -1 : statement.IndexOf(body, StringComparison.Ordinal);
            var firstLine = at < 0 ? 0 : statement.AsSpan(0, at).Count('\n') + 1;
            var lastLine = at < 0 ? 0 : firstLine + body.AsSpan().Count('\n');
            if (at >= 0 && line >= firstLine && line <= lastLine)
            {
                var compiledLine = line - firstLine + compiled.AsSpan(0, compiled.IndexOf(body, StringComparison.Ordinal)).Count('\n') + 1;
                var text = compiled.Split('\n')[compiledLine - 1].TrimEnd();
                where = string.Create(CultureInfo.InvariantCulture, $"in {node.OriginalFilePath}; compiled SQL {SqlPath("compiled", node)}, line {compiledLine}: {text.Trim()}");
            }
            else
            {
                var runLine = line + statements.Take(statements.Count - 1).Sum(s => s.AsSpan().Count('\n') + 2);
                where = string.Create(CultureInfo.InvariantCulture, $"in {node.OriginalFilePath}; statement {statements.Count} in {SqlPath("run", node)}, line {runLine}");
            }
        }

        return $"{reason} ({where})";
    }
}
