using Sluice.Sql;
using Sluice.Sql.Ast;
using Sluice.Sql.Types;
using static Sluice.Tests.Sql.SqlAssert;

namespace Sluice.Tests.Sql;

public class HiveDdlParserTests
{
    [Fact]
    public void Create_database_with_every_clause()
    {
        var statement = Parses<CreateDatabaseStatement>(
            "CREATE DATABASE IF NOT EXISTS `Sales_DB` COMMENT 'it\\'s sales' LOCATION 's3://b/sales/' WITH DBPROPERTIES ('creator'='me', 'x'='y');");
        Assert.Equal("sales_db", statement.Name);
        Assert.True(statement.IfNotExists);
        Assert.Equal("it's sales", statement.Comment);
        Assert.Equal("s3://b/sales/", statement.Location);
        Assert.Equal([new SqlProperty("creator", "me"), new SqlProperty("x", "y")], statement.Properties);
        Assert.Equal(SqlRoute.HiveDdl, statement.Route);
        Assert.Equal(SqlStatementType.Ddl, statement.StatementType);
    }

    [Fact]
    public void Create_schema_minimal()
    {
        var statement = Parses<CreateDatabaseStatement>("create schema Raw");
        Assert.Equal(new CreateDatabaseStatement("raw", false, null, null, statement.Properties), statement);
        Assert.Empty(statement.Properties);
    }

    [Theory]
    [InlineData("DROP DATABASE d", false, false)]
    [InlineData("DROP SCHEMA IF EXISTS d CASCADE", true, true)]
    [InlineData("DROP DATABASE d RESTRICT", false, false)]
    public void Drop_database(string sql, bool ifExists, bool cascade) =>
        Assert.Equal(new DropDatabaseStatement("d", ifExists, cascade), Parses<DropDatabaseStatement>(sql));

    [Theory]
    [InlineData("SHOW DATABASES", null)]
    [InlineData("SHOW SCHEMAS LIKE 'raw*'", "raw*")]
    [InlineData("SHOW DATABASES 'a|b'", "a|b")]
    public void Show_databases(string sql, string? pattern) =>
        Assert.Equal(new ShowDatabasesStatement(pattern), Parses<ShowDatabasesStatement>(sql));

    [Theory]
    [InlineData("SHOW TABLES", null, null)]
    [InlineData("SHOW TABLES IN Sales", "sales", null)]
    [InlineData("SHOW TABLES FROM sales 'ord*'", "sales", "ord*")]
    [InlineData("SHOW TABLES IN sales LIKE 'ord*'", "sales", "ord*")]
    [InlineData("SHOW TABLES '*x'", null, "*x")]
    public void Show_tables(string sql, string? database, string? pattern)
    {
        var statement = Parses<ShowTablesStatement>(sql);
        Assert.Equal(new ShowTablesStatement(database, pattern), statement);
        Assert.Equal(SqlStatementType.Utility, statement.StatementType);
    }

    [Fact]
    public void Show_views() =>
        Assert.Equal(new ShowViewsStatement("db", "v*"), Parses<ShowViewsStatement>("SHOW VIEWS IN db LIKE 'v*'"));

    [Theory]
    [InlineData("SHOW COLUMNS IN t", null)]
    [InlineData("SHOW COLUMNS FROM db.t", "db")]
    [InlineData("SHOW COLUMNS IN t IN db", "db")]
    [InlineData("SHOW COLUMNS FROM other.t FROM DB", "db")]
    public void Show_columns(string sql, string? database) =>
        Assert.Equal(new QualifiedName(database, "t"), Parses<ShowColumnsStatement>(sql).Table);

    [Fact]
    public void Show_create_partitions_and_tblproperties()
    {
        Assert.Equal(new QualifiedName("db", "t"), Parses<ShowCreateTableStatement>("SHOW CREATE TABLE `db`.`T`").Table);
        Assert.Equal(new QualifiedName(null, "v"), Parses<ShowCreateViewStatement>("SHOW CREATE VIEW v").View);
        Assert.Equal(new QualifiedName("db", "t"), Parses<ShowPartitionsStatement>("SHOW PARTITIONS db.t").Table);
        Assert.Equal(new ShowTblPropertiesStatement(new QualifiedName(null, "t"), null), Parses<ShowTblPropertiesStatement>("SHOW TBLPROPERTIES t"));
        Assert.Equal("classification", Parses<ShowTblPropertiesStatement>("SHOW TBLPROPERTIES t('classification')").Key);
    }

    [Theory]
    [InlineData("DESCRIBE t", DescribeFormat.Default, null)]
    [InlineData("DESCRIBE FORMATTED db.t", DescribeFormat.Formatted, null)]
    [InlineData("DESC EXTENDED t col1", DescribeFormat.Extended, "col1")]
    [InlineData("describe t `Date`", DescribeFormat.Default, "Date")]
    public void Describe(string sql, DescribeFormat format, string? column)
    {
        var statement = Parses<DescribeStatement>(sql);
        Assert.Equal(format, statement.Format);
        Assert.Equal(column, statement.Column);
        Assert.Equal("t", statement.Table.Name);
    }

    [Fact]
    public void Create_external_parquet_table_like_sluice_generates_it()
    {
        var statement = Parses<CreateExternalTableStatement>("""
            CREATE EXTERNAL TABLE IF NOT EXISTS `Lake`.`Orders` (
              `id` bigint COMMENT 'order id',
              `Customer` string,
              `items` array<struct<sku:string,qty:int>>,
              `total` decimal(12,2)
            )
            COMMENT 'orders'
            PARTITIONED BY (`dt` string COMMENT 'day', `region` string)
            CLUSTERED BY (`id`) INTO 8 BUCKETS
            ROW FORMAT SERDE 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe'
            STORED AS PARQUET
            LOCATION 's3://bucket/lake/orders/'
            TBLPROPERTIES ('classification'='parquet', 'projection.enabled'='true')
            """);
        Assert.Equal(new QualifiedName("lake", "orders"), statement.Table);
        Assert.True(statement.IfNotExists);
        Assert.Equal(
            [
                new ColumnDefinition("id", new PrimitiveType(PrimitiveTypeKind.BigInt), "order id"),
                new ColumnDefinition("Customer", VarcharType.Unbounded),
                new ColumnDefinition("items", SqlType.ParseHive("array<struct<sku:string,qty:int>>")),
                new ColumnDefinition("total", new DecimalType(12, 2)),
            ],
            statement.Columns);
        Assert.Equal("orders", statement.Comment);
        Assert.Equal([new ColumnDefinition("dt", VarcharType.Unbounded, "day"), new ColumnDefinition("region", VarcharType.Unbounded)], statement.PartitionColumns);
        Assert.Equal(["id"], statement.Bucketing!.Columns);
        Assert.Equal(8, statement.Bucketing.BucketCount);
        var serde = Assert.IsType<SerDeRowFormat>(statement.RowFormat);
        Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", serde.SerDeClass);
        Assert.Empty(serde.Properties);
        Assert.Equal(new StorageFormat(HiveFileFormat.Parquet), statement.Storage);
        Assert.Equal("s3://bucket/lake/orders/", statement.Location);
        Assert.Equal([new SqlProperty("classification", "parquet"), new SqlProperty("projection.enabled", "true")], statement.TableProperties);
    }

    [Fact]
    public void Create_external_delimited_text_table()
    {
        var statement = Parses<CreateExternalTableStatement>("""
            CREATE EXTERNAL TABLE logs (line string)
            ROW FORMAT DELIMITED FIELDS TERMINATED BY '\001' ESCAPED BY '\\'
              COLLECTION ITEMS TERMINATED BY '|' MAP KEYS TERMINATED BY ':' LINES TERMINATED BY '\n' NULL DEFINED AS ''
            STORED AS TEXTFILE LOCATION "s3://b/logs/"
            """);
        Assert.Equal(new DelimitedRowFormat("\u0001", "\\", "|", ":", "\n", ""), statement.RowFormat);
        Assert.Equal(HiveFileFormat.TextFile, statement.Storage!.Format);
        Assert.Equal("s3://b/logs/", statement.Location);
    }

    [Fact]
    public void Create_external_with_serde_properties_and_explicit_formats()
    {
        var statement = Parses<CreateExternalTableStatement>("""
            CREATE EXTERNAL TABLE t (a string)
            ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' WITH SERDEPROPERTIES ('ignore.malformed.json'='true')
            STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
              OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
            LOCATION 's3://b/t/'
            """);
        Assert.Equal([new SqlProperty("ignore.malformed.json", "true")], Assert.IsType<SerDeRowFormat>(statement.RowFormat).Properties);
        Assert.Equal(
            new StorageFormat(null, "org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat"),
            statement.Storage);
    }

    [Theory]
    [InlineData("PARQUET", HiveFileFormat.Parquet)]
    [InlineData("orc", HiveFileFormat.Orc)]
    [InlineData("AVRO", HiveFileFormat.Avro)]
    [InlineData("JSONFILE", HiveFileFormat.JsonFile)]
    [InlineData("ION", HiveFileFormat.Ion)]
    [InlineData("SEQUENCEFILE", HiveFileFormat.SequenceFile)]
    [InlineData("RCFILE", HiveFileFormat.RcFile)]
    public void Stored_as_names(string name, HiveFileFormat format) =>
        Assert.Equal(format, Parses<CreateExternalTableStatement>($"CREATE EXTERNAL TABLE t (a int) STORED AS {name}").Storage!.Format);

    [Fact]
    public void Stored_as_unknown_lists_the_formats() =>
        Fails("CREATE EXTERNAL TABLE t (a int) STORED AS CSV", SqlErrorNames.SyntaxError,
            "line 1:43: mismatched input 'CSV'. Expecting: 'AVRO', 'INPUTFORMAT', 'ION', 'JSONFILE', 'ORC', 'PARQUET', 'RCFILE', 'SEQUENCEFILE', 'TEXTFILE'");

    [Fact]
    public void Create_table_without_external_is_not_supported() =>
        Fails("CREATE TABLE t (a int) STORED AS PARQUET LOCATION 's3://b/t/'", SqlErrorNames.NotSupported,
            "line 1:1: Only external table creation is supported. Use CREATE EXTERNAL TABLE, or TBLPROPERTIES ('table_type'='ICEBERG') for an Iceberg table");

    [Fact]
    public void External_iceberg_fails_with_athenas_message() =>
        Fails("CREATE EXTERNAL TABLE t (a int) LOCATION 's3://b/t' TBLPROPERTIES ('table_type'='ICEBERG')", SqlErrorNames.NotSupported,
            "line 1:8: External keyword not supported for table type ICEBERG");

    [Fact]
    public void Partition_column_repeated_in_columns_fails_like_hive() =>
        Fails("CREATE EXTERNAL TABLE t (dt string) PARTITIONED BY (dt string)", SqlErrorNames.SyntaxError,
            "FAILED: SemanticException [Error 10035]: Column repeated in partitioning columns");

    [Fact]
    public void Duplicate_column_fails_like_hive() =>
        Fails("CREATE EXTERNAL TABLE t (a string, A int)", SqlErrorNames.SyntaxError,
            "FAILED: SemanticException [Error 10036]: Duplicate column name: a");

    [Fact]
    public void Hive_partition_column_needs_a_type() =>
        Fails("CREATE EXTERNAL TABLE t (a string) PARTITIONED BY (dt)", SqlErrorNames.SyntaxError,
            "line 1:52: Partition column 'dt' of a Hive table needs a type; partition transforms need an Iceberg table");

    [Fact]
    public void Create_iceberg_table()
    {
        var statement = Parses<CreateIcebergTableStatement>("""
            CREATE TABLE IF NOT EXISTS `db`.`events` (`id` bigint, `ts` timestamp, `cat` string, `name` string)
            COMMENT 'events'
            PARTITIONED BY (`cat`, day(`ts`), bucket(16, `id`), truncate(4, name), year(ts), month(ts), hour(ts))
            LOCATION 's3://bucket/prefix/events'
            TBLPROPERTIES ('table_type'='ICEBERG', 'format'='parquet', 'write_compression'='zstd', 'vacuum_max_snapshot_age_seconds'='86400')
            """);
        Assert.Equal(new QualifiedName("db", "events"), statement.Table);
        Assert.True(statement.IfNotExists);
        Assert.Equal(4, statement.Columns.Count);
        Assert.Equal("events", statement.Comment);
        Assert.Equal(
            [
                new PartitionTransform(PartitionTransformKind.Identity, "cat"),
                new PartitionTransform(PartitionTransformKind.Day, "ts"),
                new PartitionTransform(PartitionTransformKind.Bucket, "id", 16),
                new PartitionTransform(PartitionTransformKind.Truncate, "name", 4),
                new PartitionTransform(PartitionTransformKind.Year, "ts"),
                new PartitionTransform(PartitionTransformKind.Month, "ts"),
                new PartitionTransform(PartitionTransformKind.Hour, "ts"),
            ],
            statement.Partitioning);
        Assert.Equal("s3://bucket/prefix/events", statement.Location);
        Assert.Equal(4, statement.TableProperties.Count);
        Assert.Equal(
            ["`cat`", "day(`ts`)", "bucket(16, `id`)", "truncate(4, `name`)"],
            statement.Partitioning.Take(4).Select(p => p.ToDdlString()));
        Assert.Equal(["cat", "day(ts)", "bucket(id, 16)", "truncate(name, 4)"], statement.Partitioning.Take(4).Select(p => p.ToCtasString()));
    }

    [Fact]
    public void Iceberg_table_type_value_is_case_insensitive() =>
        Parses<CreateIcebergTableStatement>("CREATE TABLE t (a int) LOCATION 's3://b/t' TBLPROPERTIES ('table_type'='iceberg')");

    [Fact]
    public void Iceberg_rejects_properties_outside_athenas_list() =>
        Fails("CREATE TABLE t (a int) LOCATION 's3://b/t' TBLPROPERTIES ('table_type'='ICEBERG', 'classification'='parquet')",
            SqlErrorNames.InvalidTableProperty,
            "line 1:83: Table property 'classification' is not supported for Iceberg tables. Supported properties: format, optimize_rewrite_data_file_threshold, optimize_rewrite_delete_file_threshold, optimize_rewrite_max_data_file_size_bytes, optimize_rewrite_min_data_file_size_bytes, table_type, vacuum_max_metadata_files_to_keep, vacuum_max_snapshot_age_seconds, vacuum_min_snapshots_to_keep, write_compression, write_target_data_file_size_bytes");

    [Fact]
    public void Iceberg_rejects_text_formats() =>
        Fails("CREATE TABLE t (a int) LOCATION 's3://b/t' TBLPROPERTIES ('table_type'='ICEBERG', 'format'='json')",
            SqlErrorNames.InvalidTableProperty, "line 1:83: Unsupported format 'json' for table_type ICEBERG. Supported values: PARQUET, ORC, AVRO");

    [Fact]
    public void Iceberg_needs_a_location() =>
        Fails("CREATE TABLE t (a int) TBLPROPERTIES ('table_type'='ICEBERG')", SqlErrorNames.SyntaxError,
            "line 1:24: Iceberg tables need a LOCATION 's3://...'");

    [Fact]
    public void Iceberg_rejects_hive_storage_clauses() =>
        Fails("CREATE TABLE t (a int) STORED AS PARQUET LOCATION 's3://b/t' TBLPROPERTIES ('table_type'='ICEBERG')", SqlErrorNames.NotSupported,
            "line 1:24: STORED AS is not supported for Iceberg tables; use TBLPROPERTIES ('format'='parquet|orc|avro')");

    [Fact]
    public void Iceberg_partition_must_name_a_column() =>
        Fails("CREATE TABLE t (a int) PARTITIONED BY (day(b)) LOCATION 's3://b/t' TBLPROPERTIES ('table_type'='ICEBERG')", SqlErrorNames.SyntaxError,
            "line 1:40: Partition column 'b' is not a column of the table");

    [Fact]
    public void Iceberg_partition_is_not_a_column_definition() =>
        Fails("CREATE TABLE t (a int) PARTITIONED BY (dt string) LOCATION 's3://b/t' TBLPROPERTIES ('table_type'='ICEBERG')", SqlErrorNames.SyntaxError,
            "line 1:40: Iceberg partition fields are columns of the table or transforms of them, not column definitions: 'dt'");

    [Fact]
    public void Alter_table_add_and_replace_columns()
    {
        var add = Parses<AlterTableStatement>("ALTER TABLE db.t ADD COLUMNS (c1 string COMMENT 'x', c2 map<string,int>)");
        Assert.Equal(new QualifiedName("db", "t"), add.Table);
        Assert.Equal(
            [new ColumnDefinition("c1", VarcharType.Unbounded, "x"), new ColumnDefinition("c2", SqlType.ParseHive("map<string,int>"))],
            Assert.IsType<AddColumnsAction>(add.Action).Columns);
        var replace = Parses<AlterTableStatement>("ALTER TABLE t REPLACE COLUMNS (a int)");
        Assert.Equal([new ColumnDefinition("a", new PrimitiveType(PrimitiveTypeKind.Integer))], Assert.IsType<ReplaceColumnsAction>(replace.Action).Columns);
    }

    [Fact]
    public void Alter_table_add_partitions()
    {
        var action = Assert.IsType<AddPartitionsAction>(Parses<AlterTableStatement>("""
            ALTER TABLE t ADD IF NOT EXISTS
              PARTITION (dt='2024-01-01', hour=3) LOCATION 's3://b/t/dt=2024-01-01/hour=3/'
              PARTITION (dt = '2024-01-02', hour = -1)
            """).Action);
        Assert.True(action.IfNotExists);
        Assert.Equal(2, action.Partitions.Count);
        Assert.Equal([new PartitionValue("dt", "2024-01-01"), new PartitionValue("hour", "3")], action.Partitions[0].Values);
        Assert.Equal("s3://b/t/dt=2024-01-01/hour=3/", action.Partitions[0].Location);
        Assert.Equal([new PartitionValue("dt", "2024-01-02"), new PartitionValue("hour", "-1")], action.Partitions[1].Values);
        Assert.Null(action.Partitions[1].Location);
    }

    [Fact]
    public void Alter_table_drop_partitions()
    {
        var action = Assert.IsType<DropPartitionsAction>(Parses<AlterTableStatement>(
            "ALTER TABLE t DROP IF EXISTS PARTITION (dt='a'), PARTITION (dt='b')").Action);
        Assert.True(action.IfExists);
        Assert.Equal(["a", "b"], action.Partitions.Select(p => p.Values[0].Value));
    }

    [Fact]
    public void Alter_table_rename_partition_uses_athenas_form()
    {
        var action = Assert.IsType<RenamePartitionAction>(Parses<AlterTableStatement>(
            "ALTER TABLE t PARTITION (dt='a') RENAME TO PARTITION (dt='b')").Action);
        Assert.Equal("a", action.From.Values[0].Value);
        Assert.Equal("b", action.To.Values[0].Value);
    }

    [Fact]
    public void Alter_table_set_location_of_table_and_partition()
    {
        Assert.Equal(new SetLocationAction("s3://b/new/", null), Parses<AlterTableStatement>("ALTER TABLE t SET LOCATION 's3://b/new/'").Action);
        var partition = Assert.IsType<SetLocationAction>(Parses<AlterTableStatement>("ALTER TABLE t PARTITION (dt='a') SET LOCATION 's3://b/a/'").Action);
        Assert.Equal("s3://b/a/", partition.Location);
        Assert.Equal("a", partition.Partition!.Values[0].Value);
    }

    [Fact]
    public void Alter_table_properties()
    {
        var set = Assert.IsType<SetTablePropertiesAction>(Parses<AlterTableStatement>(
            "ALTER TABLE t SET TBLPROPERTIES ('vacuum_min_snapshots_to_keep'='5', 'comment'='x')").Action);
        Assert.Equal([new SqlProperty("vacuum_min_snapshots_to_keep", "5"), new SqlProperty("comment", "x")], set.Properties);
        var unset = Assert.IsType<UnsetTablePropertiesAction>(Parses<AlterTableStatement>(
            "ALTER TABLE t UNSET TBLPROPERTIES IF EXISTS ('a', 'b')").Action);
        Assert.True(unset.IfExists);
        Assert.Equal(["a", "b"], unset.Keys);
    }

    [Fact]
    public void Alter_table_rename_drop_and_change_column()
    {
        Assert.Equal(new RenameTableAction(new QualifiedName("db", "new_name")),
            Parses<AlterTableStatement>("ALTER TABLE db.t RENAME TO db.New_Name").Action);
        Assert.Equal(new DropColumnAction("c"), Parses<AlterTableStatement>("ALTER TABLE t DROP COLUMN c").Action);
        var change = Assert.IsType<ChangeColumnAction>(Parses<AlterTableStatement>(
            "ALTER TABLE t CHANGE COLUMN old_c New_C bigint COMMENT 'widened' AFTER id").Action);
        Assert.Equal("old_c", change.OldName);
        Assert.Equal(new ColumnDefinition("New_C", new PrimitiveType(PrimitiveTypeKind.BigInt), "widened"), change.NewColumn);
        Assert.False(change.First);
        Assert.Equal("id", change.After);
        Assert.True(Assert.IsType<ChangeColumnAction>(Parses<AlterTableStatement>("ALTER TABLE t CHANGE a b int FIRST").Action).First);
    }

    [Fact]
    public void Rename_partition_in_the_unsupported_order_fails() =>
        Fails("ALTER TABLE t RENAME PARTITION (dt='a') TO PARTITION (dt='b')", SqlErrorNames.SyntaxError,
            "line 1:22: mismatched input 'PARTITION'. Expecting: 'TO'");

    [Fact]
    public void Msck_and_drop_table()
    {
        Assert.Equal(new QualifiedName("db", "t"), Parses<MsckRepairTableStatement>("MSCK REPAIR TABLE db.t").Table);
        Assert.Equal(new DropTableStatement(new QualifiedName(null, "t"), true), Parses<DropTableStatement>("DROP TABLE IF EXISTS `T`"));
        Assert.Equal(new DropTableStatement(new QualifiedName("db", "t"), false), Parses<DropTableStatement>("drop table db.t;"));
    }

    [Fact]
    public void Drop_view_is_hive_ddl()
    {
        var statement = Parses<DropViewStatement>("DROP VIEW IF EXISTS `db`.`v`");
        Assert.Equal(new DropViewStatement(new QualifiedName("db", "v"), true), statement);
        Assert.Equal(SqlRoute.HiveDdl, statement.Route);
    }

    [Fact]
    public void Line_comments_are_allowed_in_hive_ddl() =>
        Parses<DropTableStatement>("-- dbt header\nDROP TABLE t -- trailing");

    [Fact]
    public void Block_comments_are_rejected_in_hive_ddl_at_their_position() =>
        Fails("DROP TABLE t\n  /* dbt */", SqlErrorNames.SyntaxError,
            "line 2:3: Block comments (/* ... */) are not supported in DDL statements; use -- comments");

    [Fact]
    public void Block_comment_header_is_rejected_for_ddl_but_not_for_queries()
    {
        Fails("/* {\"app\": \"dbt\"} */ SHOW TABLES", SqlErrorNames.SyntaxError,
            "line 1:1: Block comments (/* ... */) are not supported in DDL statements; use -- comments");
        Assert.Equal("SELECT 1", Parses<QueryStatement>("/* {\"app\": \"dbt\"} */ SELECT 1").Text.Text);
    }
}
