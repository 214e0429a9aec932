namespace Sluice.Local.Tests;

public sealed class AlterAndDescribeTests : LakehouseTest
{
    private void Parquet(string s3Path, string select)
    {
        var path = Local(s3Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var db = DuckDb.DuckDbDatabase.Open();
        using var con = db.Connect();
        con.Execute($"COPY ({select}) TO '{path}' (FORMAT parquet)");
    }

    [Fact]
    public void A_partition_with_its_own_location_and_escaped_values_are_read_with_their_values()
    {
        Run("CREATE EXTERNAL TABLE m (v int) PARTITIONED BY (k string, n int) STORED AS PARQUET LOCATION 's3://lake/m/'");
        Parquet("s3://lake/elsewhere/f.parquet", "SELECT 1 AS v");
        Run("ALTER TABLE m ADD PARTITION (k='far', n=1) LOCATION 's3://lake/elsewhere/'");
        Run("INSERT INTO m VALUES (2, 'a:b', 2), (3, NULL, 3), (4, 'plain', 4)");
        Assert.Equal(["1|far|1", "2|a:b|2", "3|NULL|3", "4|plain|4"], Rows("SELECT v, k, n FROM m ORDER BY v"));
        Assert.Equal(["2"], Rows("SELECT v FROM m WHERE k = 'a:b'"));
        Assert.Contains("k=a%3Ab/n=2", Rows("SHOW PARTITIONS m"));
        Assert.Contains("k=__HIVE_DEFAULT_PARTITION__/n=3", Rows("SHOW PARTITIONS m"));
        Assert.True(Directory.Exists(Local("s3://lake/m/k=a%3Ab/n=2")));
    }

    [Fact]
    public void Set_location_replace_columns_and_properties()
    {
        Run("CREATE EXTERNAL TABLE r (a int, b string) STORED AS PARQUET LOCATION 's3://lake/r1/'");
        Parquet("s3://lake/r1/x.parquet", "SELECT 1 AS a, 'one' AS b");
        Parquet("s3://lake/r2/x.parquet", "SELECT 2 AS a, 'two' AS b, 2.5::DOUBLE AS c");
        Assert.Equal(["1|one"], Rows("SELECT * FROM r"));
        Run("ALTER TABLE r SET LOCATION 's3://lake/r2/'");
        Assert.Equal(["2|two"], Rows("SELECT * FROM r"));
        Run("ALTER TABLE r REPLACE COLUMNS (a int, c double)");
        Assert.Equal(["2|2.5"], Rows("SELECT * FROM r"));
        Run("ALTER TABLE r SET TBLPROPERTIES ('owner'='data-team', 'stage'='raw')");
        Run("ALTER TABLE r UNSET TBLPROPERTIES ('stage')");
        Assert.Equal(["EXTERNAL\tTRUE", "classification\tparquet", "owner\tdata-team"], Rows("SHOW TBLPROPERTIES r"));
        Assert.Equal("s3://lake/r2/", Table("r").StorageDescriptor.Location);
    }

    [Fact]
    public void Describe_formatted_shows_columns_partitions_and_storage()
    {
        Run("CREATE EXTERNAL TABLE d (id bigint COMMENT 'key') PARTITIONED BY (dt string) STORED AS PARQUET LOCATION 's3://lake/d/'");
        var lines = Rows("DESCRIBE FORMATTED d");
        Assert.StartsWith("id                  \tbigint              \tkey", lines[0], StringComparison.Ordinal);
        Assert.Contains("# Partition Information", lines);
        Assert.Contains(lines, l => l.StartsWith("Location:", StringComparison.Ordinal) && l.Contains("s3://lake/d/", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", StringComparison.Ordinal));
        Assert.Equal(["id                  \tbigint              \tkey"], Rows("DESCRIBE d id"));
    }

    [Fact]
    public void Show_create_table_of_an_iceberg_table()
    {
        Run("CREATE TABLE ice (id bigint, ts timestamp) PARTITIONED BY (day(ts)) LOCATION 's3://lake/ice' TBLPROPERTIES ('table_type'='ICEBERG')");
        var ddl = string.Join("\n", Rows("SHOW CREATE TABLE ice"));
        Assert.StartsWith("CREATE TABLE `default`.`ice` (", ddl, StringComparison.Ordinal);
        Assert.Contains("PARTITIONED BY (day(ts))", ddl, StringComparison.Ordinal);
        Assert.Contains("'table_type'='iceberg'", ddl, StringComparison.Ordinal);
        Assert.DoesNotContain("ROW FORMAT", ddl, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_tables_like_patterns_follow_hive()
    {
        foreach (var name in new[] { "orders", "order_items", "customers" })
        {
            Run($"CREATE EXTERNAL TABLE {name} (a int) STORED AS PARQUET LOCATION 's3://lake/{name}/'");
        }

        Assert.Equal(["order_items", "orders"], Rows("SHOW TABLES 'order*'"));
        Assert.Equal(["customers", "orders"], Rows("SHOW TABLES LIKE 'orders|cust*'"));
        Assert.Equal(["a"], Rows("SHOW COLUMNS FROM orders"));
    }
}
