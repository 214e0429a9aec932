using Sluice.Catalog;
using Sluice.Engines;
using Sluice.Storage;

namespace Sluice.Local.Tests;

public sealed class CatalogWriterTests : LakehouseTest
{
    private ICatalogWriter Writer => Engine.CatalogWriter!;

    [Fact]
    public async Task Replace_swaps_a_hive_table_in_one_call_and_keeps_every_earlier_version()
    {
        Run("CREATE TABLE t WITH (external_location = 's3://lake/t/v1') AS SELECT 1 AS id UNION ALL SELECT 2");
        var before = Table("t");
        Run("CREATE TABLE t__stage WITH (external_location = 's3://lake/t/v2') AS SELECT 10 AS id, 'x' AS label");

        var replaced = await Writer.ReplaceTableAsync(new TableReplacement("default", "t", "t__stage")
        {
            ExpectedVersionId = before.VersionId,
            Parameters = new Dictionary<string, string> { ["sluice.owned_location"] = "s3://lake/t/v2/" },
        });

        Assert.Equal(["10|x"], Rows("SELECT * FROM t"));
        Assert.Equal("s3://lake/t/v2/", replaced.StorageDescriptor.Location);
        Assert.Equal(before.VersionId + 1, replaced.VersionId);
        Assert.Equal("s3://lake/t/v2/", replaced.Parameters["sluice.owned_location"]);
        Assert.Equal(["t"], Rows("SHOW TABLES"));
        Assert.Equal(["s3://lake/t/v2/", "s3://lake/t/v1/"], Versions("t").Select(v => v.StorageDescriptor.Location).ToList());
        Assert.NotEmpty(Directory.EnumerateFiles(Local("s3://lake/t/v1"), "*", SearchOption.AllDirectories));
        Reopen();
        Assert.Equal(["10|x"], Rows("SELECT * FROM t"));
    }

    [Fact]
    public async Task Replace_moves_partitions_and_switches_between_hive_iceberg_and_views()
    {
        Run("CREATE TABLE p WITH (external_location = 's3://lake/p/1', partitioned_by = ARRAY['k']) AS SELECT 1 AS v, 'a' AS k UNION ALL SELECT 2, 'b'");
        Run("CREATE TABLE p__stage WITH (external_location = 's3://lake/p/2', partitioned_by = ARRAY['k']) AS SELECT 3 AS v, 'b' AS k UNION ALL SELECT 4, 'c'");
        await Writer.ReplaceTableAsync(new TableReplacement("default", "p", "p__stage") { ExpectedVersionId = Table("p").VersionId });
        Assert.Equal(["3|b", "4|c"], Rows("SELECT v, k FROM p ORDER BY v"));
        Assert.Equal(["k=b", "k=c"], Rows("SHOW PARTITIONS p"));
        Assert.All((await Engine.Catalog.GetPartitionsAsync("default", "p")), part => Assert.StartsWith("s3://lake/p/2/", part.Location, StringComparison.Ordinal));

        // Hive to Iceberg, Iceberg to Iceberg, Iceberg to Hive, view to table: each one call.
        Run("CREATE TABLE p__ice WITH (table_type = 'ICEBERG', location = 's3://lake/p/3', is_external = false) AS SELECT 5 AS v");
        await Writer.ReplaceTableAsync(new TableReplacement("default", "p", "p__ice"));
        Assert.True(Table("p").IsIceberg);
        Assert.Equal(["5"], Rows("SELECT * FROM p"));
        Run("CREATE TABLE p__ice2 WITH (table_type = 'ICEBERG', location = 's3://lake/p/4', is_external = false) AS SELECT 6 AS v");
        await Writer.ReplaceTableAsync(new TableReplacement("default", "p", "p__ice2"));
        Assert.Equal(["6"], Rows("SELECT * FROM p"));
        Run("CREATE TABLE p__hive WITH (external_location = 's3://lake/p/5') AS SELECT 7 AS v");
        await Writer.ReplaceTableAsync(new TableReplacement("default", "p", "p__hive"));
        Assert.True(Table("p").IsHive);
        Assert.Equal(["7"], Rows("SELECT * FROM p"));
        Assert.Equal(["p"], Rows("SHOW TABLES"));

        Run("CREATE VIEW w AS SELECT 1 AS v");
        Run("CREATE TABLE w__stage WITH (external_location = 's3://lake/w/1') AS SELECT 8 AS v");
        await Writer.ReplaceTableAsync(new TableReplacement("default", "w", "w__stage"));
        Assert.True(Table("w").IsHive);
        Assert.Equal(["8"], Rows("SELECT * FROM w"));

        // And back: a view built under a staging name replaces the table (Glue UpdateTable to VIRTUAL_VIEW).
        Run("CREATE VIEW w__view AS SELECT 9 AS v");
        var view = await Writer.ReplaceTableAsync(new TableReplacement("default", "w", "w__view") { ExpectedVersionId = Table("w").VersionId });
        Assert.True(view.IsView);
        Assert.Equal(["9"], Rows("SELECT * FROM w"));
        Assert.Equal(["w"], Rows("SHOW VIEWS"));
        Reopen();
        Assert.Equal(["9"], Rows("SELECT * FROM w"));
        Assert.Equal(["p", "w"], Rows("SHOW TABLES"));
    }

    [Fact]
    public async Task A_stale_version_id_is_a_conflict_and_changes_nothing()
    {
        Run("CREATE TABLE c WITH (external_location = 's3://lake/c/1') AS SELECT 1 AS id");
        var read = Table("c");
        Run("ALTER TABLE c SET TBLPROPERTIES ('owner' = 'someone-else')");

        var update = await Assert.ThrowsAsync<CatalogConflictException>(() =>
            Writer.UpdateTableAsync(read with { Parameters = new Dictionary<string, string>(read.Parameters) { ["x"] = "y" } }, read.VersionId));
        Assert.Equal(read.VersionId + 1, update.StoredVersionId);
        Assert.Contains("changed", update.Message, StringComparison.Ordinal);
        Assert.Contains("Read it again and retry", update.Message, StringComparison.Ordinal);

        Run("CREATE TABLE c__stage WITH (external_location = 's3://lake/c/2') AS SELECT 2 AS id");
        await Assert.ThrowsAsync<CatalogConflictException>(() =>
            Writer.ReplaceTableAsync(new TableReplacement("default", "c", "c__stage") { ExpectedVersionId = read.VersionId }));
        var missing = await Assert.ThrowsAsync<CatalogConflictException>(() =>
            Writer.ReplaceTableAsync(new TableReplacement("default", "c", "c__stage") { ExpectedVersionId = 0 }));
        Assert.Contains("expected not to", missing.Message, StringComparison.Ordinal);
        Assert.Equal(["1"], Rows("SELECT * FROM c"));
        Assert.Equal(["c", "c__stage"], Rows("SHOW TABLES"));
        Assert.False(Table("c").Parameters.ContainsKey("x"));

        // With the current version id the update goes through and archives the previous version.
        var current = Table("c");
        var updated = await Writer.UpdateTableAsync(current with { Parameters = new Dictionary<string, string>(current.Parameters) { ["x"] = "y" } }, current.VersionId);
        Assert.Equal("y", updated.Parameters["x"]);
        Assert.Equal(3, Versions("c").Count);
    }

    [Fact]
    public async Task A_failure_inside_the_catalog_transaction_rolls_everything_back()
    {
        Run("CREATE TABLE r WITH (table_type = 'ICEBERG', location = 's3://lake/r/1', is_external = false) AS SELECT 1 AS id");
        Run("CREATE TABLE r__stage WITH (table_type = 'ICEBERG', location = 's3://lake/r/2', is_external = false) AS SELECT 2 AS id");
        Run("CREATE TABLE h WITH (external_location = 's3://lake/h/1', partitioned_by = ARRAY['k']) AS SELECT 1 AS id, 'a' AS k");
        Run("CREATE TABLE h__stage WITH (external_location = 's3://lake/h/2', partitioned_by = ARRAY['k']) AS SELECT 2 AS id, 'b' AS k");
        var versions = Versions("r").Count;
        Engine.BeforeCatalogCommit = operation => throw new IOException("disk full during " + operation);

        await Assert.ThrowsAsync<IOException>(() => Writer.ReplaceTableAsync(new TableReplacement("default", "r", "r__stage")));
        await Assert.ThrowsAsync<IOException>(() => Writer.ReplaceTableAsync(new TableReplacement("default", "h", "h__stage")));
        await Assert.ThrowsAsync<IOException>(() => Writer.DeleteTableAsync("default", "r"));

        Engine.BeforeCatalogCommit = null;
        Assert.Equal(["1"], Rows("SELECT * FROM r"));
        Assert.Equal(["2"], Rows("SELECT * FROM r__stage"));
        Assert.Equal(["1|a"], Rows("SELECT * FROM h"));
        Assert.Equal(["k=a"], Rows("SHOW PARTITIONS h"));
        Assert.Equal(["2|b"], Rows("SELECT * FROM h__stage"));
        Assert.Equal(versions, Versions("r").Count);
        Reopen();
        Assert.Equal(["1"], Rows("SELECT * FROM r"));
        Assert.Equal(["h", "h__stage", "r", "r__stage"], Rows("SHOW TABLES"));

        // The same calls succeed once nothing fails.
        await Engine.CatalogWriter!.ReplaceTableAsync(new TableReplacement("default", "r", "r__stage"));
        Assert.Equal(["2"], Rows("SELECT * FROM r"));
    }

    [Fact]
    public async Task Create_delete_and_partition_calls_register_files_without_statements()
    {
        var store = Engine.Objects!;
        var csv = Path.Combine(Root, "upload.csv");
        await File.WriteAllTextAsync(csv, "\"c0\",\"c1\"\n\"1\",\"a, b\"\n\"2\",\"\"\n");
        await store.PutFileAsync(csv, S3Uri.Parse("s3://lake/up/1/data.csv"));
        await Writer.CreateTableAsync(new CatalogTable
        {
            DatabaseName = "default",
            Name = "up",
            StorageDescriptor = new StorageDescriptor
            {
                Location = "s3://lake/up/1/",
                Columns = [new CatalogColumn("c0", "string"), new CatalogColumn("c1", "string")],
                InputFormat = HiveFormats.TextInput,
                OutputFormat = HiveFormats.TextOutput,
                SerdeInfo = new SerDeInfo(HiveFormats.OpenCsvSerDe),
            },
            Parameters = new Dictionary<string, string> { ["skip.header.line.count"] = "1" },
        });
        Assert.Equal(["1|a, b", "2|"], Rows("SELECT * FROM up ORDER BY c0"));
        Assert.Equal("TABLE_ALREADY_EXISTS", (await Assert.ThrowsAsync<EngineException>(() => Writer.CreateTableAsync(Table("up")))).ErrorName);

        await Writer.DeleteTableAsync("default", "up");
        await Writer.DeleteTableAsync("default", "up");
        Assert.Empty(Rows("SHOW TABLES"));
        Assert.Single(await store.ListAsync(S3Uri.Parse("s3://lake/up/")));
        Assert.Equal(1, await store.DeletePrefixAsync(S3Uri.Parse("s3://lake/up/1")));
        Assert.Empty(await store.ListAsync(S3Uri.Parse("s3://lake/up/")));

        Run("CREATE TABLE parts WITH (external_location = 's3://lake/parts/1', partitioned_by = ARRAY['k']) AS SELECT 1 AS id, 'a' AS k");
        Run("CREATE TABLE other WITH (external_location = 's3://lake/parts/2', partitioned_by = ARRAY['k']) AS SELECT 2 AS id, 'a' AS k UNION ALL SELECT 3, 'b'");
        await Writer.PutPartitionsAsync("default", "parts",
        [
            new CatalogPartition(["a"], "s3://lake/parts/2/k=a/"),
            new CatalogPartition(["b"], "s3://lake/parts/2/k=b/"),
        ]);
        Assert.Equal(["2|a", "3|b"], Rows("SELECT * FROM parts ORDER BY id"));
        await Writer.DeletePartitionsAsync("default", "parts", [["b"]]);
        Assert.Equal(["2|a"], Rows("SELECT * FROM parts ORDER BY id"));
        Assert.Equal("INVALID_PARTITION", (await Assert.ThrowsAsync<EngineException>(() =>
            Writer.PutPartitionsAsync("default", "parts", [new CatalogPartition(["a", "extra"], "s3://lake/x/")]))).ErrorName);
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeletePrefixAsync(S3Uri.Parse("s3://lake")));
    }
}
