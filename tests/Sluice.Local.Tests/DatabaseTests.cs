namespace Sluice.Local.Tests;

public sealed class DatabaseTests : LakehouseTest
{
    [Fact]
    public void The_default_database_exists_and_new_ones_are_listed()
    {
        Assert.Equal(["default"], Rows("SHOW DATABASES"));
        Run("CREATE DATABASE IF NOT EXISTS Sales COMMENT 'sales data' LOCATION 's3://bucket/sales/'");
        Run("CREATE SCHEMA IF NOT EXISTS sales");
        Assert.Equal(["default", "sales"], Rows("SHOW DATABASES"));
        Assert.Equal(["sales"], Rows("SHOW SCHEMAS LIKE 'sa*'"));
        var database = Database("sales");
        Assert.Equal("sales data", database!.Description);
        Assert.Equal("s3://bucket/sales/", database.LocationUri);
    }

    [Fact]
    public void Creating_an_existing_database_fails_and_dropping_a_missing_one_fails()
    {
        Run("CREATE DATABASE d1");
        Assert.Equal("SCHEMA_ALREADY_EXISTS", Fails("CREATE DATABASE d1").ErrorName);
        Assert.Equal("SCHEMA_NOT_FOUND", Fails("DROP DATABASE nope").ErrorName);
        Run("DROP DATABASE IF EXISTS nope");
    }

    [Fact]
    public void A_database_with_tables_drops_only_with_cascade()
    {
        Run("CREATE DATABASE d2");
        Run("CREATE EXTERNAL TABLE d2.t (id bigint) STORED AS PARQUET LOCATION 's3://bucket/d2/t/'");
        var error = Fails("DROP DATABASE d2");
        Assert.Equal("SCHEMA_NOT_EMPTY", error.ErrorName);
        Assert.Contains("CASCADE", error.Message, StringComparison.Ordinal);
        Run("DROP DATABASE d2 CASCADE");
        Assert.Equal(["default"], Rows("SHOW DATABASES"));
    }

    [Fact]
    public void The_catalog_survives_reopening()
    {
        Run("CREATE DATABASE kept");
        Run("CREATE EXTERNAL TABLE kept.t (id bigint) STORED AS PARQUET LOCATION 's3://bucket/kept/t/'");
        Reopen();
        Assert.Equal(["t"], Rows("SHOW TABLES IN kept"));
        Assert.Equal("0", Rows("SELECT count(*) FROM kept.t").Single());
    }

    [Fact]
    public void A_moved_lakehouse_folder_still_reads_its_tables()
    {
        Run("CREATE TABLE moved WITH (external_location = 's3://lake/moved/', partitioned_by = ARRAY['p']) AS SELECT 1 AS v, 'a' AS p");
        Engine.Dispose();
        var target = Root + "-moved";
        Directory.Move(Root, target);
        try
        {
            using var engine = LocalAthenaEngine.Open(target);
            var result = engine.Execute("SELECT v, p FROM moved");
            Assert.Equal(["1|a"], Enumerable.Range(0, result.Rows.Count).Select(i => string.Join("|", result.RenderRow(i))));
        }
        finally
        {
            Directory.Move(target, Root);
            Reopen();
        }
    }

    [Fact]
    public void Dropping_the_database_in_use_and_recreating_it_works()
    {
        Run("CREATE DATABASE churn");
        Run("CREATE TABLE churn.t WITH (external_location = 's3://lake/churn1/') AS SELECT 1 AS x", database: "churn");
        Assert.Equal("1", Rows("SELECT x FROM t", database: "churn").Single());
        Run("DROP DATABASE churn CASCADE");
        Assert.Equal("SCHEMA_NOT_FOUND", Fails("SELECT 1", database: "churn").ErrorName);
        Run("CREATE DATABASE churn");
        Run("CREATE TABLE churn.t WITH (external_location = 's3://lake/churn2/') AS SELECT 2 AS x", database: "churn");
        Assert.Equal("2", Rows("SELECT x FROM t", database: "churn").Single());
    }
}
