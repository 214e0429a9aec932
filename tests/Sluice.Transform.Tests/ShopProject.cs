using Sluice.Engines;
using Sluice.Local;

namespace Sluice.Transform.Tests;

/// <summary>A copy of the <c>Fixtures/shop</c> dbt-athena project in a temp folder, with its local lakehouse.</summary>
public sealed class ShopProject : IDisposable
{
    public ShopProject(string fixture = "shop")
    {
        Root = Path.Combine(Path.GetTempPath(), "sluice-transform-tests-" + Guid.NewGuid().ToString("N"));
        Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture), Root);
    }

    public string Root { get; }

    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string Lakehouse => Path.Combine(Root, ".sluice", "lakehouse");

    public TransformSession Load(params string[] select) => Load(new TransformOptions { Select = select });

    public TransformSession Load(TransformOptions options) => TransformSession.Load(options with
    {
        ProjectDir = Root,
        Environment = name => Environment.GetValueOrDefault(name),
    });

    public async Task<IReadOnlyList<NodeResult>> RunAsync(string command, TransformOptions? options = null)
    {
        var session = Load(options ?? new TransformOptions());
        using var engine = LocalAthenaEngine.Open(session.LocalLakehouse);
        return await session.RunAsync(command, engine, cancellationToken: CancellationToken.None);
    }

    public async Task<List<string?[]>> QueryAsync(string sql)
    {
        using var engine = LocalAthenaEngine.Open(Lakehouse);
        var result = await engine.ExecuteAsync(sql, new QueryContext { Database = "analytics" }, CancellationToken.None);
        return Enumerable.Range(0, result.Rows.Count).Select(result.RenderRow).ToList();
    }

    public async Task<string> LocationAsync(string table)
    {
        using var engine = LocalAthenaEngine.Open(Lakehouse);
        var found = await engine.Catalog.GetTableAsync("analytics", table, CancellationToken.None);
        return found!.StorageDescriptor.Location!;
    }

    public async Task<List<string>> ColumnTypesAsync(string table)
    {
        using var engine = LocalAthenaEngine.Open(Lakehouse);
        var found = await engine.Catalog.GetTableAsync("analytics", table, CancellationToken.None);
        return found!.AllColumns.Select(c => c.Type).ToList();
    }

    /// <summary>The folder on disk of an <c>s3://</c> location in the local lakehouse.</summary>
    public string Folder(string location) => Path.Combine(Lakehouse, "s3", location["s3://".Length..].TrimEnd('/'));

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
