using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sluice.Transform;

/// <summary><c>target/manifest.json</c> and <c>target/run_results.json</c> in dbt's shapes (v12 manifest, v6 run results), the parts tools read.</summary>
internal static class Artifacts
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    public static void WriteManifest(TransformProject project, TransformCompiler compiler, string targetFolder)
    {
        Directory.CreateDirectory(targetFolder);
        using var stream = File.Create(Path.Combine(targetFolder, "manifest.json"));
        using var json = new Utf8JsonWriter(stream, Options);
        json.WriteStartObject();
        Metadata(json, project, compiler, "https://schemas.getdbt.com/dbt/manifest/v12.json");
        json.WriteStartObject("nodes");
        foreach (var node in project.Nodes.Values)
        {
            json.WriteStartObject(node.UniqueId);
            json.WriteString("unique_id", node.UniqueId);
            json.WriteString("resource_type", node.Type.ToString().ToLowerInvariant());
            json.WriteString("package_name", node.PackageName);
            json.WriteString("name", node.Name);
            json.WriteString("path", node.OriginalFilePath);
            json.WriteString("original_file_path", node.OriginalFilePath);
            json.WriteStartArray("fqn");
            foreach (var part in node.Fqn)
            {
                json.WriteStringValue(part);
            }

            json.WriteEndArray();
            json.WriteString("database", node.Database);
            json.WriteString("schema", node.Schema);
            json.WriteString("alias", node.Alias);
            json.WriteString("relation_name", node.Type == NodeType.Test || node.Materialized == "ephemeral" ? null : TransformCompiler.RelationOf(node).DmlName);
            json.WriteStartObject("checksum");
            json.WriteString("name", "sha256");
            json.WriteString("checksum", Checksum(node));
            json.WriteEndObject();
            json.WritePropertyName("config");
            Value(json, node.Config);
            json.WriteStartArray("tags");
            foreach (var tag in node.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            json.WriteString("description", node.Description);
            json.WritePropertyName("columns");
            Value(json, node.Columns);
            json.WriteStartObject("depends_on");
            json.WriteStartArray("macros");
            json.WriteEndArray();
            json.WriteStartArray("nodes");
            foreach (var parent in node.DependsOn.Concat(node.SourceIds))
            {
                json.WriteStringValue(parent);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("raw_code", node.RawCode);
            json.WriteString("compiled_code", node.CompiledCode);
            json.WriteString("language", "sql");
            if (node.TestName is not null)
            {
                json.WriteStartObject("test_metadata");
                json.WriteString("name", node.TestName);
                json.WritePropertyName("kwargs");
                var kwargs = new OrderedDictionary<string, object?>(node.TestKwargs, StringComparer.Ordinal);
                if (node.ColumnName is not null)
                {
                    kwargs["column_name"] = node.ColumnName;
                }

                Value(json, kwargs);
                json.WriteEndObject();
                json.WriteString("attached_node", node.AttachedTo);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("sources");
        foreach (var source in project.Sources.Values)
        {
            json.WriteStartObject(source.UniqueId);
            json.WriteString("unique_id", source.UniqueId);
            json.WriteString("resource_type", "source");
            json.WriteString("source_name", source.SourceName);
            json.WriteString("name", source.Name);
            json.WriteString("database", source.Database);
            json.WriteString("schema", source.Schema);
            json.WriteString("identifier", source.Identifier);
            json.WriteString("original_file_path", source.OriginalFilePath);
            json.WriteString("relation_name", new DbtRelation(source.Database, source.Schema, source.Identifier).DmlName);
            json.WriteString("description", source.Description);
            json.WriteString("source_description", source.SourceDescription);
            json.WriteString("loader", source.Loader);
            json.WriteString("loaded_at_field", source.LoadedAtField);
            json.WritePropertyName("freshness");
            if (source.Freshness is { } freshness)
            {
                json.WriteStartObject();
                foreach (var (name, threshold) in new[] { ("warn_after", freshness.WarnAfter), ("error_after", freshness.ErrorAfter) })
                {
                    json.WriteStartObject(name);
                    if (threshold is null)
                    {
                        json.WriteNull("count");
                        json.WriteNull("period");
                    }
                    else
                    {
                        json.WriteNumber("count", threshold.Count);
                        json.WriteString("period", threshold.Period);
                    }

                    json.WriteEndObject();
                }

                json.WriteString("filter", freshness.Filter);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNullValue();
            }

            json.WritePropertyName("columns");
            Value(json, source.Columns);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        foreach (var empty in new[] { "macros", "docs", "exposures", "metrics", "groups", "selectors", "disabled", "semantic_models", "saved_queries", "unit_tests" })
        {
            json.WriteStartObject(empty);
            json.WriteEndObject();
        }

        var children = TransformGraph.Children(project);
        json.WriteStartObject("parent_map");
        foreach (var node in project.Nodes.Values)
        {
            WriteList(json, node.UniqueId, node.DependsOn.Concat(node.SourceIds));
        }

        json.WriteEndObject();
        json.WriteStartObject("child_map");
        foreach (var (id, list) in children)
        {
            WriteList(json, id, list);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteRunResults(string command, TransformCompiler compiler, IReadOnlyList<NodeResult> results, TimeSpan elapsed, string targetFolder)
    {
        Directory.CreateDirectory(targetFolder);
        using var stream = File.Create(Path.Combine(targetFolder, "run_results.json"));
        using var json = new Utf8JsonWriter(stream, Options);
        json.WriteStartObject();
        json.WriteStartObject("metadata");
        json.WriteString("dbt_schema_version", "https://schemas.getdbt.com/dbt/run-results/v6.json");
        json.WriteString("dbt_version", "1.9.0");
        json.WriteString("generated_at", Time(DateTime.UtcNow));
        json.WriteString("invocation_id", compiler.InvocationId);
        json.WriteString("sluice_version", SluiceInfo.Version);
        json.WriteEndObject();
        json.WriteNumber("elapsed_time", elapsed.TotalSeconds);
        json.WriteStartObject("args");
        json.WriteString("which", command);
        json.WriteBoolean("full_refresh", compiler.FullRefreshFlag);
        json.WriteEndObject();
        json.WriteStartArray("results");
        foreach (var result in results)
        {
            json.WriteStartObject();
            json.WriteString("unique_id", result.Node.UniqueId);
            json.WriteString("status", result.Status);
            json.WriteStartArray("timing");
            if (result.Status != "skipped")
            {
                json.WriteStartObject();
                json.WriteString("name", "execute");
                json.WriteString("started_at", Time(result.StartedAt));
                json.WriteString("completed_at", Time(result.CompletedAt));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("thread_id", "Thread-1");
            json.WriteNumber("execution_time", result.Elapsed.TotalSeconds);
            json.WriteStartObject("adapter_response");
            json.WriteString("_message", (result.IsFailure ? "ERROR " : "OK ") + result.RowsAffected.ToString(CultureInfo.InvariantCulture));
            json.WriteString("code", result.Status == "error" ? "ERROR" : "OK");
            json.WriteNumber("rows_affected", result.RowsAffected);
            json.WriteNumber("data_scanned_in_bytes", result.DataScannedBytes);
            json.WriteNumber("statements", result.Statements.Count);
            json.WriteNumber("catalog_calls", result.CatalogCalls.Count);
            json.WriteEndObject();
            json.WriteString("message", result.Message);
            if (result.Failures is { } failures)
            {
                json.WriteNumber("failures", failures);
            }
            else
            {
                json.WriteNull("failures");
            }

            json.WriteString("compiled_code", result.Node.CompiledCode);
            json.WriteString("relation_name", result.Node.Type == NodeType.Test ? null : TransformCompiler.RelationOf(result.Node).DmlName);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Metadata(Utf8JsonWriter json, TransformProject project, TransformCompiler compiler, string schema)
    {
        json.WriteStartObject("metadata");
        json.WriteString("dbt_schema_version", schema);
        json.WriteString("dbt_version", "1.9.0");
        json.WriteString("generated_at", Time(DateTime.UtcNow));
        json.WriteString("invocation_id", compiler.InvocationId);
        json.WriteString("project_name", project.Project.Name);
        json.WriteString("adapter_type", "athena");
        json.WriteString("sluice_version", SluiceInfo.Version);
        json.WriteStartObject("env");
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter json, string name, IEnumerable<string> items)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStringValue(item);
        }

        json.WriteEndArray();
    }

    /// <summary>The SHA-256 checksum of a node's raw code, as written to the manifest.</summary>
    public static string Checksum(TransformNode node) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(node.RawCode)));

    /// <summary>A value as compact JSON, for comparing configs with a previous manifest.</summary>
    public static string Canonical(object? value)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            Value(json, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static void Value(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string s:
                json.WriteStringValue(s);
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case long l:
                json.WriteNumberValue(l);
                break;
            case double d:
                json.WriteNumberValue(d);
                break;
            case IDictionary<string, object?> map:
                json.WriteStartObject();
                foreach (var (k, v) in map)
                {
                    json.WritePropertyName(k);
                    Value(json, v);
                }

                json.WriteEndObject();
                break;
            case System.Collections.IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    Value(json, item);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
