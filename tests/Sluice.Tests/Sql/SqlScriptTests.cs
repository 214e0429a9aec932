using Sluice.Sql;

namespace Sluice.Tests.Sql;

public class SqlScriptTests
{
    [Fact]
    public void Splits_at_semicolons_outside_strings_names_and_comments()
    {
        var statements = SqlScript.Split("""
            CREATE DATABASE d; -- comment; with semicolon
            SELECT 'a;b' AS "x;y" /* ; */ FROM t;
            ;
            -- only a comment
            SELECT 2
            """);
        Assert.Equal(3, statements.Count);
        Assert.Equal("CREATE DATABASE d", statements[0]);
        Assert.Equal("-- comment; with semicolon\nSELECT 'a;b' AS \"x;y\" /* ; */ FROM t", statements[1].Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("-- only a comment\nSELECT 2", statements[2].Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_and_comment_only_scripts_have_no_statements()
    {
        Assert.Empty(SqlScript.Split(""));
        Assert.Empty(SqlScript.Split("  ;; -- nothing\n"));
    }
}
