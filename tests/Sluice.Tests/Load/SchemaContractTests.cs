using Sluice.Errors;
using Sluice.Extract;
using Sluice.Normalize;
using Sluice.Schema;

namespace Sluice.Tests.Load;

public sealed class SchemaContractTests
{
    private sealed class Sink : IRowSink
    {
        public List<(string Table, Dictionary<string, object?> Row)> Rows { get; } = [];

        public void Add(TableSchema table, Dictionary<string, object?> row) => Rows.Add((table.Name, row));
    }

    /// <summary>A schema that already has table "t" (id bigint, name text), as after a first load.</summary>
    private static (RowNormalizer Normalizer, Sink Sink) Existing()
    {
        var schema = new PipelineSchema { Name = "s" };
        new RowNormalizer(schema, "1").Normalize(Record("""{"id": 1, "name": "a"}"""), "t", new ResourceHints(), new Sink());
        return (new RowNormalizer(schema, "2"), new Sink());
    }

    private static Dictionary<string, object?> Record(string json) => ItemConverter.ToRecords(json).Single();

    [Fact]
    public void Freeze_fails_on_new_columns_tables_and_types_naming_them()
    {
        var frozen = new ResourceHints { Contract = SchemaContract.Frozen };
        var (normalizer, sink) = Existing();
        normalizer.Normalize(Record("""{"id": 2, "name": "b"}"""), "t", frozen, sink);
        Assert.Single(sink.Rows);
        var column = Assert.Throws<SchemaException>(() => normalizer.Normalize(Record("""{"id": 3, "extra": 1}"""), "t", frozen, sink));
        Assert.Contains("Column 'extra' is new in table 't'", column.Message, StringComparison.Ordinal);
        var type = Assert.Throws<SchemaException>(() => normalizer.Normalize(Record("""{"id": "x"}"""), "t", frozen, sink));
        Assert.Contains("'x'", type.Message, StringComparison.Ordinal);
        var table = Assert.Throws<SchemaException>(() => normalizer.Normalize(Record("""{"id": 4, "tags": ["a"]}"""), "t", frozen, sink));
        Assert.Contains("new table 't__tags'", table.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Discard_row_skips_the_whole_item_and_rolls_back_its_schema_changes()
    {
        var hints = new ResourceHints { Contract = new SchemaContract { Columns = ContractMode.DiscardRow } };
        var (normalizer, sink) = Existing();
        normalizer.Normalize(Record("""{"id": 2, "extra": 1, "kids": [1]}"""), "t", hints, sink);
        Assert.Empty(sink.Rows);
        Assert.Equal(1, normalizer.DiscardedItems);
        Assert.Null(normalizer.Schema.Table("t")!.Column("extra"));
        Assert.Null(normalizer.Schema.Table("t__kids"));
        normalizer.Normalize(Record("""{"id": 3, "name": "c"}"""), "t", hints, sink);
        Assert.Single(sink.Rows);
    }

    [Fact]
    public void Discard_value_keeps_the_row_without_the_value()
    {
        var hints = new ResourceHints { Contract = new SchemaContract { Columns = ContractMode.DiscardValue, DataType = ContractMode.DiscardValue } };
        var (normalizer, sink) = Existing();
        normalizer.Normalize(Record("""{"id": "not a number", "name": "b", "extra": true}"""), "t", hints, sink);
        var row = Assert.Single(sink.Rows).Row;
        Assert.False(row.ContainsKey("id"));
        Assert.False(row.ContainsKey("extra"));
        Assert.Equal("b", row["name"]);
        Assert.Null(normalizer.Schema.Table("t")!.Column("id__v_text"));
    }
}
