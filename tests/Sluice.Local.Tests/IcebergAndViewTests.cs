namespace Sluice.Local.Tests;

public sealed class IcebergAndViewTests : LakehouseTest
{
    [Fact]
    public void Iceberg_tables_take_insert_update_delete_and_merge()
    {
        Run("""
            CREATE TABLE customers (id bigint, name string, tier string, updated timestamp)
            PARTITIONED BY (tier, day(updated))
            LOCATION 's3://lake/customers'
            TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet', 'write_compression'='zstd')
            """);
        Assert.True(Table("customers").IsIceberg);
        Assert.Equal(3, Run("INSERT INTO customers VALUES (1, 'ann', 'gold', TIMESTAMP '2024-01-01 00:00:00'), (2, 'bob', 'silver', TIMESTAMP '2024-01-01 00:00:00'), (3, 'cy', 'silver', TIMESTAMP '2024-01-01 00:00:00')").UpdateCount);
        Assert.Equal(2, Run("UPDATE customers SET tier = 'bronze' WHERE tier = 'silver'").UpdateCount);
        Assert.Equal(1, Run("DELETE FROM customers WHERE id = 3").UpdateCount);
        var merged = Run("""
            MERGE INTO customers t USING (SELECT * FROM (VALUES (1, 'ann b'), (4, 'dee')) AS s(id, name)) s ON t.id = s.id
            WHEN MATCHED THEN UPDATE SET name = s.name
            WHEN NOT MATCHED THEN INSERT (id, name, tier, updated) VALUES (s.id, s.name, 'new', TIMESTAMP '2024-02-01 00:00:00')
            """);
        Assert.Equal(2, merged.UpdateCount);
        Assert.Equal(["1|ann b|gold", "2|bob|bronze", "4|dee|new"], Rows("SELECT id, name, tier FROM customers ORDER BY id"));
        Assert.Empty(Rows("OPTIMIZE customers REWRITE DATA USING BIN_PACK"));
        Run("VACUUM customers");
        Reopen();
        Assert.Equal("3", Rows("SELECT count(*) FROM customers").Single());
    }

    [Fact]
    public void Iceberg_ctas_and_schema_changes()
    {
        Run("CREATE TABLE ice WITH (table_type = 'ICEBERG', location = 's3://lake/ice', is_external = false) AS SELECT 1 AS id, 'x' AS v");
        Run("ALTER TABLE ice ADD COLUMNS (extra int)");
        Run("INSERT INTO ice VALUES (2, 'y', 7)");
        Assert.Equal(["1|x|NULL", "2|y|7"], Rows("SELECT * FROM ice ORDER BY id"));
        Run("ALTER TABLE ice CHANGE COLUMN v label string");
        Run("ALTER TABLE ice DROP COLUMN extra");
        Assert.Equal(["id", "label"], Rows("SHOW COLUMNS IN ice"));
        Run("ALTER TABLE ice RENAME TO ice2");
        Assert.Equal(["1|x", "2|y"], Rows("SELECT * FROM ice2 ORDER BY id"));
        Run("DROP TABLE ice2");
        Assert.Equal("TABLE_NOT_FOUND", Fails("SELECT * FROM ice2").ErrorName);
    }

    [Fact]
    public void Iceberg_needs_a_location()
    {
        var error = Fails("CREATE TABLE noloc WITH (table_type = 'ICEBERG') AS SELECT 1 AS id");
        Assert.Equal("INVALID_TABLE_PROPERTY", error.ErrorName);
    }

    [Fact]
    public void Views_are_stored_in_the_catalog_the_athena_way()
    {
        Run("CREATE TABLE base WITH (external_location = 's3://lake/base/') AS SELECT range AS n FROM range(5)");
        Run("CREATE VIEW evens AS SELECT n FROM base WHERE n % 2 = 0");
        Assert.Equal(["0", "2", "4"], Rows("SELECT n FROM evens ORDER BY n"));
        var view = Table("evens");
        Assert.True(view.IsView);
        Assert.Equal("VIRTUAL_VIEW", view.TableType);
        Assert.Equal("true", view.Parameters["presto_view"]);
        Assert.StartsWith("/* Presto View: ", view.ViewOriginalText, StringComparison.Ordinal);
        var json = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(view.ViewOriginalText!["/* Presto View: ".Length..^" */".Length]));
        Assert.Contains("\"originalSql\":\"SELECT n FROM base WHERE n % 2 = 0\"", json, StringComparison.Ordinal);
        Assert.Equal("TABLE_ALREADY_EXISTS", Fails("CREATE VIEW evens AS SELECT 1 AS n").ErrorName);
        Run("CREATE OR REPLACE VIEW evens AS SELECT n FROM base WHERE n = 4");
        Assert.Equal(["4"], Rows("SELECT * FROM evens"));
        Assert.Equal(["evens"], Rows("SHOW VIEWS"));
        Assert.Equal(["CREATE VIEW `default`.`evens` AS", "SELECT n FROM base WHERE n = 4"], Rows("SHOW CREATE VIEW evens"));
        Run("DROP VIEW evens");
        Run("DROP VIEW IF EXISTS evens");
        Assert.Equal(["base"], Rows("SHOW TABLES"));
    }

    [Fact]
    public void Errors_carry_athena_names_and_message_shapes()
    {
        var missing = Fails("SELECT * FROM nowhere");
        Assert.Equal("TABLE_NOT_FOUND", missing.ErrorName);
        Assert.Equal("line 1:15: Table 'awsdatacatalog.default.nowhere' does not exist", missing.Message);
        Assert.NotNull(missing.QueryExecutionId);

        Assert.Equal("SCHEMA_NOT_FOUND", Fails("SHOW TABLES IN nodb").ErrorName);
        Assert.Equal("SCHEMA_NOT_FOUND", Fails("SELECT 1", database: "nodb").ErrorName);

        Run("CREATE TABLE cols WITH (external_location = 's3://lake/cols/') AS SELECT 1 AS a");
        var column = Fails("SELECT b FROM cols");
        Assert.Equal("COLUMN_NOT_FOUND", column.ErrorName);
        Assert.StartsWith("line 1:8: Column 'b' cannot be resolved", column.Message, StringComparison.Ordinal);

        Assert.Equal("SYNTAX_ERROR", Fails("SELEC 1").ErrorName);
        Assert.Equal("NOT_SUPPORTED", Fails("CREATE TABLE managed (a int)").ErrorName);
    }

    [Fact]
    public void Query_text_over_the_athena_limit_is_rejected()
    {
        var sql = "SELECT '" + new string('x', 262_144) + "'";
        var error = Fails(sql);
        Assert.Equal("InvalidRequestException", error.ErrorName);
        Assert.Contains("Member must have length less than or equal to 262144", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_are_folded_to_lower_case_and_long_names_are_rejected()
    {
        Run("CREATE DATABASE MixedCase");
        Run("CREATE EXTERNAL TABLE MixedCase.MyTable (Id bigint) STORED AS PARQUET LOCATION 's3://lake/mixed/'");
        Assert.Equal(["mytable"], Rows("SHOW TABLES IN mixedcase"));
        Assert.Equal(["id"], Rows("SHOW COLUMNS IN mixedcase.mytable"));
        var tooLong = Fails($"CREATE DATABASE {new string('d', 256)}");
        Assert.Equal("InvalidInputException", tooLong.ErrorName);
        Assert.EndsWith("failed to satisfy constraint: Member must have length less than or equal to 255", tooLong.Message, StringComparison.Ordinal);
        Run($"CREATE DATABASE {new string('d', 255)}");
    }

    [Fact]
    public void Statistics_count_rows_bytes_scanned_and_athena_cost()
    {
        Run("CREATE TABLE stats WITH (external_location = 's3://lake/stats/') AS SELECT range AS n FROM range(1000)");
        var ddl = Run("CREATE DATABASE statsdb");
        Assert.Equal(Engines.StatementType.Ddl, ddl.Statistics.StatementType);
        Assert.Equal(0m, ddl.Statistics.EstimatedCostUsd);

        var query = Run("SELECT sum(n) FROM stats");
        var size = Directory.GetFiles(Local("s3://lake/stats/")).Sum(f => new FileInfo(f).Length);
        Assert.Equal(1, query.Statistics.Rows);
        Assert.Equal(size, query.Statistics.DataScannedBytes);
        Assert.Equal(5m * 10 / (1 << 20), query.Statistics.EstimatedCostUsd); // the 10 MB minimum
        Assert.True(query.Statistics.Elapsed > TimeSpan.Zero);
        Assert.Equal(Engines.StatementType.Dml, query.Statistics.StatementType);
    }

    [Fact]
    public void Unaliased_expressions_are_named_like_athena()
    {
        Run("CREATE TABLE named WITH (external_location = 's3://lake/named/') AS SELECT 1 AS a, 'x' AS \"My Col\"");
        var result = Run("SELECT count(*), a + 1, a, \"My Col\", a AS renamed, 'lit' FROM named GROUP BY a, \"my col\"");
        Assert.Equal(["_col0", "_col1", "a", "my col", "renamed", "_col5"], result.Columns.Select(c => c.Name));

        Run("CREATE TABLE counted WITH (external_location = 's3://lake/counted/') AS SELECT count(*), max(a) AS top FROM named");
        Assert.Equal(["_col0", "top"], Table("counted").StorageDescriptor.Columns.Select(c => c.Name));
        Assert.Equal(["1|1"], Rows("SELECT _col0, top FROM counted"));

        Run("CREATE VIEW counts AS SELECT count(*) FROM named");
        Assert.Equal(["_col0"], Run("SELECT * FROM counts").Columns.Select(c => c.Name));
    }
}
