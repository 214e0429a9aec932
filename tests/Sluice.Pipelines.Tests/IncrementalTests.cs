using Sluice.Extract;

namespace Sluice.Pipelines.Tests;

public sealed class IncrementalTests : PipelineTest
{
    private static readonly IncrementalHint Cursor = new() { CursorPath = "updated_at", InitialValue = "2024-01-01T00:00:00Z" };

    private static Resource Events(params string[] json) => Items("events", new ResourceHints { PrimaryKey = ["id"], Incremental = Cursor }, json);

    [Fact]
    public async Task Only_new_items_load_and_the_cursor_commits_with_its_load()
    {
        var pipeline = NewPipeline();
        await pipeline.RunAsync([Events(
            """{"id": 0, "updated_at": "2023-12-31T00:00:00Z"}""",
            """{"id": 1, "updated_at": "2024-01-02T00:00:00Z"}""",
            """{"id": 2, "updated_at": "2024-01-03T00:00:00Z"}""")]);
        Assert.Equal(["1", "2"], await RowsAsync("SELECT id FROM events ORDER BY id"));
        Assert.Equal(new DateTime(2024, 1, 3, 0, 0, 0, DateTimeKind.Utc), pipeline.State.Incremental("events", "updated_at")!["last_value"]);

        // The same feed again plus one new item and one more at the last value: only those two load.
        await pipeline.RunAsync([Events(
            """{"id": 1, "updated_at": "2024-01-02T00:00:00Z"}""",
            """{"id": 2, "updated_at": "2024-01-03T00:00:00Z"}""",
            """{"id": 3, "updated_at": "2024-01-03T00:00:00Z"}""",
            """{"id": 4, "updated_at": "2024-01-04T00:00:00Z"}""")]);
        Assert.Equal(["1", "2", "3", "4"], await RowsAsync("SELECT id FROM events ORDER BY id"));
        Assert.Equal(["1", "2"], await RowsAsync("SELECT version FROM _sluice_pipeline_state ORDER BY version"));
    }

    [Fact]
    public async Task A_fresh_working_folder_restores_state_and_schema_from_the_destination()
    {
        await NewPipeline().RunAsync([Events("""{"id": 1, "updated_at": "2024-01-02T00:00:00Z"}""")]);
        Directory.Delete(WorkingFolder, recursive: true);

        var fresh = NewPipeline();
        await fresh.RunAsync([Events("""{"id": 1, "updated_at": "2024-01-02T00:00:00Z"}""", """{"id": 2, "updated_at": "2024-01-05T00:00:00Z"}""")]);
        Assert.Equal(["1", "2"], await RowsAsync("SELECT id FROM events ORDER BY id"));
        Assert.NotNull(fresh.Schema!.Table("events"));
    }

    [Fact]
    public async Task State_of_an_unfinished_load_never_counts()
    {
        var pipeline = NewPipeline();
        var loadId = await pipeline.ExtractAsync([Events("""{"id": 1, "updated_at": "2024-01-02T00:00:00Z"}""")]);
        Assert.Equal(0, pipeline.State.Version);
        // The pending package is loaded first; its cursor then applies to the next extract.
        await pipeline.RunAsync([Events("""{"id": 1, "updated_at": "2024-01-02T00:00:00Z"}""")]);
        Assert.Equal([loadId], await RowsAsync("SELECT _sluice_load_id FROM _sluice_pipeline_state"));
        await pipeline.RunAsync([Events("""{"id": 1, "updated_at": "2024-01-02T00:00:00Z"}""")]);
        Assert.Equal(["1"], await RowsAsync("SELECT count(*) FROM events"));
    }
}
