using Sluice.Sql;
using Sluice.Sql.Ast;
using static Sluice.Tests.Sql.SqlAssert;

namespace Sluice.Tests.Sql;

public class DmlParserTests
{
    [Fact]
    public void Insert_with_columns_and_select()
    {
        var statement = Parses<InsertStatement>("INSERT INTO \"awsdatacatalog\".\"db\".\"T\" (id, \"Name\") SELECT id, name FROM s WHERE x = ';'");
        Assert.Equal(new QualifiedName("awsdatacatalog", "db", "t"), statement.Table);
        Assert.Equal(["id", "Name"], statement.Columns);
        Assert.Equal("SELECT id, name FROM s WHERE x = ';'", statement.Query.Text);
        Assert.Equal(SqlRoute.Trino, statement.Route);
        Assert.Equal(SqlStatementType.Dml, statement.StatementType);
    }

    [Fact]
    public void Insert_values_and_parenthesised_query()
    {
        var values = Parses<InsertStatement>("insert into t values (1, 'a'), (2, 'b');");
        Assert.Null(values.Columns);
        Assert.Equal("values (1, 'a'), (2, 'b')", values.Query.Text);
        var parenthesised = Parses<InsertStatement>("INSERT INTO t (SELECT 1)");
        Assert.Null(parenthesised.Columns);
        Assert.Equal("(SELECT 1)", parenthesised.Query.Text);
    }

    [Fact]
    public void Insert_needs_a_query() =>
        Fails("INSERT INTO t", SqlErrorNames.SyntaxError, "line 1:14: mismatched input '<EOF>'. Expecting: '.', <query>");

    [Fact]
    public void Update_splits_assignments_at_top_level_commas()
    {
        var statement = Parses<UpdateStatement>("""
            UPDATE db.t SET a = coalesce(b, 1), "C" = CASE WHEN x IN (1, 2) THEN 'y,z' ELSE NULL END, d = ARRAY[1, 2]
            WHERE id IN (SELECT id FROM s WHERE k = 1)
            """);
        Assert.Equal(new QualifiedName("db", "t"), statement.Table);
        Assert.Equal(["a", "C", "d"], statement.Assignments.Select(a => a.Column));
        Assert.Equal(
            ["coalesce(b, 1)", "CASE WHEN x IN (1, 2) THEN 'y,z' ELSE NULL END", "ARRAY[1, 2]"],
            statement.Assignments.Select(a => a.Value.Text));
        Assert.Equal("id IN (SELECT id FROM s WHERE k = 1)", statement.Where!.Text);
        Assert.Equal(new SqlPosition(112, 2, 7), statement.Where.Start);
    }

    [Fact]
    public void Update_without_where()
    {
        var statement = Parses<UpdateStatement>("UPDATE t SET a = a + 1");
        Assert.Null(statement.Where);
        Assert.Equal("a + 1", Assert.Single(statement.Assignments).Value.Text);
    }

    [Fact]
    public void Update_with_empty_expression_fails() =>
        Fails("UPDATE t SET a = WHERE x", SqlErrorNames.SyntaxError, "line 1:18: mismatched input 'WHERE'. Expecting: <expression>");

    [Fact]
    public void Delete_with_and_without_where()
    {
        Assert.Equal("ts < current_date - interval '7' day", Parses<DeleteStatement>("DELETE FROM t WHERE ts < current_date - interval '7' day;").Where!.Text);
        Assert.Null(Parses<DeleteStatement>("DELETE FROM db.t").Where);
    }

    [Fact]
    public void Delete_without_from_fails() =>
        Fails("DELETE t", SqlErrorNames.SyntaxError, "line 1:8: mismatched input 't'. Expecting: 'FROM'");

    [Fact]
    public void Merge_with_every_clause_kind()
    {
        var statement = Parses<MergeStatement>("""
            MERGE INTO db.target AS t
            USING (SELECT id, v, op FROM staging WHERE batch = 3) s
            ON t.id = s.id AND CASE WHEN s.op = 'x' THEN true ELSE false END
            WHEN MATCHED AND s.op = 'D' THEN DELETE
            WHEN MATCHED THEN UPDATE SET v = s.v, updated = now()
            WHEN NOT MATCHED AND s.op <> 'D' THEN INSERT (id, v) VALUES (s.id, coalesce(s.v, 0))
            """);
        Assert.Equal(new QualifiedName("db", "target"), statement.Target);
        Assert.Equal("t", statement.TargetAlias);
        Assert.Null(statement.Source.Table);
        Assert.Equal("SELECT id, v, op FROM staging WHERE batch = 3", statement.Source.Query!.Text);
        Assert.Equal("s", statement.SourceAlias);
        Assert.Equal("t.id = s.id AND CASE WHEN s.op = 'x' THEN true ELSE false END", statement.On.Text);
        Assert.Equal(3, statement.Clauses.Count);

        var delete = Assert.IsType<MergeDeleteClause>(statement.Clauses[0]);
        Assert.Equal("s.op = 'D'", delete.Condition!.Text);

        var update = Assert.IsType<MergeUpdateClause>(statement.Clauses[1]);
        Assert.Null(update.Condition);
        Assert.Equal(["v", "updated"], update.Assignments.Select(a => a.Column));
        Assert.Equal(["s.v", "now()"], update.Assignments.Select(a => a.Value.Text));

        var insert = Assert.IsType<MergeInsertClause>(statement.Clauses[2]);
        Assert.Equal("s.op <> 'D'", insert.Condition!.Text);
        Assert.Equal(["id", "v"], insert.Columns);
        Assert.Equal(["s.id", "coalesce(s.v, 0)"], insert.Values.Select(v => v.Text));
    }

    [Fact]
    public void Merge_from_a_table_without_aliases()
    {
        var statement = Parses<MergeStatement>("MERGE INTO t USING db.s ON t.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (s.id)");
        Assert.Null(statement.TargetAlias);
        Assert.Equal(new QualifiedName("db", "s"), statement.Source.Table);
        Assert.Null(statement.SourceAlias);
        var insert = Assert.IsType<MergeInsertClause>(Assert.Single(statement.Clauses));
        Assert.Null(insert.Columns);
        Assert.Equal(["s.id"], insert.Values.Select(v => v.Text));
    }

    [Fact]
    public void Merge_insert_is_only_for_not_matched() =>
        Fails("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN INSERT VALUES (1)", SqlErrorNames.SyntaxError,
            "line 1:55: mismatched input 'INSERT'. Expecting: 'DELETE', 'UPDATE'");

    [Fact]
    public void Merge_needs_a_when_clause() =>
        Fails("MERGE INTO t USING s ON t.id = s.id", SqlErrorNames.SyntaxError,
            "line 1:36: mismatched input '<EOF>'. Expecting: 'WHEN'");

    [Fact]
    public void Optimize_and_vacuum()
    {
        var optimize = Parses<OptimizeStatement>("OPTIMIZE db.t REWRITE DATA USING BIN_PACK WHERE dt >= DATE '2024-01-01'");
        Assert.Equal(new QualifiedName("db", "t"), optimize.Table);
        Assert.Equal("dt >= DATE '2024-01-01'", optimize.Where!.Text);
        Assert.Equal(SqlRoute.Utility, optimize.Route);
        Assert.Null(Parses<OptimizeStatement>("optimize t rewrite data using bin_pack;").Where);
        Assert.Equal(new QualifiedName("db", "t"), Parses<VacuumStatement>("VACUUM db.t").Table);
    }

    [Fact]
    public void Optimize_needs_bin_pack() =>
        Fails("OPTIMIZE t REWRITE DATA USING SORT", SqlErrorNames.SyntaxError,
            "line 1:31: mismatched input 'SORT'. Expecting: 'BIN_PACK'");

    [Fact]
    public void Vacuum_rejects_block_comments() =>
        Fails("/* x */ VACUUM t", SqlErrorNames.SyntaxError,
            "line 1:1: Block comments (/* ... */) are not supported in DDL statements; use -- comments");

    [Theory]
    [InlineData("SELECT * FROM t;", "SELECT * FROM t", SqlStatementType.Dml)]
    [InlineData("  WITH a AS (SELECT 1) SELECT * FROM a  ", "WITH a AS (SELECT 1) SELECT * FROM a", SqlStatementType.Dml)]
    [InlineData("VALUES (1, 'a')", "VALUES (1, 'a')", SqlStatementType.Dml)]
    [InlineData("EXPLAIN SELECT 1", "EXPLAIN SELECT 1", SqlStatementType.Utility)]
    [InlineData("SELECT X'ab', '💧'", "SELECT X'ab', '💧'", SqlStatementType.Dml)]
    public void Queries_pass_through_as_text(string sql, string text, SqlStatementType type)
    {
        var statement = Parses<QueryStatement>(sql);
        Assert.Equal(text, statement.Text.Text);
        Assert.Equal(type, statement.StatementType);
        Assert.Equal(SqlRoute.Query, statement.Route);
    }
}
