using Sluice.Errors;
using Sluice.Extract;
using Sluice.Normalize;
using Sluice.Schema;

namespace Sluice.Tests.Load;

public sealed class NormalizerTests
{
    private sealed class ListSink : IRowSink
    {
        public List<(string Table, Dictionary<string, object?> Row)> Rows { get; } = [];

        public void Add(TableSchema table, Dictionary<string, object?> row) => Rows.Add((table.Name, row));

        public List<Dictionary<string, object?>> Of(string table) => Rows.Where(r => r.Table == table).Select(r => r.Row).ToList();
    }

    private static (PipelineSchema Schema, ListSink Sink) Run(ResourceHints hints, params string[] items)
    {
        var schema = new PipelineSchema { Name = "test" };
        var normalizer = new RowNormalizer(schema, "1700000000.000001");
        var sink = new ListSink();
        foreach (var item in items)
        {
            foreach (var record in ItemConverter.ToRecords(item))
            {
                normalizer.Normalize(record, "orders", hints, sink);
            }
        }

        return (schema, sink);
    }

    [Fact]
    public void Dicts_flatten_and_lists_become_child_tables_with_links()
    {
        var (schema, sink) = Run(new ResourceHints(), """{"id": 1, "customer": {"firstName": "Ann", "address": {"city": "Oslo"}}, "items": [{"sku": "a", "tags": ["x", "y"]}, {"sku": "b"}]}""");
        var root = Assert.Single(sink.Of("orders"));
        Assert.Equal(1L, root["id"]);
        Assert.Equal("Ann", root["customer__first_name"]);
        Assert.Equal("Oslo", root["customer__address__city"]);
        Assert.Equal("1700000000.000001", root["_sluice_load_id"]);
        var rootId = Assert.IsType<string>(root["_sluice_id"]);
        Assert.Equal(14, rootId.Length);

        var items = sink.Of("orders__items");
        Assert.Equal(2, items.Count);
        Assert.All(items, r => Assert.Equal(rootId, r["_sluice_parent_id"]));
        Assert.All(items, r => Assert.Equal(rootId, r["_sluice_root_id"]));
        Assert.Equal([0L, 1L], items.Select(r => r["_sluice_list_idx"]));
        Assert.Equal(RowIds.Child(rootId, "orders__items", 0), items[0]["_sluice_id"]);

        var tags = sink.Of("orders__items__tags");
        Assert.Equal(["x", "y"], tags.Select(r => r["value"]));
        Assert.All(tags, r => Assert.Equal(items[0]["_sluice_id"], r["_sluice_parent_id"]));
        Assert.All(tags, r => Assert.Equal(rootId, r["_sluice_root_id"]));

        Assert.Equal("orders", schema.Table("orders__items")!.Parent);
        Assert.Equal("orders__items", schema.Table("orders__items__tags")!.Parent);
        Assert.Equal(DataType.Text, schema.Table("orders")!.Column("customer__address__city")!.Type);
    }

    [Fact]
    public void Child_ids_are_deterministic_for_the_same_parent()
    {
        var hints = new ResourceHints { WriteDisposition = WriteDisposition.Merge, MergeStrategy = MergeStrategy.Upsert, PrimaryKey = ["id"] };
        var first = Run(hints, """{"id": 7, "items": [{"sku": "a"}]}""").Sink;
        var second = Run(hints, """{"id": 7, "items": [{"sku": "a"}]}""").Sink;
        Assert.Equal(first.Of("orders")[0]["_sluice_id"], second.Of("orders")[0]["_sluice_id"]);
        Assert.Equal(first.Of("orders__items")[0]["_sluice_id"], second.Of("orders__items")[0]["_sluice_id"]);
        var third = Run(new ResourceHints(), """{"id": 7}""", """{"id": 7}""").Sink;
        Assert.NotEqual(third.Of("orders")[0]["_sluice_id"], third.Of("orders")[1]["_sluice_id"]);
    }

    [Fact]
    public void Max_nesting_keeps_deeper_values_as_json()
    {
        var (schema, sink) = Run(new ResourceHints { MaxTableNesting = 0 }, """{"id": 1, "a": {"b": 1}, "l": [1, 2]}""");
        var row = Assert.Single(sink.Rows).Row;
        Assert.Equal(new JsonText("""{"b":1}"""), row["a"]);
        Assert.Equal(new JsonText("[1,2]"), row["l"]);
        Assert.Equal(DataType.Json, schema.Table("orders")!.Column("a")!.Type);
        Assert.Single(schema.Tables);

        var (schema1, sink1) = Run(new ResourceHints { MaxTableNesting = 1 }, """{"a": {"b": {"c": 1}}, "l": [{"m": [1]}]}""");
        Assert.Equal(new JsonText("""{"c":1}"""), sink1.Of("orders")[0]["a__b"]);
        Assert.Equal(new JsonText("[1]"), sink1.Of("orders__l")[0]["m"]);
        Assert.Equal(2, schema1.Tables.Count);
    }

    [Fact]
    public void Declared_json_columns_are_not_flattened()
    {
        var (_, sink) = Run(new ResourceHints { Columns = new Dictionary<string, DataType> { ["payload"] = DataType.Json } }, """{"payload": {"x": [1]}}""");
        Assert.Equal(new JsonText("""{"x":[1]}"""), Assert.Single(sink.Rows).Row["payload"]);
    }

    [Fact]
    public void Type_conflicts_go_to_variant_columns_and_coercible_values_are_coerced()
    {
        var (schema, sink) = Run(new ResourceHints(), """{"price": 10}""", """{"price": 11.0}""", """{"price": "n/a"}""", """{"price": "12"}""");
        var table = schema.Table("orders")!;
        Assert.Equal(DataType.Bigint, table.Column("price")!.Type);
        Assert.Equal(DataType.Text, table.Column("price__v_text")!.Type);
        Assert.Equal("price", table.Column("price__v_text")!.VariantOf);
        var rows = sink.Of("orders");
        Assert.Equal(11L, rows[1]["price"]);
        Assert.Equal("n/a", rows[2]["price__v_text"]);
        Assert.False(rows[2].ContainsKey("price"));
        Assert.Equal(12L, rows[3]["price"]);
    }

    [Fact]
    public void Null_only_columns_stay_incomplete()
    {
        var (schema, _) = Run(new ResourceHints(), """{"id": 1, "later": null}""");
        var column = schema.Table("orders")!.Column("later")!;
        Assert.False(column.IsComplete);
        Assert.DoesNotContain("later", schema.Table("orders")!.CompleteColumns.Select(c => c.Name));
        var (schema2, _) = Run(new ResourceHints(), """{"id": 1, "later": null}""", """{"id": 2, "later": "2024-01-01T00:00:00Z"}""");
        Assert.Equal(DataType.Timestamp, schema2.Table("orders")!.Column("later")!.Type);
    }

    [Fact]
    public void Case_folding_collisions_name_both_sources()
    {
        var error = Assert.Throws<SchemaException>(() => Run(new ResourceHints(), """{"Id": 1, "id": 2}"""));
        Assert.Contains("'Id'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);

        var nested = Assert.Throws<SchemaException>(() => Run(new ResourceHints(), """{"userName": 1}""", """{"user_name": 2}"""));
        Assert.Contains("'userName' and 'user_name'", nested.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_values_fail_with_the_fix()
    {
        var schema = new PipelineSchema { Name = "t" };
        var normalizer = new RowNormalizer(schema, "1");
        var error = Assert.Throws<SchemaException>(() => normalizer.Normalize(
            new Dictionary<string, object?> { ["at"] = new TimeOnly(13, 45) }, "events", new ResourceHints(), new ListSink()));
        Assert.Contains("'13:45:00'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Athena cannot read TIME", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_keys_fail_and_upsert_needs_a_key()
    {
        var keyed = new ResourceHints { WriteDisposition = WriteDisposition.Merge, PrimaryKey = ["id"] };
        var error = Assert.Throws<SchemaException>(() => Run(keyed, """{"id": null, "x": 1}"""));
        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);
        Assert.Throws<SchemaException>(() => Run(new ResourceHints { WriteDisposition = WriteDisposition.Merge, MergeStrategy = MergeStrategy.Upsert }, """{"x": 1}"""));
    }

    [Fact]
    public void Dictionaries_and_pocos_keep_their_types()
    {
        var schema = new PipelineSchema { Name = "t" };
        var normalizer = new RowNormalizer(schema, "1");
        var sink = new ListSink();
        var record = ItemConverter.ToRecords(new Dictionary<string, object?>
        {
            ["amount"] = 1.25m, ["at"] = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), ["blob"] = new byte[] { 1, 2 }, ["day"] = new DateOnly(2024, 5, 6),
        }).Single();
        normalizer.Normalize(record, "things", new ResourceHints(), sink);
        var table = schema.Table("things")!;
        Assert.Equal(DataType.Decimal, table.Column("amount")!.Type);
        Assert.Equal(DataType.Timestamp, table.Column("at")!.Type);
        Assert.Equal(DataType.Binary, table.Column("blob")!.Type);
        Assert.Equal(DataType.Date, table.Column("day")!.Type);

        var poco = ItemConverter.ToRecords(new { OrderId = 5, Lines = new[] { new { Sku = "a" } } }).Single();
        normalizer.Normalize(poco, "pocos", new ResourceHints(), sink);
        Assert.Equal(5L, sink.Of("pocos")[0]["order_id"]);
        Assert.Equal("a", sink.Of("pocos__lines")[0]["sku"]);
    }

    [Fact]
    public void Table_names_can_come_from_each_item()
    {
        var hints = new ResourceHints { TableNameSelector = item => item["kind"] as string };
        var (schema, sink) = Run(hints, """[{"kind": "Cats", "n": 1}, {"kind": "dogs", "n": 2}]""");
        Assert.Equal(["cats", "dogs"], schema.Tables.Select(t => t.Name));
        Assert.Equal(2, sink.Rows.Count);
    }

    [Fact]
    public void The_version_hash_tracks_complete_columns_only()
    {
        var (schema, _) = Run(new ResourceHints(), """{"id": 1}""");
        Assert.True(schema.BumpVersion());
        Assert.Equal(1, schema.Version);
        Assert.False(schema.BumpVersion());
        var normalizer = new RowNormalizer(schema, "2");
        normalizer.Normalize(new Dictionary<string, object?> { ["id"] = 2L, ["nothing"] = null }, "orders", new ResourceHints(), new ListSink());
        Assert.False(schema.BumpVersion());
        normalizer.Normalize(new Dictionary<string, object?> { ["id"] = 2L, ["nothing"] = "x" }, "orders", new ResourceHints(), new ListSink());
        Assert.True(schema.BumpVersion());
        Assert.Equal(2, schema.Version);
        var copy = PipelineSchema.FromJson(schema.ToJson());
        Assert.Equal(schema.VersionHash, copy.ComputeVersionHash());
    }

    private sealed record Invoice(decimal Amount, DateTime IssuedAt, byte[] Pdf, [property: System.Text.Json.Serialization.JsonPropertyName("ref")] string Reference, Line[] Lines)
    {
        [System.Text.Json.Serialization.JsonIgnore]
        public string Secret { get; init; } = "hidden";
    }

    private sealed record Line(string Sku, decimal Price);

    private sealed class Node
    {
        public Node? Next { get; set; }
    }

    [Fact]
    public void Poco_properties_keep_their_net_types_and_json_attributes()
    {
        var record = ItemConverter.ToRecords(new Invoice(12.345m, new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), [1], "R-1", [new Line("a", 0.1m)])).Single();
        Assert.Equal(12.345m, record["Amount"]);
        Assert.Equal(new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc), record["IssuedAt"]);
        Assert.Equal("R-1", record["ref"]);
        Assert.False(record.ContainsKey("Secret"));
        var line = Assert.IsType<Dictionary<string, object?>>(Assert.IsType<List<object?>>(record["Lines"]).Single());
        Assert.Equal(0.1m, line["Price"]);

        var cycle = new Node();
        cycle.Next = cycle;
        Assert.Throws<ArgumentException>(() => ItemConverter.ToRecords(cycle).ToList());
    }
}
