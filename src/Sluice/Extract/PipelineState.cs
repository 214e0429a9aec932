using System.Buffers;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sluice.Extract;

/// <summary>
/// A pipeline's state (incremental cursors per resource) as a value tree, stored as typed JSON in
/// <c>&lt;work&gt;/state.json</c>, in each package that changes it, and in the destination table
/// <c>_sluice_pipeline_state</c> (zlib + base64, like dlt). <see cref="Version"/> increases with every change.
/// </summary>
public sealed class PipelineState
{
    public PipelineState(Dictionary<string, object?>? values = null) => Values = values ?? new Dictionary<string, object?>(StringComparer.Ordinal);

    public Dictionary<string, object?> Values { get; }

    public long Version => Values.TryGetValue("_state_version", out var v) && v is long l ? l : 0;

    /// <summary>The saved incremental state of a resource's cursor, or null.</summary>
    public Dictionary<string, object?>? Incremental(string resource, string cursorPath) =>
        Resources.TryGetValue(resource, out var r) && r is Dictionary<string, object?> entry &&
        entry.TryGetValue("incremental", out var i) && i is Dictionary<string, object?> cursors &&
        cursors.TryGetValue(cursorPath, out var c) && c is Dictionary<string, object?> saved
            ? saved
            : null;

    public void SetIncremental(string resource, string cursorPath, Dictionary<string, object?> value)
    {
        if (!Resources.TryGetValue(resource, out var r) || r is not Dictionary<string, object?> entry)
        {
            entry = new Dictionary<string, object?>(StringComparer.Ordinal);
            Resources[resource] = entry;
        }

        if (!entry.TryGetValue("incremental", out var i) || i is not Dictionary<string, object?> cursors)
        {
            cursors = new Dictionary<string, object?>(StringComparer.Ordinal);
            entry["incremental"] = cursors;
        }

        cursors[cursorPath] = value;
    }

    private Dictionary<string, object?> Resources
    {
        get
        {
            if (!Values.TryGetValue("resources", out var r) || r is not Dictionary<string, object?> resources)
            {
                resources = new Dictionary<string, object?>(StringComparer.Ordinal);
                Values["resources"] = resources;
            }

            return resources;
        }
    }

    /// <summary>A copy with the version raised by one.</summary>
    public PipelineState NextVersion()
    {
        var copy = FromJson(ToJson());
        copy.Values["_state_version"] = Version + 1;
        return copy;
    }

    /// <summary>SHA-256 (base64) of the state without its version.</summary>
    public string Hash()
    {
        var copy = FromJson(ToJson());
        copy.Values.Remove("_state_version");
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(copy.ToJson())));
    }

    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            TypedJson.Write(writer, Values);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static PipelineState FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new PipelineState(TypedJson.Read(document.RootElement) as Dictionary<string, object?>);
    }

    /// <summary>The form stored in <c>_sluice_pipeline_state.state</c>: zlib-compressed JSON, base64.</summary>
    public string ToCompressed()
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(Encoding.UTF8.GetBytes(ToJson()));
        }

        return Convert.ToBase64String(output.ToArray());
    }

    public static PipelineState FromCompressed(string text)
    {
        using var input = new ZLibStream(new MemoryStream(Convert.FromBase64String(text)), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return FromJson(reader.ReadToEnd());
    }

    public static PipelineState Load(string path) => File.Exists(path) ? FromJson(File.ReadAllText(path)) : new PipelineState();
}
