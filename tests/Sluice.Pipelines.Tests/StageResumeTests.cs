using Sluice.Extract;
using Sluice.Schema;

namespace Sluice.Pipelines.Tests;

public sealed class StageResumeTests : PipelineTest
{
    [Fact]
    public async Task An_extracted_package_is_normalized_and_loaded_by_the_next_run_which_then_stops()
    {
        var first = NewPipeline();
        await first.ExtractAsync([Items("a", new ResourceHints(), """{"x": 1}""")]);
        // A partial extract (a killed process) is discarded, never loaded.
        Directory.CreateDirectory(Path.Combine(first.Folder.Extract, "9999999999.000000.partial"));

        var resumed = await NewPipeline().RunAsync([Items("a", new ResourceHints(), """{"x": 2}""")]);
        Assert.Single(resumed.Packages);
        Assert.Equal(["1"], await RowsAsync("SELECT x FROM a"));
        Assert.Empty(Directory.EnumerateDirectories(first.Folder.Extract));

        await NewPipeline().RunAsync([Items("a", new ResourceHints(), """{"x": 2}""")]);
        Assert.Equal(["1", "2"], await RowsAsync("SELECT x FROM a ORDER BY x"));
    }

    [Fact]
    public async Task A_normalized_package_survives_a_restart_of_the_engine()
    {
        var pipeline = NewPipeline();
        var loadId = await pipeline.ExtractAsync([Items("a", new ResourceHints { TableFormat = TableFormat.Iceberg }, """{"x": 1}""")]);
        await pipeline.NormalizeAsync(loadId);
        Assert.True(Directory.Exists(Path.Combine(pipeline.Folder.Load, loadId)));
        Reopen();
        var info = await NewPipeline().FinishPendingAsync();
        Assert.Equal(loadId, Assert.Single(info.Packages).LoadId);
        Assert.Equal([loadId], await RowsAsync("SELECT load_id FROM _sluice_loads"));
        Assert.True(Directory.Exists(Path.Combine(pipeline.Folder.Loaded, loadId)));
    }

    [Fact]
    public async Task Typed_values_survive_the_extracted_package()
    {
        var item = new Dictionary<string, object?>
        {
            ["amount"] = 10.50m, ["whole"] = 2.0, ["at"] = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), ["day"] = new DateOnly(2024, 5, 6),
            ["blob"] = new byte[] { 0xCA, 0xFE }, ["tagged"] = "\uE000looks like a tag", ["doc"] = new JsonText("""{"k":[1]}"""),
        };
        await NewPipeline().RunAsync([Resource.From("typed", [item])]);
        Assert.Equal(["10.500000000|2.0|2024-05-06 07:08:09.000|2024-05-06|ca fe|\uE000looks like a tag|{\"k\":[1]}"],
            await RowsAsync("SELECT amount, whole, \"at\", \"day\", blob, tagged, doc FROM typed"));
        var schema = NewPipeline().Schema!;
        Assert.Equal(DataType.Double, schema.Table("typed")!.Column("whole")!.Type);
        Assert.Equal(DataType.Json, schema.Table("typed")!.Column("doc")!.Type);
    }

    [Fact]
    public async Task Variant_columns_reach_the_destination()
    {
        var pipeline = NewPipeline();
        await pipeline.RunAsync([Items("m", new ResourceHints(), """{"n": 1}""")]);
        await pipeline.RunAsync([Items("m", new ResourceHints(), """{"n": "many"}""")]);
        Assert.Equal(["1|NULL", "NULL|many"], await RowsAsync("SELECT n, n__v_text FROM m ORDER BY n"));
    }

    [Fact]
    public async Task A_second_run_on_the_same_working_folder_waits_its_turn()
    {
        var gate = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        async IAsyncEnumerable<object?> Slow()
        {
            started.SetResult();
            await gate.Task;
            yield return """{"x": 1}""";
        }

        var first = NewPipeline().RunAsync([Resource.From("slow", Slow())]);
        await started.Task;
        var error = await Assert.ThrowsAsync<Errors.LoadException>(() => NewPipeline().RunAsync([Items("other", new ResourceHints(), """{"x": 2}""")]));
        Assert.True(error.IsTransient);
        Assert.Contains("is in use by another run", error.Message, StringComparison.Ordinal);
        gate.SetResult();
        await first;
        await NewPipeline().RunAsync([Items("other", new ResourceHints(), """{"x": 2}""")]);
        Assert.Equal(["1"], await RowsAsync("SELECT x FROM slow"));
        Assert.Equal(["2"], await RowsAsync("SELECT x FROM other"));
    }
}
