using System.Security.Cryptography;
using System.Text;
using Sluice.Errors;
using Sluice.Extract;
using Sluice.Schema;
using Sluice.Sources;

namespace Sluice.Pipelines.Tests;

/// <summary>
/// Bad input: each case either fails with an error that says what, why and how to fix it, leaving the destination
/// tables, the bookkeeping and the local state exactly as they were, or is stored faithfully (checked by reading back).
/// </summary>
public sealed class BadInputTests : PipelineTest
{
    private static readonly ResourceHints Events = new() { TableName = "events" };

    /// <summary>A first good load, and a snapshot of everything a failed load must leave alone.</summary>
    private async Task<Func<Task>> GoodLoadThenSnapshotAsync(Pipelines.Pipeline pipeline)
    {
        await pipeline.RunAsync([Items("events", Events, """{"id": 1, "name": "ok"}""")]);
        var rows = await RowsAsync("SELECT id, name FROM events ORDER BY id");
        var loads = await RowsAsync("SELECT load_id FROM _sluice_loads ORDER BY load_id");
        var versions = await RowsAsync("SELECT version_hash FROM _sluice_version ORDER BY version");
        var schema = File.ReadAllText(pipeline.Folder.SchemaFile(pipeline.SchemaName));
        var state = File.Exists(pipeline.Folder.StateFile) ? File.ReadAllText(pipeline.Folder.StateFile) : null;
        var location = (await Engine.Catalog.GetTableAsync("shop_data", "events"))!.StorageDescriptor.Columns.Count;
        return async () =>
        {
            Assert.Equal(rows, await RowsAsync("SELECT id, name FROM events ORDER BY id"));
            Assert.Equal(loads, await RowsAsync("SELECT load_id FROM _sluice_loads ORDER BY load_id"));
            Assert.Equal(versions, await RowsAsync("SELECT version_hash FROM _sluice_version ORDER BY version"));
            Assert.Equal(location, (await Engine.Catalog.GetTableAsync("shop_data", "events"))!.StorageDescriptor.Columns.Count);
            Assert.Equal(schema, File.ReadAllText(pipeline.Folder.SchemaFile(pipeline.SchemaName)));
            Assert.Equal(state, File.Exists(pipeline.Folder.StateFile) ? File.ReadAllText(pipeline.Folder.StateFile) : null);
            Assert.Empty(Load.PipelineFolder.Packages(pipeline.Folder.Load));
            Assert.Empty(Load.PipelineFolder.Packages(pipeline.Folder.Extract));
        };
    }

    private string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public async Task A_malformed_json_line_fails_naming_the_item_and_loads_nothing()
    {
        var pipeline = NewPipeline();
        var unchanged = await GoodLoadThenSnapshotAsync(pipeline);
        var file = WriteFile("events.jsonl", Encoding.UTF8.GetBytes("{\"id\": 2, \"name\": \"fine\"}\n{\"id\": 3, \"name\": \"broken\"\n{\"id\": 4}\n"));
        var error = await Assert.ThrowsAsync<LoadException>(() => pipeline.RunAsync(FileSource.Resources(file, Events)));
        Assert.Contains("Item 2 of resource 'events' cannot be read", error.Message, StringComparison.Ordinal);
        Assert.Contains("{\"id\": 3, \"name\": \"broken\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("fix or filter that item in the source and run again", error.Message, StringComparison.Ordinal);
        await unchanged();
    }

    [Fact]
    public async Task Invalid_utf8_fails_naming_the_file_and_line_and_loads_nothing()
    {
        var pipeline = NewPipeline();
        var unchanged = await GoodLoadThenSnapshotAsync(pipeline);
        var bytes = Encoding.UTF8.GetBytes("{\"id\": 2, \"name\": \"fine\"}\n{\"id\": 3, \"name\": \"caf")
            .Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}\n")).ToArray();
        var file = WriteFile("latin.jsonl", bytes);
        var error = await Assert.ThrowsAsync<LoadException>(() => pipeline.RunAsync(FileSource.Resources(file, Events)));
        Assert.Contains("is not valid UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
        Assert.Contains("Convert the file to UTF-8", error.Message, StringComparison.Ordinal);
        await unchanged();
    }

    [Fact]
    public async Task A_10_mb_string_is_stored_faithfully()
    {
        var text = string.Create(10 * 1024 * 1024, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i * 7 % 26));
            }
        }) + "é'\"\\;--\u2028end";
        var item = new Dictionary<string, object?> { ["id"] = 1L, ["blob"] = text };
        await NewPipeline().RunAsync([Resource.From("big", [item])]);
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        Assert.Equal([$"{text.Length}|{expected}"], await RowsAsync("SELECT length(blob), lower(to_hex(sha256(to_utf8(blob)))) FROM big"));
    }

    [Fact]
    public async Task Nesting_200_levels_deep_is_stored_faithfully_and_beyond_1000_fails_with_the_limit()
    {
        var pipeline = NewPipeline();
        var unchanged = await GoodLoadThenSnapshotAsync(pipeline);
        var tooDeep = string.Concat(Enumerable.Repeat("{\"a\": ", 1001)) + "1" + new string('}', 1001);
        var error = await Assert.ThrowsAsync<LoadException>(() => pipeline.RunAsync([Items("events", Events, "{\"id\": 2, \"deep\": " + tooDeep + "}")]));
        Assert.Contains("Item 1 of resource 'events' cannot be read", error.Message, StringComparison.Ordinal);
        Assert.Contains("depth of 1000", error.Message, StringComparison.Ordinal);
        Assert.Contains("fix or filter that item", error.Message, StringComparison.Ordinal);
        await unchanged();

        // 200 levels of objects flatten into one column (its name shortened with a hash), 200 levels of lists into
        // child tables; the leaf values read back.
        var deep = string.Concat(Enumerable.Repeat("{\"a\": ", 200)) + "\"leaf\"" + new string('}', 200);
        var lists = string.Concat(Enumerable.Repeat("[", 200)) + "7" + new string(']', 200);
        await pipeline.RunAsync([Items("events", Events, "{\"id\": 2, \"deep\": " + deep + ", \"lists\": " + lists + "}")]);
        var column = pipeline.Schema!.Table("events")!.Columns.Single(c => c.Name.StartsWith("deep__a__a", StringComparison.Ordinal)).Name;
        Assert.True(column.Length <= 255, column);
        Assert.Equal(["leaf"], await RowsAsync($"SELECT \"{column}\" FROM events WHERE id = 2"));
        var leafTable = pipeline.Schema.Tables.Where(t => t.Name.StartsWith("events__lists", StringComparison.Ordinal)).Single(t => t.Column("value") is not null).Name;
        Assert.Equal(["7"], await RowsAsync($"SELECT value FROM \"{leafTable}\""));

        // The schema of 200+ tables is too long for one statement as JSON: it is stored compressed and restores whole.
        Assert.StartsWith("zlib:", (await RowsAsync("SELECT substr(schema, 1, 5) FROM _sluice_version ORDER BY version DESC LIMIT 1")).Single(), StringComparison.Ordinal);
        var fresh = new Pipelines.Pipeline(
            new Pipelines.PipelineOptions { Name = "shop", Dataset = "shop_data", Bucket = Storage.S3Uri.Parse("s3://lake/"), WorkingFolder = Path.Combine(Root, "fresh") },
            Engine, Writer, Store);
        Assert.True(await fresh.RestoreAsync());
        Assert.Equal(pipeline.Schema.Tables.Count, fresh.Schema!.Tables.Count);
    }

    [Fact]
    public async Task Columns_differing_only_in_case_fail_naming_both_and_load_nothing()
    {
        var pipeline = NewPipeline();
        var unchanged = await GoodLoadThenSnapshotAsync(pipeline);
        var error = await Assert.ThrowsAsync<SchemaException>(() => pipeline.RunAsync([Items("events", Events, """{"id": 2, "Name": "x", "name": "y"}""")]));
        Assert.Contains("'Name'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'name'", error.Message, StringComparison.Ordinal);
        await unchanged();

        // A column differing in case from one loaded earlier collides too.
        var later = await Assert.ThrowsAsync<SchemaException>(() => pipeline.RunAsync([Items("events", Events, """{"id": 3, "NAME": "z"}""")]));
        Assert.Contains("'NAME'", later.Message, StringComparison.Ordinal);
        await unchanged();
    }

    [Fact]
    public async Task Quotes_and_sql_metacharacters_in_names_and_values_are_stored_faithfully()
    {
        var hints = new ResourceHints { TableName = "o'rders\"; DROP TABLE x; --", PrimaryKey = ["k`ey"], WriteDisposition = WriteDisposition.Merge };
        var values = new[] { "it's", "say \"hi\"", "a;b -- c /* d */", "back\\slash `tick`", "new\nline\ttab", "'; DROP TABLE events; --", "${x} {{ y }} %s" };
        var items = values.Select((v, i) => (object?)new Dictionary<string, object?> { ["k`ey"] = (long)i, ["va'l\"ue;--"] = v, ["nested"] = new List<object?> { new Dictionary<string, object?> { ["q'"] = v } } }).ToList();
        var pipeline = NewPipeline();
        await pipeline.RunAsync([Resource.From("weird", items, hints)]);
        // Merge again: the values go through staging, CTAS and the generation switch once more.
        await pipeline.RunAsync([Resource.From("weird", items, hints)]);
        var table = pipeline.Schema!.Tables.Single(t => t.IsRoot).Name;
        Assert.Equal("o_rders_drop_table_xx", table);
        var rows = await RowsAsync($"SELECT \"va_l_uex\" FROM \"{table}\" ORDER BY k_ey");
        Assert.Equal(values.Select(v => v.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)), rows.Select(r => r.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)));
        Assert.Equal(values.Length, (await RowsAsync($"SELECT qx FROM \"{table}__nested\" ORDER BY _sluice_root_id")).Count);
        Assert.Equal(values.Order(StringComparer.Ordinal), (await RowsAsync($"SELECT qx FROM \"{table}__nested\"")).Select(r => r).Order(StringComparer.Ordinal));
    }
}
