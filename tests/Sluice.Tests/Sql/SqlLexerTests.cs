using Sluice.Sql;
using Sluice.Sql.Lexing;

namespace Sluice.Tests.Sql;

public class SqlLexerTests
{
    private static List<SqlToken> Lex(string text, SqlLexerMode mode = SqlLexerMode.Trino) =>
        SqlLexer.Tokenize(text, mode).Tokens.ToList();

    [Fact]
    public void Splits_words_symbols_numbers_and_strings_with_positions()
    {
        var tokens = Lex("SELECT a1, 'x' <= 1.5e3\n  FROM t;");
        Assert.Equal(
            ["SELECT", "a1", ",", "'x'", "<=", "1.5e3", "FROM", "t", ";", ""],
            tokens.Select(t => t.Text));
        Assert.Equal(
            [SqlTokenKind.Word, SqlTokenKind.Word, SqlTokenKind.Symbol, SqlTokenKind.String, SqlTokenKind.Symbol, SqlTokenKind.Number,
             SqlTokenKind.Word, SqlTokenKind.Word, SqlTokenKind.Symbol, SqlTokenKind.EndOfInput],
            tokens.Select(t => t.Kind));
        Assert.Equal(new SqlPosition(26, 2, 3), tokens[6].Start);
        Assert.Equal(new SqlPosition(33, 2, 10), tokens[^1].Start);
    }

    [Fact]
    public void Trino_strings_double_the_quote_and_keep_backslashes()
    {
        var token = Lex(@"'it''s a \n'")[0];
        Assert.Equal(SqlTokenKind.String, token.Kind);
        Assert.Equal(@"it's a \n", token.Value);
    }

    [Fact]
    public void Hive_strings_take_backslash_escapes()
    {
        var tokens = Lex(@"'it\'s' '\t\n\\' '\001' '\u0041B' '\%'", SqlLexerMode.Hive);
        Assert.Equal(["it's", "\t\n\\", "\u0001", "AB", "\\%", ""], tokens.Select(t => t.Value));
    }

    [Fact]
    public void Hive_concatenates_adjacent_strings_so_doubled_quote_is_not_an_escape()
    {
        var token = Lex("'it''s'", SqlLexerMode.Hive)[0];
        Assert.Equal("its", token.Value);
        Assert.Equal("'it''s'", token.Text);
    }

    [Fact]
    public void Hive_double_quotes_delimit_strings_trino_double_quotes_delimit_identifiers()
    {
        Assert.Equal(SqlTokenKind.String, Lex("\"s3://b/\"", SqlLexerMode.Hive)[0].Kind);
        var identifier = Lex("\"My \"\"Col\"\"\"")[0];
        Assert.Equal(SqlTokenKind.QuotedIdentifier, identifier.Kind);
        Assert.Equal("My \"Col\"", identifier.Value);
    }

    [Fact]
    public void Backticks_escape_by_doubling()
    {
        var token = Lex("`a``b`", SqlLexerMode.Hive)[0];
        Assert.Equal(SqlTokenKind.BacktickIdentifier, token.Kind);
        Assert.Equal("a`b", token.Value);
    }

    [Fact]
    public void Semicolons_inside_strings_and_comments_are_not_symbols()
    {
        var lexer = SqlLexer.Tokenize("SELECT ';' -- ; here\n/* ; */ AS \"x;y\"", SqlLexerMode.Trino);
        Assert.DoesNotContain(lexer.Tokens, t => t.IsSymbol(";"));
        Assert.Equal(2, lexer.Comments.Count);
        Assert.False(lexer.Comments[0].IsBlock);
        Assert.Equal("-- ; here", lexer.Comments[0].Text);
        Assert.True(lexer.Comments[1].IsBlock);
        Assert.Equal(new SqlPosition(21, 2, 1), lexer.Comments[1].Start);
    }

    [Fact]
    public void Block_comments_do_not_nest()
    {
        var lexer = SqlLexer.Tokenize("a /* x /* y */ z */ b", SqlLexerMode.Trino);
        Assert.Equal(["a", "z", "*", "/", "b", ""], lexer.Tokens.Select(t => t.Text));
    }

    [Fact]
    public void Unterminated_block_comment_lexes_as_symbols()
    {
        Assert.Equal(["a", "/", "*", "b", ""], Lex("a /* b").Select(t => t.Text));
    }

    [Fact]
    public void Binary_literal_keeps_hex_digits()
    {
        var token = Lex("X'0a1B'")[0];
        Assert.Equal(SqlTokenKind.Binary, token.Kind);
        Assert.Equal("0a1B", token.Value);
        Assert.Equal("X'0a1B'", token.Text);
    }

    [Theory]
    [InlineData("12", SqlTokenKind.Number)]
    [InlineData("1.5", SqlTokenKind.Number)]
    [InlineData(".5", SqlTokenKind.Number)]
    [InlineData("1e-3", SqlTokenKind.Number)]
    [InlineData("2024_sales", SqlTokenKind.Word)]
    [InlineData("_col0", SqlTokenKind.Word)]
    [InlineData("$", SqlTokenKind.Unknown)]
    public void Classifies_single_tokens(string text, SqlTokenKind kind)
    {
        var token = Lex(text)[0];
        Assert.Equal(kind, token.Kind);
        Assert.Equal(text, token.Text);
    }

    [Fact]
    public void Dot_after_a_name_qualifies_it_elsewhere_it_starts_a_number()
    {
        Assert.Equal(["db", ".", "2024_sales", ""], Lex("db.2024_sales", SqlLexerMode.Hive).Select(t => t.Text));
        Assert.Equal(["`db`", ".", "5x", ""], Lex("`db`.5x", SqlLexerMode.Hive).Select(t => t.Text));
        Assert.Equal(["=", ".5", ""], Lex("=.5").Select(t => t.Text));
    }

    [Fact]
    public void Unknown_characters_do_not_stop_the_lexer()
    {
        var tokens = Lex("a 😀 $ b");
        Assert.Equal(["a", "😀", "$", "b", ""], tokens.Select(t => t.Text));
        Assert.Equal(SqlTokenKind.Unknown, tokens[1].Kind);
        Assert.Equal(new SqlPosition(7, 1, 7), tokens[3].Start);
    }

    [Fact]
    public void Multi_character_operators()
    {
        Assert.Equal(["<=", ">=", "<>", "!=", "||", "->", "=>", ""], Lex("<= >= <> != || -> =>").Select(t => t.Text));
    }

    [Fact]
    public void Type_brackets_are_single_symbols()
    {
        Assert.Equal(["array", "<", "map", "<", "string", ",", "int", ">", ">", ""],
            Lex("array<map<string,int>>", SqlLexerMode.Hive).Select(t => t.Text));
    }

    [Fact]
    public void Columns_count_code_points_and_lines_count_newlines()
    {
        var tokens = Lex("'😀é' x\r\n  y");
        Assert.Equal(new SqlPosition(0, 1, 1), tokens[0].Start);
        Assert.Equal("😀é", tokens[0].Value);
        // The emoji is two UTF-16 units but one column.
        Assert.Equal(new SqlPosition(6, 1, 6), tokens[1].Start);
        Assert.Equal(new SqlPosition(11, 2, 3), tokens[2].Start);
    }

    [Fact]
    public void Unterminated_string_is_a_token_recognition_error_at_its_start()
    {
        var error = Assert.Throws<SqlException>(() => SqlLexer.Tokenize("SELECT\n  'abc", SqlLexerMode.Trino));
        Assert.Equal(SqlErrorNames.SyntaxError, error.ErrorName);
        Assert.Equal("line 2:3: token recognition error at: ''abc'", error.Message);
        Assert.Equal("SYNTAX_ERROR: line 2:3: token recognition error at: ''abc'", error.StateChangeReason);
    }

    [Fact]
    public void Unterminated_quoted_identifier_fails_in_strict_mode_and_not_in_tolerant_mode()
    {
        Assert.Throws<SqlException>(() => SqlLexer.Tokenize("SELECT \"abc", SqlLexerMode.Trino));
        var tokens = SqlLexer.Tokenize("SELECT \"abc", SqlLexerMode.Trino, strict: false).Tokens;
        Assert.Equal([SqlTokenKind.Word, SqlTokenKind.Unknown, SqlTokenKind.EndOfInput], tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Unicode_inside_strings_and_quoted_identifiers_is_kept()
    {
        var tokens = Lex("'ünïcödé ✓' \"名前\"");
        Assert.Equal("ünïcödé ✓", tokens[0].Value);
        Assert.Equal("名前", tokens[1].Value);
    }
}
