using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Sluice.Schema;

/// <summary>
/// The tables one pipeline loads. <see cref="ComputeVersionHash"/> covers exactly what reaches the destination
/// (tables, complete columns with types and order, formats, parents), so an unchanged hash means no DDL is needed.
/// <see cref="Version"/> counts hash changes.
/// </summary>
public sealed class PipelineSchema
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required string Name { get; init; }

    public long Version { get; set; }

    /// <summary>The hash of the schema as of <see cref="Version"/>; empty before the first version.</summary>
    public string VersionHash { get; set; } = string.Empty;

    public List<TableSchema> Tables { get; init; } = [];

    public TableSchema? Table(string name) => Tables.Find(t => string.Equals(t.Name, name, StringComparison.Ordinal));

    /// <summary>The root table of <paramref name="table"/> (itself for a root).</summary>
    public TableSchema Root(TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var current = table;
        while (current.Parent is { } parent)
        {
            current = Table(parent) ?? throw new InvalidOperationException($"Table '{current.Name}' names a parent '{parent}' that is not in schema '{Name}'.");
        }

        return current;
    }

    /// <summary>Every table whose root is <paramref name="root"/>, the root first, parents before children.</summary>
    public IReadOnlyList<TableSchema> Chain(TableSchema root) => Tables.Where(t => ReferenceEquals(Root(t), root)).ToList();

    /// <summary>SHA-256 (base64) of the canonical form of what the destination holds.</summary>
    public string ComputeVersionHash()
    {
        var canonical = new JsonArray();
        foreach (var table in Tables.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            var columns = new JsonArray();
            foreach (var column in table.CompleteColumns)
            {
                columns.Add(new JsonArray(column.Name, column.Type!.Value.ToString()));
            }

            canonical.Add(new JsonObject
            {
                ["name"] = table.Name,
                ["parent"] = table.Parent,
                ["format"] = table.TableFormat.ToString(),
                ["columns"] = columns,
                ["partition"] = new JsonArray(table.Partition.Select(p => (JsonNode)JsonValue.Create(p.ToDdl())).ToArray()),
            });
        }

        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToJsonString())));
    }

    /// <summary>Recomputes the hash and bumps <see cref="Version"/> when it changed. Returns true when it changed.</summary>
    public bool BumpVersion()
    {
        var hash = ComputeVersionHash();
        if (string.Equals(hash, VersionHash, StringComparison.Ordinal))
        {
            return false;
        }

        VersionHash = hash;
        Version++;
        return true;
    }

    public PipelineSchema Clone() => new() { Name = Name, Version = Version, VersionHash = VersionHash, Tables = Tables.Select(t => t.Clone()).ToList() };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static PipelineSchema FromJson(string json) =>
        JsonSerializer.Deserialize<PipelineSchema>(json, JsonOptions) ?? throw new JsonException("The schema file holds 'null'.");
}
