using Sluice.Engines;
using Sluice.Extract;
using Sluice.Local;
using Sluice.Parquet;
using Sluice.Pipelines;
using Sluice.Storage;

namespace Sluice.Pipelines.Tests;

/// <summary>A temp lakehouse with an open local engine, a Parquet writer and a pipeline working folder.</summary>
public abstract class PipelineTest : IDisposable
{
    protected PipelineTest()
    {
        Root = Path.Combine(Path.GetTempPath(), "sluice-pipeline-" + Guid.NewGuid().ToString("N"));
        Engine = LocalAthenaEngine.Open(Path.Combine(Root, "lakehouse"), new LocalEngineOptions { Threads = 2 });
        Writer = new DuckDbParquetWriter();
        Store = new FolderObjectStore(Engine.Root);
    }

    protected string Root { get; }

    protected LocalAthenaEngine Engine { get; private set; }

    protected DuckDbParquetWriter Writer { get; }

    protected FolderObjectStore Store { get; }

    protected string WorkingFolder => Path.Combine(Root, "work");

    protected Pipeline NewPipeline(string name = "shop") => new(
        new PipelineOptions { Name = name, Dataset = "shop_data", Bucket = S3Uri.Parse("s3://lake/"), WorkingFolder = WorkingFolder },
        Engine, Writer, Store);

    protected static Resource Items(string name, ResourceHints hints, params string[] json) => Resource.From(name, json.Cast<object?>().ToList(), hints);

    protected async Task<List<string>> RowsAsync(string sql)
    {
        var result = await Engine.ExecuteAsync(sql, new QueryContext { Database = "shop_data" }, CancellationToken.None);
        return Enumerable.Range(0, result.Rows.Count).Select(i => string.Join("|", result.RenderRow(i).Select(v => v ?? "NULL"))).ToList();
    }

    protected void Reopen()
    {
        Engine.Dispose();
        Engine = LocalAthenaEngine.Open(Path.Combine(Root, "lakehouse"), new LocalEngineOptions { Threads = 2 });
    }

    public void Dispose()
    {
        Engine.Dispose();
        Writer.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }
}
