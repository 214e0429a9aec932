using Sluice.Engines;
using Sluice.Local;
using Sluice.Parquet;
using Sluice.Pipelines;
using Sluice.Storage;

namespace Sluice.Sources.Tests;

/// <summary>A temp folder with a local lakehouse, a Parquet writer and pipelines that load into dataset <c>raw</c>.</summary>
public abstract class LakehouseTest : IDisposable
{
    protected LakehouseTest()
    {
        Root = Path.Combine(Path.GetTempPath(), "sluice-sources-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Engine = LocalAthenaEngine.Open(Path.Combine(Root, "lakehouse"), new LocalEngineOptions { Threads = 2 });
        Writer = new DuckDbParquetWriter();
    }

    protected string Root { get; }

    protected LocalAthenaEngine Engine { get; }

    protected DuckDbParquetWriter Writer { get; }

    protected Pipeline NewPipeline(string name, string? workingFolder = null) => new(
        new PipelineOptions { Name = name, Dataset = "raw", Bucket = S3Uri.Parse("s3://lake/"), WorkingFolder = Path.Combine(Root, "work", workingFolder ?? name) },
        Engine, Writer, new FolderObjectStore(Engine.Root));

    protected async Task<List<string>> RowsAsync(string sql)
    {
        var result = await Engine.ExecuteAsync(sql, new QueryContext { Database = "raw" }, CancellationToken.None);
        return Enumerable.Range(0, result.Rows.Count).Select(i => string.Join("|", result.RenderRow(i).Select(v => v ?? "NULL"))).ToList();
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
