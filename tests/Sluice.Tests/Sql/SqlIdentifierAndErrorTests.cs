using System.Text;
using Sluice.Sql;
using Sluice.Sql.Ast;
using static Sluice.Tests.Sql.SqlAssert;

namespace Sluice.Tests.Sql;

public class SqlIdentifierAndErrorTests
{
    [Fact]
    public void Database_and_table_names_fold_to_lower_case_columns_keep_their_case()
    {
        var statement = Parses<CreateExternalTableStatement>("CREATE EXTERNAL TABLE MyDb.`MyTable` (`MyCol` int, Other string)");
        Assert.Equal(new QualifiedName("mydb", "mytable"), statement.Table);
        Assert.Equal(["MyCol", "Other"], statement.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Trino_names_may_have_a_catalog_hive_names_may_not()
    {
        Assert.Equal(new QualifiedName("awsdatacatalog", "db", "t"), Parses<DeleteStatement>("DELETE FROM AwsDataCatalog.DB.T").Table);
        Fails("DROP TABLE `awsdatacatalog`.`db`.`t`", SqlErrorNames.SyntaxError, "line 1:33: mismatched input '.'. Expecting: <EOF>");
    }

    [Fact]
    public void Double_quotes_are_strings_in_hive_ddl() =>
        Fails("DROP TABLE \"db\".\"t\"", SqlErrorNames.SyntaxError, "line 1:12: mismatched input '\"db\"'. Expecting: 'IF', <identifier>");

    [Fact]
    public void Empty_delimited_identifier_is_rejected()
    {
        Fails("DELETE FROM \"\"", SqlErrorNames.SyntaxError, "line 1:13: Zero-length delimited identifier not allowed");
        Fails("DROP TABLE ``", SqlErrorNames.SyntaxError, "line 1:12: Zero-length delimited identifier not allowed");
    }

    [Fact]
    public void Names_up_to_255_characters_are_accepted_longer_ones_are_rejected_by_glue()
    {
        var name = new string('a', 255);
        Assert.Equal(name, Parses<DropTableStatement>("DROP TABLE " + name).Table.Name);
        var tooLong = new string('b', 256);
        var error = Fails("DROP TABLE db." + tooLong, SqlErrorNames.InvalidInput,
            $"line 1:15: 1 validation error detected: Value '{tooLong}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 255");
        Assert.Equal(15, error.Column);
    }

    [Fact]
    public void Ddl_reserved_words_need_backticks()
    {
        Fails("CREATE EXTERNAL TABLE t (date string)", SqlErrorNames.SyntaxError, "line 1:26: mismatched input 'date'. Expecting: <identifier>");
        Assert.Equal("date", Parses<CreateExternalTableStatement>("CREATE EXTERNAL TABLE t (`date` string)").Columns[0].Name);
        // Non-reserved keywords are fine bare.
        Assert.Equal("location", Parses<CreateExternalTableStatement>("CREATE EXTERNAL TABLE t (location string)").Columns[0].Name);
    }

    [Fact]
    public void Ddl_names_starting_with_underscore_need_backticks()
    {
        Fails("CREATE EXTERNAL TABLE t (_c string)", SqlErrorNames.SyntaxError, "line 1:26: mismatched input '_c'. Expecting: <identifier>");
        Assert.Equal("_c", Parses<CreateExternalTableStatement>("CREATE EXTERNAL TABLE t (`_c` string)").Columns[0].Name);
    }

    [Fact]
    public void Hive_accepts_names_starting_with_a_digit_trino_needs_quotes()
    {
        Assert.Equal("2024_sales", Parses<DropTableStatement>("DROP TABLE 2024_sales").Table.Name);
        Fails("DELETE FROM 2024_sales", SqlErrorNames.SyntaxError,
            "line 1:13: identifiers must not start with a digit; surround the identifier with double quotes");
        Assert.Equal("2024_sales", Parses<DeleteStatement>("DELETE FROM \"2024_sales\"").Table.Name);
    }

    [Fact]
    public void Dml_reserved_words_need_double_quotes()
    {
        Fails("UPDATE t SET order = 1", SqlErrorNames.SyntaxError, "line 1:14: mismatched input 'order'. Expecting: <identifier>");
        Assert.Equal("order", Parses<UpdateStatement>("UPDATE t SET \"order\" = 1").Assignments[0].Column);
    }

    [Fact]
    public void Backticks_are_rejected_in_trino_statements() =>
        Fails("INSERT INTO `t` SELECT 1", SqlErrorNames.SyntaxError,
            "line 1:13: backquoted identifiers are not supported; use double quotes to quote identifiers");

    [Fact]
    public void Mismatch_lists_every_alternative_checked_at_the_token()
    {
        Fails("SHOW FOO", SqlErrorNames.SyntaxError,
            "line 1:6: mismatched input 'FOO'. Expecting: 'COLUMNS', 'CREATE', 'DATABASES', 'PARTITIONS', 'SCHEMAS', 'TABLES', 'TBLPROPERTIES', 'VIEWS'");
        Fails("CREATE VIEW v", SqlErrorNames.SyntaxError,
            "line 1:8: mismatched input 'VIEW'. Expecting: 'DATABASE', 'EXTERNAL', 'SCHEMA', 'TABLE'");
    }

    [Fact]
    public void Errors_report_line_and_column_on_later_lines()
    {
        var error = Fails("ALTER TABLE t\n  ADD COLUMNS (\n    a int,\n    b strng)", SqlErrorNames.SyntaxError,
            "line 4:7: mismatched input 'strng'. Expecting: <type>");
        Assert.Equal(4, error.Line);
        Assert.Equal(7, error.Column);
        Assert.Equal("SYNTAX_ERROR: line 4:7: mismatched input 'strng'. Expecting: <type>", error.StateChangeReason);
        Assert.Equal("mismatched input 'strng'. Expecting: <type>", error.Detail);
    }

    [Fact]
    public void Columns_after_non_bmp_characters_count_code_points() =>
        Fails("CREATE EXTERNAL TABLE t (a string COMMENT '💧💧') x", SqlErrorNames.SyntaxError,
            "line 1:49: mismatched input 'x'. Expecting: 'CLUSTERED', 'COMMENT', 'LOCATION', 'PARTITIONED', 'ROW', 'STORED', 'TBLPROPERTIES', <EOF>");

    [Fact]
    public void Unknown_characters_are_token_recognition_errors() =>
        Fails("SHOW TABLES $x", SqlErrorNames.SyntaxError, "line 1:13: token recognition error at: '$'");

    [Fact]
    public void Unterminated_string_in_a_query_fails_at_its_start() =>
        Fails("SELECT 1,\n 'abc", SqlErrorNames.SyntaxError, "line 2:2: token recognition error at: ''abc'");

    [Fact]
    public void Qualified_hive_name_may_start_with_a_digit() =>
        Assert.Equal(new QualifiedName("db", "2024_sales"), Parses<DropTableStatement>("DROP TABLE db.2024_sales").Table);

    [Fact]
    public void Unterminated_string_in_ddl() =>
        Fails("SHOW TABLES LIKE 'x", SqlErrorNames.SyntaxError, "line 1:18: token recognition error at: ''x'");

    [Fact]
    public void Nested_block_comment_leaves_its_tail_as_tokens() =>
        Fails("DELETE FROM t /* a /* b */ c */", SqlErrorNames.SyntaxError,
            "line 1:28: mismatched input 'c'. Expecting: '.', 'WHERE', <EOF>");

    [Fact]
    public void Only_one_statement_is_allowed()
    {
        var error = Fails("SELECT 1; SELECT 2", SqlErrorNames.InvalidRequest, "Only one sql statement is allowed. Got: SELECT 1; SELECT 2");
        Assert.Equal(0, error.Line);
        Parses<QueryStatement>("SELECT ';' -- ;\n;");
    }

    [Fact]
    public void Query_string_limit_is_262144_utf8_bytes()
    {
        var fits = "SELECT '" + new string('x', SqlStatementParser.MaxQueryBytes - 9) + "'";
        Assert.Equal(SqlStatementParser.MaxQueryBytes, Encoding.UTF8.GetByteCount(fits));
        Parses<QueryStatement>(fits);
        // 'é' is two bytes in UTF-8: the same number of characters is now too long.
        var tooLong = "SELECT '" + new string('x', SqlStatementParser.MaxQueryBytes - 10) + "é'";
        Fails(tooLong, SqlErrorNames.InvalidRequest,
            "queryString failed to satisfy constraint: Member must have length less than or equal to 262144");
    }

    [Fact]
    public void Empty_text_and_comment_only_text()
    {
        Fails("", SqlErrorNames.InvalidRequest, "queryString failed to satisfy constraint: Member must have length greater than or equal to 1");
        Fails("  -- nothing", SqlErrorNames.SyntaxError, "line 1:13: mismatched input '<EOF>'. Expecting: <query>");
    }

    [Fact]
    public void Trailing_text_after_a_statement() =>
        Fails("MSCK REPAIR TABLE t now", SqlErrorNames.SyntaxError, "line 1:21: mismatched input 'now'. Expecting: '.', <EOF>");

    [Fact]
    public void Exception_is_self_contained()
    {
        var error = new SqlException(SqlErrorNames.NotSupported, "x");
        Assert.Equal("x", error.Message);
        Assert.Equal(0, error.Line);
        Assert.False(error.IsTransient);
        Assert.IsAssignableFrom<Exception>(error);
    }
}
