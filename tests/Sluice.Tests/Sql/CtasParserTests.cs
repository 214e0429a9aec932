using Sluice.Sql;
using Sluice.Sql.Ast;
using Sluice.Sql.Ctas;
using static Sluice.Tests.Sql.SqlAssert;

namespace Sluice.Tests.Sql;

public class CtasParserTests
{
    private static CtasProperties Properties(string with) =>
        Parses<CreateTableAsStatement>($"CREATE TABLE t WITH({with}) AS SELECT 1").Properties;

    private static void PropertyFails(string with, string message) =>
        Fails($"CREATE TABLE t WITH({with}) AS SELECT 1", SqlErrorNames.InvalidTableProperty, message);

    [Fact]
    public void Hive_ctas_with_every_hive_property()
    {
        var statement = Parses<CreateTableAsStatement>("""
            CREATE TABLE IF NOT EXISTS "awsdatacatalog"."Lake"."Daily" WITH (
              table_type = 'HIVE', format = 'ORC', external_location = 's3://b/daily/', is_external = true,
              partitioned_by = ARRAY['dt', 'region'], bucketed_by = ARRAY['id'], bucket_count = 5,
              orc_compression = 'zstd', compression_level = 9
            ) AS
            SELECT id, x, dt, region FROM src WHERE dt > '2024-01-01'
            """);
        Assert.Equal(new QualifiedName("awsdatacatalog", "lake", "daily"), statement.Table);
        Assert.True(statement.IfNotExists);
        Assert.True(statement.WithData);
        Assert.Equal("SELECT id, x, dt, region FROM src WHERE dt > '2024-01-01'", statement.Query.Text);
        Assert.Equal(new SqlPosition(304, 6, 1), statement.Query.Start);
        var p = statement.Properties;
        Assert.Equal(CtasTableType.Hive, p.TableType);
        Assert.Equal(CtasFormat.Orc, p.Format);
        Assert.Equal("s3://b/daily/", p.ExternalLocation);
        Assert.True(p.IsExternal);
        Assert.Equal(["dt", "region"], p.PartitionedBy);
        Assert.Equal(["id"], p.BucketedBy);
        Assert.Equal(5, p.BucketCount);
        Assert.Equal(CompressionCodec.Zstd, p.Compression);
        Assert.Equal("orc_compression", p.CompressionProperty);
        Assert.Equal(9, p.CompressionLevel);
        Assert.Equal(9, p.Written.Count);
        Assert.Equal("ARRAY['dt', 'region']", p.Written[4].Value.Source.Text);
        Assert.Equal(SqlRoute.Trino, statement.Route);
        Assert.Equal(SqlStatementType.Ddl, statement.StatementType);
    }

    [Fact]
    public void Iceberg_ctas_with_partitioning_and_maintenance_properties()
    {
        var p = Properties("""
            table_type = 'ICEBERG', location = 's3://b/ice', is_external = false, format = 'PARQUET',
            partitioning = ARRAY['month(ts)', 'bucket(id, 16)', 'cat', 'truncate(name, 4)', 'day("Ts")'],
            write_compression = 'SNAPPY', vacuum_min_snapshots_to_keep = 3, vacuum_max_snapshot_age_seconds = 432000,
            vacuum_max_metadata_files_to_keep = 100, optimize_rewrite_data_file_threshold = 5,
            optimize_rewrite_delete_file_threshold = 2, optimize_rewrite_min_data_file_size_bytes = 1000,
            optimize_rewrite_max_data_file_size_bytes = 9000000, write_target_data_file_size_bytes = 536870912
            """);
        Assert.Equal(CtasTableType.Iceberg, p.TableType);
        Assert.Equal("s3://b/ice", p.Location);
        Assert.False(p.IsExternal);
        Assert.Equal(
            [
                new PartitionTransform(PartitionTransformKind.Month, "ts"),
                new PartitionTransform(PartitionTransformKind.Bucket, "id", 16),
                new PartitionTransform(PartitionTransformKind.Identity, "cat"),
                new PartitionTransform(PartitionTransformKind.Truncate, "name", 4),
                new PartitionTransform(PartitionTransformKind.Day, "Ts"),
            ],
            p.Partitioning);
        Assert.Equal(CompressionCodec.Snappy, p.Compression);
        Assert.Equal(3, p.VacuumMinSnapshotsToKeep);
        Assert.Equal(432000, p.VacuumMaxSnapshotAgeSeconds);
        Assert.Equal(100, p.VacuumMaxMetadataFilesToKeep);
        Assert.Equal(5, p.OptimizeRewriteDataFileThreshold);
        Assert.Equal(2, p.OptimizeRewriteDeleteFileThreshold);
        Assert.Equal(1000, p.OptimizeRewriteMinDataFileSizeBytes);
        Assert.Equal(9000000, p.OptimizeRewriteMaxDataFileSizeBytes);
        Assert.Equal(536870912, p.WriteTargetDataFileSizeBytes);
    }

    [Fact]
    public void Ctas_without_properties_is_hive_parquet_gzip()
    {
        var statement = Parses<CreateTableAsStatement>("CREATE TABLE db.t AS SELECT 1 AS x;");
        Assert.Equal("SELECT 1 AS x", statement.Query.Text);
        Assert.Equal(CtasTableType.Hive, statement.Properties.TableType);
        Assert.Null(statement.Properties.Format);
        Assert.Equal(CtasFormat.Parquet, statement.Properties.EffectiveFormat);
        Assert.Equal(CompressionCodec.Gzip, statement.Properties.EffectiveCompression);
        Assert.Empty(statement.Properties.Written);
    }

    [Theory]
    [InlineData("format = 'ORC'", CompressionCodec.Zlib)]
    [InlineData("format = 'TEXTFILE'", CompressionCodec.Gzip)]
    [InlineData("format = 'JSON'", CompressionCodec.Gzip)]
    [InlineData("format = 'AVRO'", CompressionCodec.None)]
    [InlineData("format = 'parquet', write_compression = 'NONE'", CompressionCodec.None)]
    public void Effective_compression_defaults(string with, CompressionCodec codec) =>
        Assert.Equal(codec, Properties(with).EffectiveCompression);

    [Fact]
    public void With_no_data_and_with_data_are_not_part_of_the_query()
    {
        var noData = Parses<CreateTableAsStatement>("CREATE TABLE t AS SELECT * FROM s WITH NO DATA;");
        Assert.False(noData.WithData);
        Assert.Equal("SELECT * FROM s", noData.Query.Text);
        var withData = Parses<CreateTableAsStatement>("CREATE TABLE t AS (SELECT * FROM s) WITH DATA");
        Assert.True(withData.WithData);
        Assert.Equal("(SELECT * FROM s)", withData.Query.Text);
    }

    [Fact]
    public void Query_text_is_kept_exactly_with_comments_and_a_cte()
    {
        const string query = "WITH a AS (SELECT 1 AS x /* keep; me */)\n-- note\nSELECT \"x\" FROM a";
        var statement = Parses<CreateTableAsStatement>("CREATE TABLE t COMMENT 'c' AS " + query);
        Assert.Equal(query, statement.Query.Text);
        Assert.Equal("c", statement.Comment);
    }

    [Fact]
    public void Property_keys_must_be_lower_case() =>
        PropertyFails("Format = 'ORC'", "line 1:21: Catalog 'awsdatacatalog' table property 'Format' does not exist");

    [Fact]
    public void Unknown_property_does_not_exist() =>
        PropertyFails("format = 'ORC', compression = 'GZIP'", "line 1:37: Catalog 'awsdatacatalog' table property 'compression' does not exist");

    [Fact]
    public void Duplicate_property() =>
        PropertyFails("format = 'ORC', format = 'AVRO'", "line 1:37: Table property 'format' is specified more than once");

    [Theory]
    [InlineData("bucket_count = '5', bucketed_by = ARRAY['a']", "line 1:21: Invalid value for catalog 'awsdatacatalog' table property 'bucket_count': Cannot convert ['5'] to integer")]
    [InlineData("format = ORC", "line 1:21: Invalid value for catalog 'awsdatacatalog' table property 'format': Cannot convert [ORC] to varchar")]
    [InlineData("is_external = 'false'", "line 1:21: Invalid value for catalog 'awsdatacatalog' table property 'is_external': Cannot convert ['false'] to boolean")]
    [InlineData("partitioned_by = 'dt'", "line 1:21: Invalid value for catalog 'awsdatacatalog' table property 'partitioned_by': Cannot convert ['dt'] to array(varchar)")]
    [InlineData("partitioned_by = ARRAY[1, 2]", "line 1:21: Invalid value for catalog 'awsdatacatalog' table property 'partitioned_by': Cannot convert [ARRAY[1, 2]] to array(varchar)")]
    [InlineData("bucket_count = 1.5, bucketed_by = ARRAY['a']", "line 1:21: Invalid value for catalog 'awsdatacatalog' table property 'bucket_count': Cannot convert [1.5] to integer")]
    [InlineData("format = 'OR' || 'C'", "line 1:21: Invalid value for catalog 'awsdatacatalog' table property 'format': Cannot convert ['OR' || 'C'] to varchar")]
    [InlineData("is_external = true AND false", "line 1:21: Invalid value for catalog 'awsdatacatalog' table property 'is_external': Cannot convert [true AND false] to boolean")]
    [InlineData("partitioned_by = ARRAY['a'] || ARRAY['b']", "line 1:21: Invalid value for catalog 'awsdatacatalog' table property 'partitioned_by': Cannot convert [ARRAY['a'] || ARRAY['b']] to array(varchar)")]
    [InlineData("bucket_count = 2 + 3, bucketed_by = ARRAY['a']", "line 1:21: Invalid value for catalog 'awsdatacatalog' table property 'bucket_count': Cannot convert [2 + 3] to integer")]
    public void Values_of_the_wrong_type_cannot_be_converted(string with, string message) => PropertyFails(with, message);

    [Theory]
    [InlineData("table_type = 'DELTA'", "line 1:21: Unsupported table_type 'DELTA'. Supported values: HIVE, ICEBERG")]
    [InlineData("format = 'CSV'", "line 1:21: Unsupported format 'CSV'. Supported values: PARQUET, ORC, AVRO, JSON, ION, TEXTFILE")]
    [InlineData("table_type = 'ICEBERG', location = 's3://b/t', format = 'JSON'", "line 1:68: Unsupported format 'JSON' for table_type ICEBERG. Supported values: PARQUET, ORC, AVRO")]
    public void Table_type_and_format_values(string with, string message) => PropertyFails(with, message);

    [Theory]
    [InlineData("write_compression = 'GZIP', parquet_compression = 'SNAPPY'", "line 1:49: Only one of write_compression, parquet_compression and orc_compression can be specified, found write_compression and parquet_compression")]
    [InlineData("format = 'ORC', orc_compression = 'ZLIB', write_compression = 'ZLIB'", "line 1:37: Only one of write_compression, parquet_compression and orc_compression can be specified, found write_compression and orc_compression")]
    [InlineData("format = 'ORC', parquet_compression = 'SNAPPY'", "line 1:37: parquet_compression requires format PARQUET, not ORC")]
    [InlineData("orc_compression = 'ZLIB'", "line 1:21: orc_compression requires format ORC, not PARQUET")]
    [InlineData("write_compression = 'BROTLI'", "line 1:21: Unsupported compression 'BROTLI'. Supported values: NONE, GZIP, SNAPPY, ZSTD, LZ4, ZLIB, DEFLATE, BZIP2")]
    [InlineData("write_compression = 'GZIP,SNAPPY'", "line 1:21: Unsupported compression 'GZIP,SNAPPY'. Supported values: NONE, GZIP, SNAPPY, ZSTD, LZ4, ZLIB, DEFLATE, BZIP2")]
    [InlineData("write_compression = '1'", "line 1:21: Unsupported compression '1'. Supported values: NONE, GZIP, SNAPPY, ZSTD, LZ4, ZLIB, DEFLATE, BZIP2")]
    [InlineData("write_compression = 'ZLIB'", "line 1:21: Compression ZLIB is not supported for format PARQUET")]
    [InlineData("write_compression = 'GZIP', compression_level = 3", "line 1:49: compression_level can only be specified with ZSTD compression")]
    [InlineData("write_compression = 'ZSTD', compression_level = 23", "line 1:49: compression_level must be between 1 and 22, not 23")]
    public void Compression_rules(string with, string message) => PropertyFails(with, message);

    [Fact]
    public void Compression_level_with_zstd()
    {
        var p = Properties("parquet_compression = 'ZSTD', compression_level = 22");
        Assert.Equal(CompressionCodec.Zstd, p.Compression);
        Assert.Equal("parquet_compression", p.CompressionProperty);
        Assert.Equal(22, p.CompressionLevel);
    }

    [Theory]
    [InlineData("table_type = 'ICEBERG', location = 's3://b/t', external_location = 's3://b/x'", "line 1:68: Table property 'external_location' is not supported for table_type ICEBERG")]
    [InlineData("table_type = 'ICEBERG', location = 's3://b/t', partitioned_by = ARRAY['a']", "line 1:68: Table property 'partitioned_by' is not supported for table_type ICEBERG")]
    [InlineData("table_type = 'ICEBERG', location = 's3://b/t', bucket_count = 2", "line 1:68: Table property 'bucket_count' is not supported for table_type ICEBERG")]
    [InlineData("partitioning = ARRAY['a']", "line 1:21: Table property 'partitioning' is not supported for table_type HIVE")]
    [InlineData("location = 's3://b/t'", "line 1:21: Table property 'location' is not supported for table_type HIVE")]
    [InlineData("vacuum_min_snapshots_to_keep = 1", "line 1:21: Table property 'vacuum_min_snapshots_to_keep' is not supported for table_type HIVE")]
    [InlineData("table_type = 'ICEBERG', location = 's3://b/t', is_external = true", "line 1:68: is_external must be false for table_type ICEBERG")]
    [InlineData("table_type = 'ICEBERG', location = 's3://b/t', vacuum_min_snapshots_to_keep = 0", "line 1:68: vacuum_min_snapshots_to_keep must be greater than 0, not 0")]
    public void Table_type_specific_properties(string with, string message) => PropertyFails(with, message);

    [Fact]
    public void Iceberg_ctas_needs_location() =>
        Fails("CREATE TABLE t WITH (table_type = 'ICEBERG') AS SELECT 1", SqlErrorNames.InvalidTableProperty,
            "Table property 'location' is required for table_type ICEBERG");

    [Theory]
    [InlineData("'bucket(16, id)'")]
    [InlineData("'bucket(id)'")]
    [InlineData("'week(ts)'")]
    [InlineData("'day(ts, 2)'")]
    [InlineData("'a b'")]
    [InlineData("''")]
    public void Unparseable_partitioning(string element) =>
        PropertyFails($"table_type = 'ICEBERG', location = 's3://b/t', partitioning = ARRAY[{element}]",
            $"line 1:68: Unable to parse partitioning value: {element[1..^1]}");

    [Theory]
    [InlineData("bucket_count = 4", "line 1:21: bucket_count requires bucketed_by")]
    [InlineData("bucketed_by = ARRAY['a']", "line 1:21: bucketed_by requires bucket_count")]
    [InlineData("bucketed_by = ARRAY['a'], bucket_count = 0", "line 1:47: bucket_count must be greater than 0, not 0")]
    [InlineData("field_delimiter = '||'", "line 1:21: field_delimiter must be a single character, not '||'")]
    public void Hive_bucketing_and_delimiter_rules(string with, string message) => PropertyFails(with, message);

    [Fact]
    public void Field_delimiter_is_one_character()
    {
        Assert.Equal("\t", Properties("format = 'TEXTFILE', field_delimiter = '\t'").FieldDelimiter);
        Assert.Equal("😀", Properties("field_delimiter = '😀'").FieldDelimiter);
    }

    [Fact]
    public void Property_values_keep_their_kind_and_source()
    {
        var written = Properties("bucketed_by = ARRAY[], bucket_count = 3, is_external = FALSE, external_location = 's3://x/'").Written;
        Assert.Equal([PropertyValueKind.Array, PropertyValueKind.Number, PropertyValueKind.Boolean, PropertyValueKind.String], written.Select(w => w.Value.Kind));
        Assert.Equal(["ARRAY[]", "3", "false", "s3://x/"], written.Select(w => w.Value.Value));
        Assert.Equal(new SqlPosition(20, 1, 21), written[0].KeyPosition);
    }

    [Fact]
    public void Ctas_target_can_be_double_quoted_but_not_backticked() =>
        Fails("CREATE TABLE `t` AS SELECT 1", SqlErrorNames.SyntaxError,
            "line 1:14: backquoted identifiers are not supported; use double quotes to quote identifiers");

    [Fact]
    public void Ctas_without_select_goes_to_hive_ddl_as_on_athena() =>
        Fails("CREATE TABLE t WITH (format = 'ORC') AS VALUES 1", SqlErrorNames.SyntaxError,
            "line 1:16: mismatched input 'WITH'. Expecting: '(', '.', 'CLUSTERED', 'COMMENT', 'LOCATION', 'PARTITIONED', 'ROW', 'STORED', 'TBLPROPERTIES', <EOF>");

    [Fact]
    public void Create_view_keeps_the_query()
    {
        var view = Parses<CreateViewStatement>("CREATE OR REPLACE VIEW \"db\".\"V\" AS SELECT a, \"b\" FROM t -- c\n;");
        Assert.Equal(new QualifiedName("db", "v"), view.View);
        Assert.True(view.OrReplace);
        Assert.Equal("SELECT a, \"b\" FROM t", view.Query.Text);
        Assert.False(Parses<CreateViewStatement>("CREATE VIEW v AS SELECT 1").OrReplace);
    }
}
