using Sluice.Engines;
using Sluice.Local;

namespace Sluice.Transform.Tests;

/// <summary>A workgroup that enforces its output location: Hive tables name no location, Athena chooses it.</summary>
public sealed class WorkgroupLocationTests
{
    private static readonly LocalEngineOptions Enforced = new() { QueryResultsLocation = "s3://wg-results/", EnforceQueryResultsLocation = true };

    [Fact]
    public async Task The_engine_rejects_external_location_like_athena()
    {
        var root = Path.Combine(Path.GetTempPath(), "sluice-wg-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var engine = LocalAthenaEngine.Open(root, Enforced);
            Assert.Equal("s3://wg-results/", engine.Capabilities.EnforcedOutputLocation);
            await engine.ExecuteAsync("CREATE DATABASE d");
            var error = await Assert.ThrowsAsync<EngineException>(() =>
                engine.ExecuteAsync("CREATE TABLE d.t WITH (external_location = 's3://lake/t/') AS SELECT 1 AS id"));
            Assert.Contains("enforces a centralized output location", error.Message, StringComparison.Ordinal);
            Assert.Null(await engine.Catalog.GetTableAsync("d", "t"));

            await engine.ExecuteAsync("CREATE TABLE d.t AS SELECT 1 AS id");
            var table = await engine.Catalog.GetTableAsync("d", "t");
            Assert.StartsWith("s3://wg-results/tables/", table!.StorageDescriptor.Location, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Table_models_build_and_rebuild_under_the_enforced_location_and_its_data_is_never_deleted()
    {
        using var shop = new ShopProject();
        async Task<IReadOnlyList<NodeResult>> RunAsync()
        {
            var session = shop.Load();
            using var engine = LocalAthenaEngine.Open(session.LocalLakehouse, Enforced);
            return await session.RunAsync("build", engine, cancellationToken: CancellationToken.None);
        }

        var first = await RunAsync();
        Assert.All(first, r => Assert.True(r.Status is "success" or "pass" or "warn", r.Node.Name + ": " + r.Message));
        var model = first.Single(r => r.Node.Name == "customer_orders");
        Assert.DoesNotContain("external_location", Assert.Single(model.Statements), StringComparison.Ordinal);
        var firstLocation = await shop.LocationAsync("customer_orders");
        Assert.StartsWith("s3://wg-results/tables/", firstLocation, StringComparison.Ordinal);
        var expected = await shop.QueryAsync("select * from customer_orders order by customer_id");
        Assert.NotEmpty(expected);

        var second = await RunAsync();
        Assert.All(second, r => Assert.True(r.Status is "success" or "pass" or "warn", r.Node.Name + ": " + r.Message));
        var secondLocation = await shop.LocationAsync("customer_orders");
        Assert.StartsWith("s3://wg-results/tables/", secondLocation, StringComparison.Ordinal);
        Assert.NotEqual(firstLocation, secondLocation);
        Assert.Equal(expected, await shop.QueryAsync("select * from customer_orders order by customer_id"));
        // The superseded data is under the workgroup's location, which Sluice does not own: it stays.
        Assert.NotEmpty(Directory.EnumerateFiles(shop.Folder(firstLocation)));
    }
}
