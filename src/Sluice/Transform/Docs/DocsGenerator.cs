using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Sluice.Catalog;
using Sluice.Engines;

namespace Sluice.Transform.Docs;

/// <summary>
/// dbt's <c>docs generate</c>: reads every relation of the project from the engine's catalog (one
/// <see cref="ICatalog.GetTablesAsync"/> call per schema, never a query per table) into <c>target/catalog.json</c>
/// (dbt's v1 shape), and writes <c>target/index.html</c>: one self-contained page (no network) with the nodes, their
/// descriptions, columns (catalog types and YAML descriptions), source and compiled SQL, and the lineage graph.
/// </summary>
/// <remarks>
/// The graph is laid out here and embedded as SVG (one <c>g.node</c> per node, one <c>path.edge</c> per edge), so the page
/// shows it without script; the script adds navigation, search and highlighting of a node's upstream and downstream.
/// </remarks>
public sealed class DocsGenerator
{
    private const double NodeWidth = 200;
    private const double NodeHeight = 26;
    private const double ColumnGap = 70;
    private const double RowGap = 12;
    private const double Margin = 16;

    private readonly TransformProject _project;
    private readonly ICatalog _catalog;
    private readonly string _invocationId;

    public DocsGenerator(TransformProject project, ICatalog catalog, string invocationId)
    {
        _project = project;
        _catalog = catalog;
        _invocationId = invocationId;
    }

    /// <summary>How many catalog calls the last <see cref="GenerateAsync"/> made (one per schema).</summary>
    public int CatalogCalls { get; private set; }

    /// <summary>Writes <c>catalog.json</c> and <c>index.html</c> into <paramref name="targetFolder"/>.</summary>
    public async Task<DocsSummary> GenerateAsync(string targetFolder, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(targetFolder);
        var relations = await ReadCatalogAsync(cancellationToken).ConfigureAwait(false);
        var catalogFile = Path.Combine(targetFolder, "catalog.json");
        WriteCatalog(relations, catalogFile);
        var site = BuildSite(relations);
        var indexFile = Path.Combine(targetFolder, "index.html");
        await File.WriteAllTextAsync(indexFile, site, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
        return new DocsSummary(catalogFile, indexFile, relations.Count, DocsNodes().Count(), Edges().Count());
    }

    /// <summary>Nodes and sources that the site shows: models (ephemeral too), seeds, snapshots, tests, sources.</summary>
    private IEnumerable<(string Id, string Type)> DocsNodes() =>
        _project.Sources.Keys.Select(id => (id, "source"))
            .Concat(_project.Nodes.Values.Where(n => n.Enabled).Select(n => (n.UniqueId, n.Type.ToString().ToLowerInvariant())));

    private IEnumerable<(string From, string To)> Edges()
    {
        var known = DocsNodes().Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        return _project.Nodes.Values.Where(n => n.Enabled)
            .SelectMany(n => n.SourceIds.Concat(n.DependsOn).Distinct(StringComparer.Ordinal).Where(known.Contains).Select(p => (p, n.UniqueId)));
    }

    private async Task<Dictionary<string, CatalogTable>> ReadCatalogAsync(CancellationToken cancellationToken)
    {
        var wanted = new Dictionary<string, (string Schema, string Name)>(StringComparer.Ordinal);
        foreach (var node in _project.Nodes.Values.Where(n => n.Enabled && n.Type != NodeType.Test && n.Materialized != "ephemeral"))
        {
            wanted[node.UniqueId] = (node.Schema, node.Alias);
        }

        foreach (var source in _project.Sources.Values)
        {
            wanted[source.UniqueId] = (source.Schema, source.Identifier);
        }

        CatalogCalls = 0;
        var tables = new Dictionary<(string, string), CatalogTable>();
        foreach (var schema in wanted.Values.Select(w => w.Schema).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            CatalogCalls++;
            if (await _catalog.GetDatabaseAsync(schema, cancellationToken).ConfigureAwait(false) is null)
            {
                continue;
            }

            foreach (var table in await _catalog.GetTablesAsync(schema, cancellationToken).ConfigureAwait(false))
            {
                tables[(table.DatabaseName, table.Name)] = table;
            }
        }

        var result = new Dictionary<string, CatalogTable>(StringComparer.Ordinal);
        foreach (var (id, (schema, name)) in wanted)
        {
            if (tables.TryGetValue((schema, name), out var table))
            {
                result[id] = table;
            }
        }

        return result;
    }

    private static string Time(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string TableFormat(CatalogTable table) => table.IsView ? "view" : table.IsIceberg ? "iceberg" : "hive";

    private void WriteCatalog(Dictionary<string, CatalogTable> relations, string file)
    {
        using var stream = File.Create(file);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartObject("metadata");
        json.WriteString("dbt_schema_version", "https://schemas.getdbt.com/dbt/catalog/v1.json");
        json.WriteString("dbt_version", "1.9.0");
        json.WriteString("generated_at", Time(DateTime.UtcNow));
        json.WriteString("invocation_id", _invocationId);
        json.WriteString("sluice_version", SluiceInfo.Version);
        json.WriteStartObject("env");
        json.WriteEndObject();
        json.WriteEndObject();
        foreach (var (section, ids) in new[] { ("nodes", _project.Nodes.Keys.ToList()), ("sources", _project.Sources.Keys.ToList()) })
        {
            json.WriteStartObject(section);
            foreach (var id in ids.Where(relations.ContainsKey))
            {
                var table = relations[id];
                json.WriteStartObject(id);
                json.WriteStartObject("metadata");
                json.WriteString("type", table.IsView ? "view" : "table");
                json.WriteString("schema", table.DatabaseName);
                json.WriteString("name", table.Name);
                json.WriteString("database", _project.Target.Database);
                json.WriteString("comment", table.Description ?? table.Parameters.GetValueOrDefault("comment"));
                json.WriteNull("owner");
                json.WriteEndObject();
                json.WriteStartObject("columns");
                var index = 0;
                foreach (var column in table.AllColumns)
                {
                    json.WriteStartObject(column.Name);
                    json.WriteString("type", column.Type);
                    json.WriteNumber("index", ++index);
                    json.WriteString("name", column.Name);
                    json.WriteString("comment", column.Comment);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteStartObject("stats");
                Stat(json, "has_stats", "Has Stats?", false, false, "Indicates whether there are statistics for this table");
                Stat(json, "table_format", "Table format", TableFormat(table), true, "hive, iceberg or view");
                if (table.StorageDescriptor.Location is { } location)
                {
                    Stat(json, "location", "Location", location, true, "Where the table's data lives");
                }

                if (table.PartitionKeys.Count > 0)
                {
                    Stat(json, "partitioned_by", "Partitioned by", string.Join(", ", table.PartitionKeys.Select(p => p.Name)), true, "Partition columns");
                }

                json.WriteEndObject();
                json.WriteString("unique_id", id);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteNull("errors");
        json.WriteEndObject();
    }

    private static void Stat(Utf8JsonWriter json, string id, string label, object value, bool include, string description)
    {
        json.WriteStartObject(id);
        json.WriteString("id", id);
        json.WriteString("label", label);
        if (value is bool b)
        {
            json.WriteBoolean("value", b);
        }
        else
        {
            json.WriteString("value", Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        json.WriteBoolean("include", include);
        json.WriteString("description", description);
        json.WriteEndObject();
    }

    private string BuildSite(Dictionary<string, CatalogTable> relations)
    {
        using var resource = typeof(DocsGenerator).Assembly.GetManifestResourceStream("Sluice.Transform.Docs.DocsSite.html")
            ?? throw new InvalidOperationException("The docs site template is missing from the assembly.");
        using var reader = new StreamReader(resource);
        var template = reader.ReadToEnd();
        var title = WebUtility.HtmlEncode(_project.Project.Name + " \u2014 Sluice docs");
        return template
            .Replace("{{TITLE}}", title, StringComparison.Ordinal)
            .Replace("{{GENERATED}}", WebUtility.HtmlEncode(Time(DateTime.UtcNow)), StringComparison.Ordinal)
            .Replace("{{LINEAGE_SVG}}", LineageSvg(), StringComparison.Ordinal)
            .Replace("{{DATA_JSON}}", SiteData(relations), StringComparison.Ordinal);
    }

    /// <summary>The page's data: every node and edge, as JSON safe inside a script element (<c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> escaped).</summary>
    private string SiteData(Dictionary<string, CatalogTable> relations)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("project", _project.Project.Name);
            json.WriteString("generated_at", Time(DateTime.UtcNow));
            json.WriteString("invocation_id", _invocationId);
            json.WriteStartArray("nodes");
            foreach (var source in _project.Sources.Values)
            {
                json.WriteStartObject();
                json.WriteString("unique_id", source.UniqueId);
                json.WriteString("resource_type", "source");
                json.WriteString("name", source.Name);
                json.WriteString("label", source.SourceName + "." + source.Name);
                json.WriteString("path", source.OriginalFilePath);
                json.WriteString("relation", new DbtRelation(source.Database, source.Schema, source.Identifier).DmlName);
                json.WriteString("description", string.Join("\n\n", new[] { source.Description, source.SourceDescription }.Where(d => d.Length > 0)));
                json.WriteString("loader", source.Loader);
                if (source.Freshness is { } freshness)
                {
                    json.WriteString("freshness", $"warn after {freshness.WarnAfter?.ToString() ?? "-"}, error after {freshness.ErrorAfter?.ToString() ?? "-"} (loaded_at_field: {source.LoadedAtField})");
                }

                WriteColumns(json, relations.GetValueOrDefault(source.UniqueId), source.Columns);
                json.WriteEndObject();
            }

            foreach (var node in _project.Nodes.Values.Where(n => n.Enabled))
            {
                json.WriteStartObject();
                json.WriteString("unique_id", node.UniqueId);
                json.WriteString("resource_type", node.Type.ToString().ToLowerInvariant());
                json.WriteString("name", node.Name);
                json.WriteString("label", node.Name);
                json.WriteString("package", node.PackageName);
                json.WriteString("path", node.OriginalFilePath);
                json.WriteString("materialized", node.Materialized);
                if (node.Type != NodeType.Test && node.Materialized != "ephemeral")
                {
                    json.WriteString("relation", TransformCompiler.RelationOf(node).DmlName);
                }

                if (relations.GetValueOrDefault(node.UniqueId) is { } table)
                {
                    json.WriteString("table_type", TableFormat(table));
                }

                json.WriteString("description", node.Description);
                json.WriteStartArray("tags");
                foreach (var tag in node.Tags)
                {
                    json.WriteStringValue(tag);
                }

                json.WriteEndArray();
                WriteColumns(json, relations.GetValueOrDefault(node.UniqueId), node.Columns);
                json.WriteString("raw_code", node.Type == NodeType.Seed ? null : node.RawCode);
                json.WriteString("compiled_code", node.Type == NodeType.Seed ? null : node.CompiledCode);
                if (node.TestName is not null)
                {
                    json.WriteString("test_name", node.TestName);
                    json.WriteString("attached_node", node.AttachedTo);
                    json.WriteString("column_name", node.ColumnName);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("edges");
            foreach (var (from, to) in Edges())
            {
                json.WriteStartObject();
                json.WriteString("from", from);
                json.WriteString("to", to);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteColumns(Utf8JsonWriter json, CatalogTable? table, OrderedDictionary<string, object?> documented)
    {
        json.WriteStartArray("columns");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var column in table?.AllColumns ?? [])
        {
            seen.Add(column.Name);
            json.WriteStartObject();
            json.WriteString("name", column.Name);
            json.WriteNumber("index", ++index);
            json.WriteString("type", column.Type);
            json.WriteString("comment", column.Comment);
            json.WriteString("description", Description(documented, column.Name));
            json.WriteEndObject();
        }

        foreach (var name in documented.Keys.Where(k => !seen.Contains(k)))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteNull("index");
            json.WriteString("type", (documented[name] as OrderedDictionary<string, object?>)?.GetValueOrDefault("data_type") as string);
            json.WriteNull("comment");
            json.WriteString("description", Description(documented, name));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string? Description(OrderedDictionary<string, object?> documented, string column)
    {
        var match = documented.FirstOrDefault(kv => string.Equals(kv.Key, column, StringComparison.OrdinalIgnoreCase));
        return (match.Value as OrderedDictionary<string, object?>)?.GetValueOrDefault("description") as string;
    }

    /// <summary>The lineage graph as SVG: columns by depth (longest path from a source or seed), edges as curves.</summary>
    private string LineageSvg()
    {
        var nodes = DocsNodes().ToList();
        var parents = nodes.ToDictionary(n => n.Id, _ => new List<string>(), StringComparer.Ordinal);
        var edges = Edges().ToList();
        foreach (var (from, to) in edges)
        {
            parents[to].Add(from);
        }

        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        int Depth(string id, int guard)
        {
            if (depth.TryGetValue(id, out var known))
            {
                return known;
            }

            var value = guard > nodes.Count || parents[id].Count == 0 ? 0 : parents[id].Max(p => Depth(p, guard + 1)) + 1;
            depth[id] = value;
            return value;
        }

        foreach (var (id, _) in nodes)
        {
            Depth(id, 0);
        }

        var order = new[] { "source", "seed", "snapshot", "model", "test" };
        var position = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        var height = 0.0;
        foreach (var layer in nodes.GroupBy(n => depth[n.Id]).OrderBy(g => g.Key))
        {
            var row = 0;
            foreach (var (id, type) in layer.OrderBy(n => Array.IndexOf(order, n.Type)).ThenBy(n => Label(n.Id), StringComparer.Ordinal))
            {
                var y = Margin + (row++ * (NodeHeight + RowGap));
                position[id] = (Margin + (layer.Key * (NodeWidth + ColumnGap)), y);
                height = Math.Max(height, y + NodeHeight + Margin);
            }
        }

        var width = Margin + ((depth.Values.DefaultIfEmpty(0).Max() + 1) * (NodeWidth + ColumnGap));
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"lineage-graph\" width=\"{width:0}\" height=\"{height:0}\" viewBox=\"0 0 {width:0} {height:0}\" role=\"img\" aria-label=\"Lineage graph\">\n");
        foreach (var (from, to) in edges)
        {
            var (x1, y1) = position[from];
            var (x2, y2) = position[to];
            var startX = x1 + NodeWidth;
            var startY = y1 + (NodeHeight / 2);
            var endY = y2 + (NodeHeight / 2);
            var bend = Math.Max(30, (x2 - startX) / 2);
            svg.Append(CultureInfo.InvariantCulture,
                $"<path class=\"edge\" data-from=\"{Attr(from)}\" data-to=\"{Attr(to)}\" d=\"M{startX:0.#},{startY:0.#} C{startX + bend:0.#},{startY:0.#} {x2 - bend:0.#},{endY:0.#} {x2:0.#},{endY:0.#}\"/>\n");
        }

        foreach (var (id, type) in nodes)
        {
            var (x, y) = position[id];
            var label = Label(id);
            var shown = label.Length > 30 ? label[..29] + "\u2026" : label;
            svg.Append(CultureInfo.InvariantCulture,
                $"<g class=\"node {type}\" data-id=\"{Attr(id)}\" transform=\"translate({x:0.#},{y:0.#})\"><title>{WebUtility.HtmlEncode(type + " " + label)}</title>"
                + $"<rect width=\"{NodeWidth:0}\" height=\"{NodeHeight:0}\"/><text x=\"8\" y=\"17\">{WebUtility.HtmlEncode(shown)}</text></g>\n");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private string Label(string id) => _project.Sources.TryGetValue(id, out var source) ? source.SourceName + "." + source.Name : _project.Nodes[id].Name;

    private static string Attr(string text) => WebUtility.HtmlEncode(text);
}
