namespace Sluice.Local.Tests;

public sealed class HiveTableTests : LakehouseTest
{
    [Fact]
    public void An_external_table_reads_parquet_files_with_the_catalog_types()
    {
        Run("""
            CREATE EXTERNAL TABLE IF NOT EXISTS `default`.`events` (
              `id` bigint COMMENT 'the id', `name` string, `amount` decimal(10,2), `tags` array<string>,
              `attrs` map<string,int>, `who` struct<first:string,age:int>, `at` timestamp, `day` date)
            STORED AS PARQUET
            LOCATION 's3://lake/events/'
            TBLPROPERTIES ('classification'='parquet')
            """);
        Assert.Equal("0", Rows("SELECT count(*) FROM events").Single());

        // Another writer drops a file in: it is visible at once, read with the catalog's types.
        Directory.CreateDirectory(Local("s3://lake/events/"));
        using (var db = DuckDb.DuckDbDatabase.Open())
        using (var con = db.Connect())
        {
            con.Execute($"""
                COPY (SELECT 1::INTEGER AS id, 'one' AS name, 12.5::DOUBLE AS amount, ['a', 'b'] AS tags, MAP {'{'}'k': 1{'}'} AS attrs,
                             {'{'}'first': 'Ann', 'age': 30{'}'} AS who, TIMESTAMP '2024-01-02 03:04:05.678' AS at, DATE '2024-01-02' AS day)
                TO '{Local("s3://lake/events/part-0.parquet")}' (FORMAT parquet)
                """);
        }

        var result = Run("SELECT * FROM events");
        Assert.Equal(["id", "name", "amount", "tags", "attrs", "who", "at", "day"], result.Columns.Select(c => c.Name));
        Assert.Equal(["bigint", "varchar", "decimal(10,2)", "array(varchar)", "map(varchar, integer)", "row(first varchar, age integer)", "timestamp(3)", "date"],
            result.Columns.Select(c => c.Type));
        Assert.Equal(1L, result.Rows[0][0]);
        Assert.Equal(12.50m, result.Rows[0][2]);
        Assert.Equal(["1", "one", "12.50", "[a, b]", "{k=1}", "{first=Ann, age=30}", "2024-01-02 03:04:05.678", "2024-01-02"], result.RenderRow(0).Select(v => v ?? "NULL"));
    }

    [Fact]
    public void Hidden_files_and_folder_markers_are_not_read()
    {
        Run("CREATE EXTERNAL TABLE t (v int) STORED AS PARQUET LOCATION 's3://lake/t/'");
        Directory.CreateDirectory(Local("s3://lake/t/_temporary"));
        using (var db = DuckDb.DuckDbDatabase.Open())
        using (var con = db.Connect())
        {
            foreach (var name in new[] { "data.parquet", "_hidden.parquet", ".also-hidden.parquet", "_temporary/x.parquet" })
            {
                con.Execute($"COPY (SELECT 1 AS v) TO '{Local("s3://lake/t/" + name)}' (FORMAT parquet)");
            }
        }

        File.WriteAllBytes(Local("s3://lake/t/_SUCCESS"), []);
        Assert.Equal("1", Rows("SELECT count(*) FROM t").Single());
    }

    [Fact]
    public void Ctas_writes_parquet_under_the_external_location_and_registers_the_table()
    {
        var result = Run("""
            CREATE TABLE "default"."orders" WITH (format = 'PARQUET', external_location = 's3://lake/orders/', write_compression = 'ZSTD')
            AS SELECT range AS id, 'customer-' || (range % 3) AS customer, CAST(range * 1.5 AS DOUBLE) AS amount FROM range(10)
            """);
        Assert.Equal(10, result.UpdateCount);
        var files = Directory.GetFiles(Local("s3://lake/orders/"), "*.parquet", SearchOption.AllDirectories);
        Assert.Single(files);
        Assert.Equal(["4|customer-0"], Rows("SELECT count(*), min(customer) FROM orders WHERE customer = 'customer-0'"));
        var table = Table("orders");
        Assert.Equal("EXTERNAL_TABLE", table.TableType);
        Assert.Equal("s3://lake/orders/", table.StorageDescriptor.Location);
        Assert.Equal(["id:bigint", "customer:string", "amount:double"], table.StorageDescriptor.Columns.Select(c => c.Name + ":" + c.Type));
        Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", table.StorageDescriptor.SerdeInfo!.SerializationLibrary);
    }

    [Fact]
    public void Ctas_into_a_non_empty_location_fails_like_athena_and_deletes_nothing()
    {
        Directory.CreateDirectory(Local("s3://lake/busy/"));
        File.WriteAllText(Local("s3://lake/busy/keep.csv"), "precious");
        var error = Fails("CREATE TABLE busy WITH (external_location = 's3://lake/busy/') AS SELECT 1 AS x");
        Assert.Equal("HIVE_PATH_ALREADY_EXISTS", error.ErrorName);
        Assert.Equal(
            "Target directory for table 'default.busy' already exists: s3://lake/busy/. You may need to manually clean the data at location 's3://lake/busy/' before retrying. Athena will not delete data in your account.",
            error.Message);
        Assert.Equal("precious", File.ReadAllText(Local("s3://lake/busy/keep.csv")));
        Assert.Empty(Rows("SHOW TABLES"));
    }

    [Fact]
    public void Ctas_without_a_location_goes_under_the_query_results_location()
    {
        var result = Run("CREATE TABLE anywhere AS SELECT 1 AS x");
        var table = Table("anywhere");
        Assert.Equal($"s3://sluice-query-results/tables/{result.QueryExecutionId}/", table.StorageDescriptor.Location);
        Assert.Equal("1", Rows("SELECT x FROM anywhere").Single());
    }

    [Fact]
    public void Partitioned_ctas_writes_hive_folders_and_registers_partitions()
    {
        Run("""
            CREATE TABLE sales WITH (external_location = 's3://lake/sales/', partitioned_by = ARRAY['country', 'day'])
            AS SELECT range AS id, range * 10 AS amount, CASE WHEN range % 2 = 0 THEN 'DE' ELSE 'FR' END AS country, DATE '2024-01-01' + CAST(range % 3 AS INTEGER) AS day
            FROM range(12)
            """);
        Assert.Equal(6, Rows("SHOW PARTITIONS sales").Count);
        Assert.Contains("country=DE/day=2024-01-01", Rows("SHOW PARTITIONS sales"));
        Assert.True(Directory.Exists(Local("s3://lake/sales/country=DE/day=2024-01-01")));
        Assert.Equal(["DE|2024-01-01|2"], Rows("SELECT country, day, count(*) FROM sales WHERE country = 'DE' AND day = DATE '2024-01-01' GROUP BY 1, 2"));
        Assert.Equal("12", Rows("SELECT count(*) FROM sales").Single());
        var table = Table("sales");
        Assert.Equal(["country", "day"], table.PartitionKeys.Select(k => k.Name));
        Assert.Equal(["id", "amount"], table.StorageDescriptor.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Partition_columns_must_come_last()
    {
        var error = Fails("CREATE TABLE bad WITH (partitioned_by = ARRAY['a']) AS SELECT 1 AS a, 2 AS b");
        Assert.Equal("HIVE_COLUMN_ORDER_MISMATCH", error.ErrorName);
    }

    [Fact]
    public void More_than_100_partitions_fail_and_leave_nothing_behind()
    {
        var error = Fails("CREATE TABLE wide WITH (external_location = 's3://lake/wide/', partitioned_by = ARRAY['p']) AS SELECT range AS v, range AS p FROM range(101)");
        Assert.Equal("HIVE_TOO_MANY_OPEN_PARTITIONS", error.ErrorName);
        Assert.Equal("Exceeded limit of 100 open writers for partitions/buckets", error.Message);
        Assert.False(Directory.Exists(Local("s3://lake/wide/")) && Directory.EnumerateFiles(Local("s3://lake/wide/"), "*", SearchOption.AllDirectories).Any());
        Assert.Empty(Rows("SHOW TABLES"));
        Run("CREATE TABLE wide WITH (external_location = 's3://lake/wide/', partitioned_by = ARRAY['p']) AS SELECT range AS v, range AS p FROM range(100)");
        Assert.Equal("100", Rows("SELECT count(*) FROM wide").Single());
    }

    [Fact]
    public void Insert_adds_new_files_and_never_rewrites_existing_ones()
    {
        Run("CREATE EXTERNAL TABLE log (id bigint, msg string) PARTITIONED BY (dt string) STORED AS PARQUET LOCATION 's3://lake/log/'");
        Run("INSERT INTO log SELECT 1, 'first', '2024-01-01'");
        var before = Directory.GetFiles(Local("s3://lake/log/"), "*", SearchOption.AllDirectories).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        var result = Run("INSERT INTO log (msg, id, dt) VALUES ('second', 2, '2024-01-01'), ('third', 3, '2024-01-02')");
        Assert.Equal(2, result.UpdateCount);
        foreach (var (file, time) in before)
        {
            Assert.Equal(time, File.GetLastWriteTimeUtc(file));
        }

        Assert.Equal(3, Directory.GetFiles(Local("s3://lake/log/"), "*", SearchOption.AllDirectories).Length);
        Assert.Equal(["1|first|2024-01-01", "2|second|2024-01-01", "3|third|2024-01-02"], Rows("SELECT id, msg, dt FROM log ORDER BY id"));
        Assert.Equal(["dt=2024-01-01", "dt=2024-01-02"], Rows("SHOW PARTITIONS log"));
    }

    [Fact]
    public void Added_columns_read_as_null_from_older_files()
    {
        Run("CREATE TABLE grow WITH (external_location = 's3://lake/grow/') AS SELECT 1 AS id");
        Run("ALTER TABLE grow ADD COLUMNS (note string COMMENT 'new')");
        Run("INSERT INTO grow VALUES (2, 'has note')");
        Assert.Equal(["1|NULL", "2|has note"], Rows("SELECT id, note FROM grow ORDER BY id"));
        Assert.Contains(Rows("DESCRIBE grow"), line => line.StartsWith("note", StringComparison.Ordinal) && line.EndsWith("new", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_registered_partitions_are_read_until_msck_repair()
    {
        Run("CREATE EXTERNAL TABLE clicks (n int) PARTITIONED BY (dt string) STORED AS PARQUET LOCATION 's3://lake/clicks/'");
        using (var db = DuckDb.DuckDbDatabase.Open())
        using (var con = db.Connect())
        {
            Directory.CreateDirectory(Local("s3://lake/clicks/dt=2024-05-01"));
            Directory.CreateDirectory(Local("s3://lake/clicks/dt=2024-05-02"));
            con.Execute($"COPY (SELECT 1 AS n) TO '{Local("s3://lake/clicks/dt=2024-05-01/a.parquet")}' (FORMAT parquet)");
            con.Execute($"COPY (SELECT 2 AS n) TO '{Local("s3://lake/clicks/dt=2024-05-02/a.parquet")}' (FORMAT parquet)");
        }

        Assert.Equal("0", Rows("SELECT count(*) FROM clicks").Single());
        Run("ALTER TABLE clicks ADD PARTITION (dt='2024-05-01')");
        Assert.Equal(["1|2024-05-01"], Rows("SELECT n, dt FROM clicks"));
        Run("MSCK REPAIR TABLE clicks");
        Assert.Equal(["1|2024-05-01", "2|2024-05-02"], Rows("SELECT n, dt FROM clicks ORDER BY n"));
        Run("ALTER TABLE clicks DROP PARTITION (dt='2024-05-01')");
        Assert.Equal(["2|2024-05-02"], Rows("SELECT n, dt FROM clicks"));
        Assert.True(File.Exists(Local("s3://lake/clicks/dt=2024-05-01/a.parquet")), "dropping a partition keeps its files");
    }

    [Fact]
    public void Drop_table_keeps_the_files()
    {
        Run("CREATE TABLE gone WITH (external_location = 's3://lake/gone/') AS SELECT 1 AS x");
        Run("DROP TABLE gone");
        Assert.Empty(Rows("SHOW TABLES"));
        Assert.NotEmpty(Directory.GetFiles(Local("s3://lake/gone/")));
        Assert.Equal("TABLE_NOT_FOUND", Fails("DROP TABLE gone").ErrorName);
        Run("DROP TABLE IF EXISTS gone");
    }

    [Fact]
    public void Update_delete_and_merge_on_hive_tables_fail_as_on_athena()
    {
        Run("CREATE TABLE h WITH (external_location = 's3://lake/h/') AS SELECT 1 AS x");
        foreach (var sql in new[] { "UPDATE h SET x = 2", "DELETE FROM h WHERE x = 1", "MERGE INTO h t USING (SELECT 1 AS x) s ON t.x = s.x WHEN MATCHED THEN DELETE" })
        {
            var error = Fails(sql);
            Assert.Equal("NOT_SUPPORTED", error.ErrorName);
            Assert.Equal("Modifying Hive table rows is only supported for transactional tables", error.Message);
        }
    }

    [Fact]
    public void Show_create_table_gives_hive_ddl_that_creates_the_same_table()
    {
        Run("CREATE EXTERNAL TABLE src (id bigint COMMENT 'key', tags array<string>) COMMENT 'source' PARTITIONED BY (dt string) STORED AS PARQUET LOCATION 's3://lake/src/' TBLPROPERTIES ('owner'='me')");
        var ddl = string.Join("\n", Rows("SHOW CREATE TABLE src"));
        Assert.StartsWith("CREATE EXTERNAL TABLE `default`.`src`(", ddl, StringComparison.Ordinal);
        Assert.Contains("`tags` array<string>", ddl, StringComparison.Ordinal);
        Assert.Contains("PARTITIONED BY (\n  `dt` string)", ddl, StringComparison.Ordinal);
        Assert.Contains("'owner'='me'", ddl, StringComparison.Ordinal);
        Run("DROP TABLE src");
        Run(ddl);
        Assert.Equal(["id", "tags", "dt"], Rows("SHOW COLUMNS IN src"));
        Assert.Contains("owner\tme", Rows("SHOW TBLPROPERTIES src"));
        Assert.Equal(["me"], Rows("SHOW TBLPROPERTIES src ('owner')"));
    }

    [Fact]
    public void Table_versions_are_kept_on_every_change()
    {
        Run("CREATE EXTERNAL TABLE v (a int) STORED AS PARQUET LOCATION 's3://lake/v/'");
        Run("ALTER TABLE v ADD COLUMNS (b int)");
        Run("ALTER TABLE v SET TBLPROPERTIES ('k'='v')");
        var versions = Versions("v");
        Assert.Equal([3L, 2L, 1L], versions.Select(t => t.VersionId));
        Assert.Equal(["a"], versions[2].StorageDescriptor.Columns.Select(c => c.Name));
    }

    [Fact]
    public void A_foreign_file_that_lacks_a_column_reads_it_as_null()
    {
        Run("CREATE EXTERNAL TABLE wide_ext (a int, b string, c double) STORED AS PARQUET LOCATION 's3://lake/wide_ext/'");
        Directory.CreateDirectory(Local("s3://lake/wide_ext/"));
        using (var db = DuckDb.DuckDbDatabase.Open())
        using (var con = db.Connect())
        {
            con.Execute($"COPY (SELECT 'bee' AS b, 1 AS a, 'ignored' AS extra) TO '{Local("s3://lake/wide_ext/old.parquet")}' (FORMAT parquet)");
            con.Execute($"COPY (SELECT 2 AS a, 'two' AS b, 2.5 AS c) TO '{Local("s3://lake/wide_ext/new.parquet")}' (FORMAT parquet)");
        }

        Assert.Equal(["1|bee|NULL", "2|two|2.5"], Rows("SELECT a, b, c FROM wide_ext ORDER BY a"));
        Assert.Equal(["1|bee|NULL", "2|two|2.5"], Rows("SELECT a, b, c FROM wide_ext ORDER BY a"));
        Reopen();
        Assert.Equal("2", Rows("SELECT count(*) FROM wide_ext").Single());
    }
}
