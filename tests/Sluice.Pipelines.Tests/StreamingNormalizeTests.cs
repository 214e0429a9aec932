using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.DuckDb;
using Sluice.Extract;
using Sluice.Load;
using Sluice.Normalize;
using Sluice.Schema;

namespace Sluice.Pipelines.Tests;

/// <summary>
/// The streaming normalizer (package line → typed column buffers) against the reference semantics
/// (<see cref="RowNormalizer"/> over value trees): the same package normalised both ways must give the same schema,
/// the same job files per table and exactly the same rows, read back from the Parquet files.
/// </summary>
public sealed class StreamingNormalizeTests : PipelineTest
{
    private static readonly string[] Orders =
    [
        """{"id": 1, "name": "a", "price": 1.5, "at": "2024-01-01T10:00:00Z", "day": "2024-01-02", "ok": true, "meta": {"a": {"b": 1}}, "lines": [{"sku": "x", "qty": 1, "tags": ["t1", "t2"]}, {"sku": "y", "qty": 2.5}], "matrix": [[1, 2], [3]], "empty": null}""",
        """{"id": "two", "price": "cheap", "at": "not a time", "day": "2024-01-03T05:00:00+02:00", "ok": "true", "lines": [{"sku": 5, "qty": "many", "tags": [1, "t3", null]}], "meta": {"a": "flat"}}""",
        """{"id": 3, "big": 123456789012345678901234567890, "exp": 1e3, "neg": -0.0, "price": 2, "at": "2024-02-29 23:59:59.1234567891+05:30", "ok": 1}""",
        """{"id": 4, "name": "line\nbreak \"quoted\" \u00e9 \ud83d\ude00 \u0000", "we\u0069rd key": 1, "Caf\u00e9": "x"}""",
        """{"id": 5, "name": "\ue000starts with the tag", "lines": []}""",
        "{\"id\": 6, \"name\": \"\uE000raw tag\", \"price\": 1e400}",
        """{"_sluice_id": "given-1", "id": 7, "lines": [{"sku": "z", "_sluice_id": "ignored"}], "matrix": [[], [[4]]]}""",
        """{"id": 8, "never": null, "at": null}""",
        """[{"id": 9, "name": "batch"}, {"id": 10, "ok": false, "lines": [{"sku": "b", "qty": 3}]}]""",
        """{"id": true, "price": 7, "day": "2024-01-09", "name": 12, "lines": [{"sku": "c", "qty": 4, "tags": [["deep"]]}]}""",
        """{ "id" : 11 ,  "meta" : { "a" : { "b" : 2.0 } } , "name":"dup","name":"last" }""",
    ];

    private static readonly string[] Events =
    [
        """{"id": 1, "payload": {"a": [1, 2]}, "deep": {"x": {"y": 1}}, "list": [{"a": {"b": [1]}, "c": 1}]}""",
        """{"id": 2, "payload": [1, {"z": null}], "deep": {"x": 3}, "list": [[1, 2], 3]}""",
        """{"id": 3, "payload": "text", "deep": null, "list": [{"a": 5}]}""",
    ];

    private static IEnumerable<object?> Typed()
    {
        yield return new Dictionary<string, object?>
        {
            ["id"] = 6L, ["amount"] = 12.345m, ["when"] = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), ["blob"] = new byte[] { 1, 2, 3 },
            ["d"] = new DateOnly(2024, 5, 6), ["nested"] = new Dictionary<string, object?> { ["x"] = 1, ["when"] = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)) },
            ["items"] = new List<object?> { 1.0, 2.5m, "3" }, ["guid"] = Guid.Parse("00000000-0000-0000-0000-000000000001"), ["price"] = 10.0,
        };
        yield return JsonNode.Parse("""{"id": 7, "amount": 1, "when": "2024-05-06", "blob": "AQID", "d": "2024-05-07", "price": 3}""");
        yield return JsonDocument.Parse("""{"id": 8, "amount": "12.5", "when": "2024-05-06T01:02:03.456Z", "price": 4.25}""").RootElement.Clone();
    }

    private static List<Resource> Resources() =>
    [
        Resource.From("orders", Orders.Cast<object?>().ToList()),
        Resource.From("events", Events.Cast<object?>().ToList(), new ResourceHints { MaxTableNesting = 1, Columns = new Dictionary<string, DataType> { ["payload"] = DataType.Json } }),
        Resource.From("typed", Typed().ToList()),
        Resource.From("flat", Events.Cast<object?>().ToList(), new ResourceHints { TableName = "flat_events", MaxTableNesting = 0 }),
    ];

    [Fact]
    public async Task Streaming_normalize_gives_exactly_the_rows_and_schema_of_the_reference_normalizer()
    {
        var reference = await NormalizeAsync("reference", streaming: false, Resources());
        var streaming = await NormalizeAsync("streaming", streaming: true, Resources());

        Assert.Equal(reference.Schema, streaming.Schema);
        Assert.Equal(reference.Counts.OrderBy(p => p.Key), streaming.Counts.OrderBy(p => p.Key));
        Assert.Equal(reference.Files, streaming.Files);
        Assert.Equal(reference.Rows.Keys.Order(), streaming.Rows.Keys.Order());
        foreach (var (table, rows) in reference.Rows)
        {
            Assert.Equal(rows, streaming.Rows[table]);
        }

        // The data really went through the interesting cases.
        Assert.Contains("orders__lines__tags", reference.Rows.Keys);
        Assert.Contains("orders__matrix__list", reference.Rows.Keys);
        Assert.Contains("\"Name\": \"id__v_text\"", reference.Schema, StringComparison.Ordinal);
        Assert.Contains("\"Name\": \"price__v_text\"", reference.Schema, StringComparison.Ordinal);
        Assert.Contains("\"Name\": \"never\"", reference.Schema, StringComparison.Ordinal);
        Assert.Contains(reference.Rows["orders"], r => r.Contains("given-1", StringComparison.Ordinal));
        Assert.Contains(reference.Rows["orders"], r => r.Contains("\uE000starts with the tag", StringComparison.Ordinal));
        Assert.DoesNotContain(reference.Rows["orders"], r => r.Contains("never=", StringComparison.Ordinal));
        Assert.Contains(reference.Rows["events"], r => r.Contains("payload={\"a\":[1,2]}", StringComparison.Ordinal));
        Assert.Equal(reference.Counts["orders__lines"], streaming.Counts["orders__lines"]);
    }

    [Fact]
    public async Task Rotation_by_rows_and_bytes_cuts_the_same_files_on_both_paths()
    {
        var many = Enumerable.Range(0, 500).Select(i => (object?)string.Create(CultureInfo.InvariantCulture,
            $$"""{"id": {{i}}, "name": "n{{i}}", "lines": [{"q": {{i}}}, {"q": {{i + 1}}}], "late": {{(i > 250 ? "\"x\"" : "null")}}}""")).ToList();
        foreach (var (rows, bytes) in new[] { (37, 64L << 20), (1_000_000, 4_000L) })
        {
            var reference = await NormalizeAsync("ref-" + rows, streaming: false, [Resource.From("many", many)], rows, bytes);
            var streaming = await NormalizeAsync("str-" + rows, streaming: true, [Resource.From("many", many)], rows, bytes);
            Assert.Equal(reference.Schema, streaming.Schema);
            Assert.Equal(reference.Rows["many"], streaming.Rows["many"]);
            Assert.Equal(reference.Rows["many__lines"], streaming.Rows["many__lines"]);
            Assert.True(reference.Files["many"] > 3, $"expected several files, got {reference.Files["many"]}");
            if (rows == 37)
            {
                Assert.Equal(reference.Files, streaming.Files);
            }
        }
    }

    [Fact]
    public async Task Json_text_items_copied_by_extract_normalise_like_parsed_items()
    {
        // Strings take extract's copy path; JsonElement items are converted to values and written typed.
        var asText = await NormalizeAsync("text", streaming: false, [Resource.From("orders", Orders.Cast<object?>().ToList())]);
        var parsed = Orders.Select(o => (object?)JsonDocument.Parse(o).RootElement.Clone()).ToList();
        var asValues = await NormalizeAsync("values", streaming: false, [Resource.From("orders", parsed)]);
        Assert.Equal(asValues.Schema, asText.Schema);
        foreach (var (table, rows) in asValues.Rows)
        {
            Assert.Equal(rows, asText.Rows[table]);
        }
    }

    private sealed record Normalized(string Schema, IReadOnlyDictionary<string, long> Counts, Dictionary<string, int> Files, Dictionary<string, List<string>> Rows);

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
    }

    private async Task<Normalized> NormalizeAsync(string name, bool streaming, IReadOnlyList<Resource> resources, int maxRows = 4, long maxBytes = 64L << 20)
    {
        var folder = new PipelineFolder(Path.Combine(Root, name));
        var loadId = await new ExtractStage(folder, "shop", new FixedTime()).ExtractAsync(resources);
        var ids = 0;
        var stage = new NormalizeStage(folder, Writer)
        {
            Streaming = streaming, MaxRowsPerFile = maxRows, MaxBytesPerFile = maxBytes,
            RootIds = () => "root-" + (++ids).ToString("D6", CultureInfo.InvariantCulture),
        };
        var counts = await stage.NormalizeAsync(loadId);
        var jobs = Path.Combine(folder.Load, loadId, "new_jobs");
        var files = Directory.GetFiles(jobs).GroupBy(f => JobFileName.Parse(Path.GetFileName(f)).Table).ToDictionary(g => g.Key, g => g.Count());
        var schema = await File.ReadAllTextAsync(folder.SchemaFile("shop"));
        using var database = DuckDbDatabase.Open(null);
        using var connection = database.Connect();
        var rows = new Dictionary<string, List<string>>();
        foreach (var table in files.Keys)
        {
            var list = string.Join(", ", Directory.GetFiles(jobs, table + ".*").Where(f => JobFileName.Parse(Path.GetFileName(f)).Table == table).Order().Select(f => "'" + f + "'"));
            using var reader = connection.Query($"SELECT * FROM read_parquet([{list}], union_by_name = true)");
            var result = new List<string>();
            while (reader.Read())
            {
                var values = new object?[reader.FieldCount];
                reader.GetValues(values);
                // Columns by name: files of one table may differ in their columns (a column added later).
                result.Add(string.Join(" | ", values.Select((v, i) => reader.GetName(i) + "=" + Render(v)).Order(StringComparer.Ordinal)));
            }

            rows[table] = result.Order(StringComparer.Ordinal).ToList();
        }

        return new Normalized(schema, counts, files, rows);
    }

    private static string Render(object? value) => value switch
    {
        null => "NULL",
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
