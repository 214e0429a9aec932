namespace Sluice.Transform;

/// <summary>
/// A model, seed or test of a project: where it came from, its merged config (in-file <c>config()</c> over properties
/// YAML over <c>dbt_project.yml</c>), its edges, and after compiling its SQL and relation.
/// </summary>
public sealed class TransformNode
{
    public required string UniqueId { get; init; }

    public required NodeType Type { get; init; }

    public required string Name { get; init; }

    public required string PackageName { get; init; }

    /// <summary>Project-relative path with forward slashes (<c>models/staging/stg_orders.sql</c>).</summary>
    public required string OriginalFilePath { get; init; }

    public required IReadOnlyList<string> Fqn { get; init; }

    public string RawCode { get; set; } = string.Empty;

    public OrderedDictionary<string, object?> Config { get; set; } = new(StringComparer.Ordinal);

    public string Description { get; set; } = string.Empty;

    /// <summary>Column properties from YAML: name to a mapping (description, data_type, meta, ...).</summary>
    public OrderedDictionary<string, object?> Columns { get; } = new(StringComparer.Ordinal);

    /// <summary>Unique ids of the nodes this node reads (sources are not nodes and are listed in <see cref="SourceIds"/>).</summary>
    public List<string> DependsOn { get; } = [];

    public List<string> SourceIds { get; } = [];

    public List<string> Refs { get; } = [];

    /// <summary>For generic tests: the test's name (<c>not_null</c>), arguments, the node or source it is attached to, and the column.</summary>
    public string? TestName { get; init; }

    public OrderedDictionary<string, object?> TestKwargs { get; init; } = new(StringComparer.Ordinal);

    public string? AttachedTo { get; init; }

    public string? ColumnName { get; init; }

    /// <summary>The Glue database the node is built in, after <c>generate_schema_name</c>.</summary>
    public string Schema { get; set; } = string.Empty;

    public string Database { get; set; } = "awsdatacatalog";

    /// <summary>The table or view name, after <c>generate_alias_name</c>.</summary>
    public string Alias { get; set; } = string.Empty;

    public string? CompiledCode { get; set; }

    /// <summary>For seeds: the CSV file's full path.</summary>
    public string? SeedFile { get; init; }

    public string Materialized => Type switch
    {
        NodeType.Seed => "seed",
        NodeType.Test => "test",
        NodeType.Snapshot => "snapshot",
        _ => ConfigString("materialized") ?? "view",
    };

    public IReadOnlyList<string> Tags => Config.TryGetValue("tags", out var tags) && tags is List<object?> list
        ? list.Select(t => t?.ToString() ?? string.Empty).ToList()
        : [];

    public bool Enabled => !Config.TryGetValue("enabled", out var enabled) || enabled is not false;

    public string? ConfigString(string key) => Config.TryGetValue(key, out var value) && value is not null
        ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)
        : null;
}
