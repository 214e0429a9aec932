using Sluice.Engines;

namespace Sluice.Local.Tests;

/// <summary>A fresh lakehouse folder with an open engine; both go away on dispose.</summary>
public class LakehouseTest : IDisposable
{
    protected LakehouseTest()
    {
        Root = Path.Combine(Path.GetTempPath(), "sluice-lakehouse-" + Guid.NewGuid().ToString("N"));
        Engine = LocalAthenaEngine.Open(Root, new LocalEngineOptions { Threads = 2 });
    }

    protected string Root { get; }

    protected LocalAthenaEngine Engine { get; private set; }

    protected QueryResult Run(string sql, string database = "default") =>
        Engine.Execute(sql, new QueryContext { Database = database });

    protected EngineException Fails(string sql, string database = "default") =>
        Assert.Throws<EngineException>(() => Run(sql, database));

    /// <summary>The rows as Athena renders them, one string per row with values joined by '|'.</summary>
    protected List<string> Rows(string sql, string database = "default")
    {
        var result = Run(sql, database);
        return Enumerable.Range(0, result.Rows.Count).Select(i => string.Join("|", result.RenderRow(i).Select(v => v ?? "NULL"))).ToList();
    }

    protected Catalog.CatalogTable Table(string name, string database = "default") =>
        Engine.Catalog.GetTableAsync(database, name).GetAwaiter().GetResult() ?? throw new InvalidOperationException($"No table {database}.{name}.");

    protected Catalog.CatalogDatabase? Database(string name) => Engine.Catalog.GetDatabaseAsync(name).GetAwaiter().GetResult();

    protected IReadOnlyList<Catalog.CatalogTable> Versions(string name, string database = "default") =>
        Engine.Catalog.GetTableVersionsAsync(database, name).GetAwaiter().GetResult();

    protected string Local(string s3Path) => Path.Combine(Root, "s3", s3Path.Replace("s3://", string.Empty, StringComparison.Ordinal));

    protected void Reopen()
    {
        Engine.Dispose();
        Engine = LocalAthenaEngine.Open(Root, new LocalEngineOptions { Threads = 2 });
    }

    public void Dispose()
    {
        Engine.Dispose();
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
