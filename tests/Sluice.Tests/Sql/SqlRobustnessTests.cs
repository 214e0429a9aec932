using Sluice.Sql;
using Sluice.Sql.Ast;

namespace Sluice.Tests.Sql;

public class SqlRobustnessTests
{
    private static readonly string[] Pieces =
    [
        "CREATE", "EXTERNAL", "TABLE", "DROP", "ALTER", "SHOW", "DESCRIBE", "MSCK", "REPAIR", "INSERT", "INTO", "UPDATE", "SET",
        "DELETE", "FROM", "MERGE", "USING", "ON", "WHEN", "MATCHED", "NOT", "THEN", "VALUES", "SELECT", "WITH", "AS", "DATA",
        "NO", "PARTITION", "PARTITIONED", "BY", "LOCATION", "TBLPROPERTIES", "OPTIMIZE", "VACUUM", "VIEW", "DATABASE", "IF",
        "EXISTS", "ARRAY", "CASE", "END", "t", "db", "x1", "`q`", "\"d\"", "'s'", "'a\\'b'", "1", "-", "2.5", "(", ")", "[",
        "]", ",", ".", ";", "=", "<", ">", ":", "--c\n", "/*c*/", "/*", "'", "\"", "`", "$", "😀", "\n", "struct", "int",
        "string", "table_type", "'ICEBERG'", "format", "'ORC'", "bucket", "day",
    ];

    [Fact]
    public void Random_text_either_parses_or_fails_with_a_positioned_sql_exception()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 3000; i++)
        {
            var sql = string.Join(' ', Enumerable.Range(0, random.Next(1, 14)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            _ = SqlStatementParser.Route(sql);
            try
            {
                Assert.NotNull(SqlStatementParser.Parse(sql));
            }
            catch (SqlException error)
            {
                Assert.False(string.IsNullOrEmpty(error.ErrorName), sql);
                Assert.True(error.Line >= 0 && error.Column >= 0, sql);
            }
        }
    }

    [Theory]
    [InlineData("CREATE EXTERNAL TABLE IF NOT EXISTS `db`.`t` (`a` struct<x:int,y:array<string>> COMMENT 'c', b decimal(5,2)) COMMENT 't' PARTITIONED BY (dt string) CLUSTERED BY (a) INTO 4 BUCKETS ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' ESCAPED BY '\\\\' STORED AS TEXTFILE LOCATION 's3://b/t/' TBLPROPERTIES ('k'='v')")]
    [InlineData("CREATE TABLE db.t (id bigint, ts timestamp) PARTITIONED BY (bucket(4, id), day(ts)) LOCATION 's3://b/t' TBLPROPERTIES ('table_type'='ICEBERG')")]
    [InlineData("ALTER TABLE t ADD IF NOT EXISTS PARTITION (dt='a', h=1) LOCATION 's3://b/a/' PARTITION (dt='b', h=2)")]
    [InlineData("CREATE TABLE \"c\".\"db\".\"t\" WITH (table_type = 'ICEBERG', location = 's3://b/t', partitioning = ARRAY['bucket(id, 4)']) AS SELECT 1 AS id WITH NO DATA")]
    [InlineData("MERGE INTO t AS a USING (SELECT 1 AS id) b ON a.id = b.id WHEN MATCHED AND b.id > 0 THEN UPDATE SET x = (1 + 2), y = CASE WHEN z THEN 1 END WHEN NOT MATCHED THEN INSERT (id) VALUES (b.id)")]
    [InlineData("UPDATE t SET a = ARRAY[1, 2], b = 'x' WHERE c IN (SELECT d FROM e)")]
    public void Every_prefix_of_a_valid_statement_parses_or_fails_cleanly(string sql)
    {
        Assert.NotNull(SqlStatementParser.Parse(sql));
        for (var length = 1; length < sql.Length; length++)
        {
            try
            {
                SqlStatementParser.Parse(sql[..length]);
            }
            catch (SqlException error)
            {
                Assert.False(string.IsNullOrEmpty(error.ErrorName));
            }
        }
    }

    [Fact]
    public void Every_statement_form_reports_its_route_and_type()
    {
        (string Sql, SqlRoute Route, SqlStatementType Type)[] cases =
        [
            ("SHOW TABLES", SqlRoute.HiveDdl, SqlStatementType.Utility),
            ("DESCRIBE t", SqlRoute.HiveDdl, SqlStatementType.Utility),
            ("CREATE DATABASE d", SqlRoute.HiveDdl, SqlStatementType.Ddl),
            ("MSCK REPAIR TABLE t", SqlRoute.HiveDdl, SqlStatementType.Ddl),
            ("ALTER TABLE t RENAME TO u", SqlRoute.HiveDdl, SqlStatementType.Ddl),
            ("CREATE TABLE t AS SELECT 1", SqlRoute.Trino, SqlStatementType.Ddl),
            ("CREATE VIEW v AS SELECT 1", SqlRoute.Trino, SqlStatementType.Ddl),
            ("INSERT INTO t SELECT 1", SqlRoute.Trino, SqlStatementType.Dml),
            ("VACUUM t", SqlRoute.Utility, SqlStatementType.Dml),
            ("SELECT 1", SqlRoute.Query, SqlStatementType.Dml),
        ];
        foreach (var (sql, route, type) in cases)
        {
            SqlStatement statement = SqlStatementParser.Parse(sql);
            Assert.Equal(route, statement.Route);
            Assert.Equal(type, statement.StatementType);
            Assert.Equal(route, SqlStatementParser.Route(sql));
        }
    }
}
