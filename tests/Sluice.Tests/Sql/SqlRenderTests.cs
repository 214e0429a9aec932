using Sluice.Sql;
using Sluice.Sql.Ast;
using Sluice.Sql.Lexing;

namespace Sluice.Tests.Sql;

public class SqlRenderTests
{
    [Fact]
    public void Ddl_identifiers_use_backticks()
    {
        Assert.Equal("`a``b`", SqlRender.DdlIdentifier("a`b"));
        Assert.Equal("`db`.`t`", SqlRender.DdlName(new QualifiedName("awsdatacatalog", "db", "t")));
        Assert.Equal("`t`", SqlRender.DdlName(new QualifiedName(null, "t")));
    }

    [Fact]
    public void Dml_identifiers_use_double_quotes()
    {
        Assert.Equal("\"a\"\"b\"", SqlRender.DmlIdentifier("a\"b"));
        Assert.Equal("\"awsdatacatalog\".\"db\".\"t\"", SqlRender.DmlName(new QualifiedName("awsdatacatalog", "db", "t")));
        Assert.Equal("\"db\".\"t\"", SqlRender.DmlName(new QualifiedName("db", "t")));
    }

    [Theory]
    [InlineData("orders", false, false)]
    [InlineData("_c", true, false)]
    [InlineData("2024_sales", false, true)]
    [InlineData("date", true, false)]
    [InlineData("order", true, true)]
    [InlineData("Mixed", false, true)]
    [InlineData("a-b", true, true)]
    [InlineData("123", true, true)]
    public void Knows_when_a_name_needs_quoting(string name, bool ddl, bool dml)
    {
        Assert.Equal(ddl, SqlRender.NeedsDdlQuoting(name));
        Assert.Equal(dml, SqlRender.NeedsDmlQuoting(name));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("it's")]
    [InlineData("back\\slash \\n and \\% kept")]
    [InlineData("tab\tnew\nline\u0001ctl")]
    [InlineData("ünï 😀")]
    public void String_literals_round_trip_through_the_lexer(string value)
    {
        Assert.Equal(value, SqlLexer.Tokenize(SqlRender.StringLiteral(value), SqlLexerMode.Trino).Tokens[0].Value);
        var hive = SqlRender.HiveStringLiteral(value);
        Assert.DoesNotContain('\n', hive);
        Assert.Equal(value, SqlLexer.Tokenize(hive, SqlLexerMode.Hive).Tokens[0].Value);
    }

    [Fact]
    public void Literal_shapes()
    {
        Assert.Equal("'it''s'", SqlRender.StringLiteral("it's"));
        Assert.Equal(@"'it\'s \\ \001'", SqlRender.HiveStringLiteral("it's \\ \u0001"));
        Assert.Equal("X'00AB'", SqlRender.BinaryLiteral([0x00, 0xAB]));
        Assert.Equal("-12", SqlRender.IntegerLiteral(-12));
        Assert.Equal("true", SqlRender.BooleanLiteral(true));
    }

    [Fact]
    public void Unqualified_names_resolve_against_a_default_database()
    {
        Assert.Equal(new QualifiedName("sales", "t"), new QualifiedName(null, "t").InDatabase("Sales"));
        Assert.Equal(new QualifiedName("raw", "t"), new QualifiedName("raw", "t").InDatabase("sales"));
        Assert.Equal("awsdatacatalog.db.t", new QualifiedName("awsdatacatalog", "db", "t").ToString());
        Assert.Equal("t", new QualifiedName(null, "t").ToString());
    }

    [Fact]
    public void Rendered_names_parse_back()
    {
        var name = new QualifiedName("awsdatacatalog", "my db", "2024 \"sales\"");
        var delete = Assert.IsType<DeleteStatement>(SqlStatementParser.Parse("DELETE FROM " + SqlRender.DmlName(name)));
        Assert.Equal(name, delete.Table);
        var drop = Assert.IsType<DropTableStatement>(SqlStatementParser.Parse("DROP TABLE " + SqlRender.DdlName(name)));
        Assert.Equal(new QualifiedName("my db", "2024 \"sales\""), drop.Table);
    }
}
