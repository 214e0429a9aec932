using System.IO.Compression;
using System.Text;
using Sluice.Schema;

namespace Sluice.Load;

/// <summary>
/// The form of a schema in <c>_sluice_version.schema</c>: its JSON, or, when that would not fit one Athena statement
/// (256 KiB of query text), <c>zlib:</c> plus base64 of the zlib-compressed JSON (a schema of many similar tables
/// compresses well).
/// </summary>
public static class StoredSchema
{
    private const string CompressedPrefix = "zlib:";

    /// <summary>Schemas longer than this are stored compressed.</summary>
    public const int MaxPlainLength = 100_000;

    public static string Encode(PipelineSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var json = schema.ToJson();
        if (json.Length <= MaxPlainLength)
        {
            return json;
        }

        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(Encoding.UTF8.GetBytes(json));
        }

        return CompressedPrefix + Convert.ToBase64String(output.ToArray());
    }

    public static PipelineSchema Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(CompressedPrefix, StringComparison.Ordinal))
        {
            return PipelineSchema.FromJson(text);
        }

        using var input = new ZLibStream(new MemoryStream(Convert.FromBase64String(text[CompressedPrefix.Length..])), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return PipelineSchema.FromJson(reader.ReadToEnd());
    }
}
