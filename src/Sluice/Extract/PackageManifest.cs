using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sluice.Extract;

/// <summary><c>package.json</c>: what a load package holds. Written once by extract; normalize adds the root tables.</summary>
public sealed record PackageManifest
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public required string LoadId { get; init; }

    public required string SchemaName { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public IReadOnlyList<PackageResource> Resources { get; init; } = [];

    /// <summary>Normalised root tables this package loads (with or without rows), set by normalize.</summary>
    public IReadOnlyList<string> RootTables { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static PackageManifest FromJson(string json) =>
        JsonSerializer.Deserialize<PackageManifest>(json, JsonOptions) ?? throw new JsonException("package.json holds 'null'.");
}
