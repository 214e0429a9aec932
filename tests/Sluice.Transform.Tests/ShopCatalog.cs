using System.Text.Json;
using Sluice.Catalog;
using Sluice.Local;

namespace Sluice.Transform.Tests;

/// <summary>Catalog and run_results look-ups on a <see cref="ShopProject"/>'s lakehouse.</summary>
internal static class ShopCatalog
{
    public static async Task<CatalogTable?> TableAsync(this ShopProject shop, string name, string schema = "analytics")
    {
        using var engine = LocalAthenaEngine.Open(shop.Lakehouse);
        return await engine.Catalog.GetTableAsync(schema, name, CancellationToken.None);
    }

    public static async Task<IReadOnlyList<CatalogTable>> VersionsAsync(this ShopProject shop, string name, string schema = "analytics")
    {
        using var engine = LocalAthenaEngine.Open(shop.Lakehouse);
        return await engine.Catalog.GetTableVersionsAsync(schema, name, CancellationToken.None);
    }

    /// <summary>The <c>adapter_response</c> of a node in the last run's <c>target/run_results.json</c>.</summary>
    public static JsonElement AdapterResponse(this ShopProject shop, string nodeName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(shop.Root, "target", "run_results.json")));
        return document.RootElement.GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("unique_id").GetString()!.EndsWith("." + nodeName, StringComparison.Ordinal))
            .GetProperty("adapter_response").Clone();
    }

    /// <summary>The data files (not hidden) under an <c>s3://</c> location of the lakehouse.</summary>
    public static List<string> Files(this ShopProject shop, string location)
    {
        var folder = shop.Folder(location);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')).ToList()
            : [];
    }
}
