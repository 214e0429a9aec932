using Sluice.Sql;

namespace Sluice.Tests.Sql;

public class SqlRouteTests
{
    [Theory]
    [InlineData("DESCRIBE t", SqlRoute.HiveDdl)]
    [InlineData("desc formatted t", SqlRoute.HiveDdl)]
    [InlineData("SHOW TABLES", SqlRoute.HiveDdl)]
    [InlineData("MSCK REPAIR TABLE t", SqlRoute.HiveDdl)]
    [InlineData("CREATE DATABASE d", SqlRoute.HiveDdl)]
    [InlineData("DROP SCHEMA d", SqlRoute.HiveDdl)]
    [InlineData("ALTER DATABASE d SET DBPROPERTIES ('a'='b')", SqlRoute.HiveDdl)]
    [InlineData("CREATE EXTERNAL TABLE t (a int) LOCATION 's3://select/'", SqlRoute.HiveDdl)]
    [InlineData("CREATE TABLE t (a int) LOCATION 's3://b/t' TBLPROPERTIES ('table_type'='ICEBERG')", SqlRoute.HiveDdl)]
    [InlineData("ALTER TABLE t ADD COLUMNS (b string)", SqlRoute.HiveDdl)]
    [InlineData("DROP TABLE t", SqlRoute.HiveDdl)]
    [InlineData("DROP VIEW v", SqlRoute.HiveDdl)]
    [InlineData("CREATE TABLE t AS VALUES 1", SqlRoute.HiveDdl)]
    [InlineData("CREATE TABLE t WITH (format='ORC') AS SELECT 1", SqlRoute.Trino)]
    [InlineData("CREATE OR REPLACE VIEW v AS SELECT 1", SqlRoute.Trino)]
    [InlineData("INSERT INTO t VALUES 1", SqlRoute.Trino)]
    [InlineData("UPDATE t SET a = 1", SqlRoute.Trino)]
    [InlineData("DELETE FROM t", SqlRoute.Trino)]
    [InlineData("MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE", SqlRoute.Trino)]
    [InlineData("OPTIMIZE t REWRITE DATA USING BIN_PACK", SqlRoute.Utility)]
    [InlineData("VACUUM t", SqlRoute.Utility)]
    [InlineData("SELECT 1", SqlRoute.Query)]
    [InlineData("WITH a AS (SELECT 1) SELECT * FROM a", SqlRoute.Query)]
    [InlineData("VALUES 1", SqlRoute.Query)]
    [InlineData("EXPLAIN SELECT 1", SqlRoute.Query)]
    [InlineData("(SELECT 1)", SqlRoute.Query)]
    [InlineData("", SqlRoute.Query)]
    public void Routes_like_athena(string sql, SqlRoute route) => Assert.Equal(route, SqlStatementParser.Route(sql));

    [Fact]
    public void Select_inside_a_string_or_comment_does_not_make_a_trino_statement()
    {
        Assert.Equal(SqlRoute.HiveDdl, SqlStatementParser.Route("CREATE TABLE t (a int) COMMENT 'SELECT'"));
        Assert.Equal(SqlRoute.HiveDdl, SqlStatementParser.Route("DROP TABLE t -- SELECT"));
    }

    [Fact]
    public void Leading_comments_are_skipped()
    {
        Assert.Equal(SqlRoute.HiveDdl, SqlStatementParser.Route("-- header\nSHOW TABLES"));
        Assert.Equal(SqlRoute.Trino, SqlStatementParser.Route("/* {\"app\": \"dbt\"} */ INSERT INTO t SELECT 1"));
    }

    [Fact]
    public void Routing_never_throws_on_unterminated_text() =>
        Assert.Equal(SqlRoute.Query, SqlStatementParser.Route("SELECT 'abc"));
}
