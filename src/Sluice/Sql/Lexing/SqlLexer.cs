using System.Globalization;
using System.Text;

namespace Sluice.Sql.Lexing;

/// <summary>
/// Splits Athena SQL into tokens. Comments are not tokens; they are collected in <see cref="Comments"/> so the caller
/// can enforce the Hive DDL rule against <c>/* */</c> (athena.md §1) where it knows the statement's route.
/// </summary>
/// <remarks>
/// <para>Block comments do not nest (Trino and Hive both end a comment at the first <c>*/</c>); an unterminated
/// <c>/*</c> is lexed as the symbols <c>/</c> and <c>*</c>, so the parser reports it where it stands.</para>
/// <para>Columns count code points, as Trino's ANTLR lexer does: a character outside the BMP is one column.</para>
/// </remarks>
public sealed class SqlLexer
{
    private static readonly string[] MultiCharSymbols = ["<=", ">=", "<>", "!=", "||", "->", "=>"];

    private readonly string _text;
    private readonly SqlLexerMode _mode;
    private readonly bool _strict;
    private readonly List<SqlComment> _comments = [];
    private int _offset;
    private int _line = 1;
    private int _column = 1;
    private bool _stopped;
    private SqlTokenKind? _previous;

    private SqlLexer(string text, SqlLexerMode mode, bool strict)
    {
        _text = text;
        _mode = mode;
        _strict = strict;
    }

    /// <summary>The comments met, in order.</summary>
    public IReadOnlyList<SqlComment> Comments => _comments;

    /// <summary>The tokens, ending with exactly one <see cref="SqlTokenKind.EndOfInput"/>.</summary>
    public IReadOnlyList<SqlToken> Tokens { get; private set; } = [];

    /// <summary>
    /// Tokenizes <paramref name="text"/>. With <paramref name="strict"/>, an unterminated string or quoted identifier
    /// throws <see cref="SqlException"/> (<c>SYNTAX_ERROR</c>); without it, the rest of the text becomes one
    /// <see cref="SqlTokenKind.Unknown"/> token (used for routing, which must never fail).
    /// </summary>
    public static SqlLexer Tokenize(string text, SqlLexerMode mode, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lexer = new SqlLexer(text, mode, strict);
        lexer.Run();
        return lexer;
    }

    private void Run()
    {
        var tokens = new List<SqlToken>();
        while (true)
        {
            SkipTrivia();
            if (_offset >= _text.Length)
            {
                tokens.Add(new SqlToken(SqlTokenKind.EndOfInput, "", "", Here()));
                break;
            }

            var token = Next();
            tokens.Add(token);
            _previous = token.Kind;
            if (_stopped)
            {
                // Non-strict mode swallowed the rest of the text after an unterminated literal.
                tokens.Add(new SqlToken(SqlTokenKind.EndOfInput, "", "", Here()));
                break;
            }
        }

        Tokens = tokens;
    }

    private SqlPosition Here() => new(_offset, _line, _column);

    private char Peek(int ahead = 0) => _offset + ahead < _text.Length ? _text[_offset + ahead] : '\0';

    private void Advance()
    {
        var c = _text[_offset];
        _offset++;
        if (c == '\n')
        {
            _line++;
            _column = 1;
        }
        else if (!(char.IsHighSurrogate(c) && _offset < _text.Length && char.IsLowSurrogate(_text[_offset])))
        {
            // A surrogate pair is one code point: count the column once, on its second half.
            _column++;
        }
    }

    private void AdvanceBy(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Advance();
        }
    }

    private void SkipTrivia()
    {
        while (_offset < _text.Length)
        {
            var c = Peek();
            if (c is ' ' or '\t' or '\r' or '\n' or '\f')
            {
                Advance();
            }
            else if (c == '-' && Peek(1) == '-')
            {
                var start = Here();
                while (_offset < _text.Length && Peek() != '\n')
                {
                    Advance();
                }

                _comments.Add(new SqlComment(false, _text[start.Offset.._offset], start));
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var close = _text.IndexOf("*/", _offset + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    // Unterminated: leave '/' '*' to be lexed as symbols, as ANTLR falls back to them.
                    return;
                }

                var start = Here();
                AdvanceBy(close + 2 - _offset);
                _comments.Add(new SqlComment(true, _text[start.Offset.._offset], start));
            }
            else
            {
                return;
            }
        }
    }

    private SqlToken Next()
    {
        var start = Here();
        var c = Peek();

        if ((c is 'x' or 'X') && Peek(1) == '\'')
        {
            return LexBinary(start);
        }

        if (IsWordChar(c) && !char.IsAsciiDigit(c))
        {
            return LexWord(start);
        }

        // After a name, '.' qualifies it (db.2024_sales); elsewhere '.5' is a number.
        var afterName = _previous is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier or SqlTokenKind.BacktickIdentifier;
        if (char.IsAsciiDigit(c) || (c == '.' && !afterName && char.IsAsciiDigit(Peek(1))))
        {
            return LexNumber(start);
        }

        switch (c)
        {
            case '\'':
                return LexString(start, '\'');
            case '"' when _mode == SqlLexerMode.Hive:
                return LexString(start, '"');
            case '"':
                return LexQuotedIdentifier(start, '"', SqlTokenKind.QuotedIdentifier);
            case '`':
                return LexQuotedIdentifier(start, '`', SqlTokenKind.BacktickIdentifier);
        }

        foreach (var symbol in MultiCharSymbols)
        {
            if (string.CompareOrdinal(_text, _offset, symbol, 0, symbol.Length) == 0)
            {
                AdvanceBy(symbol.Length);
                return new SqlToken(SqlTokenKind.Symbol, symbol, symbol, start);
            }
        }

        if ("(),;.=<>+-*/%[]:?&|^{}~!".Contains(c, StringComparison.Ordinal))
        {
            Advance();
            var s = c.ToString();
            return new SqlToken(SqlTokenKind.Symbol, s, s, start);
        }

        // One code point that no Athena lexer accepts ($, #, a non-ASCII letter outside quotes, ...).
        var length = char.IsHighSurrogate(c) && char.IsLowSurrogate(Peek(1)) ? 2 : 1;
        AdvanceBy(length);
        var unknown = _text.Substring(start.Offset, length);
        return new SqlToken(SqlTokenKind.Unknown, unknown, unknown, start);
    }

    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private SqlToken LexWord(SqlPosition start)
    {
        while (_offset < _text.Length && IsWordChar(Peek()))
        {
            Advance();
        }

        var text = _text[start.Offset.._offset];
        return new SqlToken(SqlTokenKind.Word, text, text, start);
    }

    private SqlToken LexNumber(SqlPosition start)
    {
        while (char.IsAsciiDigit(Peek()))
        {
            Advance();
        }

        if (Peek() == '.' && !(Peek(1) == '.'))
        {
            Advance();
            while (char.IsAsciiDigit(Peek()))
            {
                Advance();
            }
        }

        if ((Peek() is 'e' or 'E') &&
            (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
        {
            AdvanceBy(Peek(1) is '+' or '-' ? 2 : 1);
            while (char.IsAsciiDigit(Peek()))
            {
                Advance();
            }
        }

        if (IsWordChar(Peek()))
        {
            // 2024_sales, 1st: a word that starts with a digit. Hive accepts it as an identifier; Trino's parser
            // rejects it ("identifiers must not start with a digit").
            while (IsWordChar(Peek()))
            {
                Advance();
            }

            var word = _text[start.Offset.._offset];
            if (word.Contains('.', StringComparison.Ordinal))
            {
                return new SqlToken(SqlTokenKind.Unknown, word, word, start);
            }

            return new SqlToken(SqlTokenKind.Word, word, word, start);
        }

        var text = _text[start.Offset.._offset];
        return new SqlToken(SqlTokenKind.Number, text, text, start);
    }

    private SqlToken LexBinary(SqlPosition start)
    {
        Advance();
        var body = LexString(Here(), '\'');
        if (body.Kind == SqlTokenKind.Unknown)
        {
            return body;
        }

        var text = _text[start.Offset.._offset];
        return new SqlToken(SqlTokenKind.Binary, text, body.Value, start);
    }

    private SqlToken LexString(SqlPosition start, char quote)
    {
        var value = new StringBuilder();
        var hive = _mode == SqlLexerMode.Hive;
        while (true)
        {
            // Opening quote of this (possibly concatenated) piece.
            Advance();
            while (true)
            {
                if (_offset >= _text.Length)
                {
                    return Unterminated(start);
                }

                var c = Peek();
                if (c == quote)
                {
                    if (!hive && Peek(1) == quote)
                    {
                        // Trino: '' inside a string is one quote.
                        value.Append(quote);
                        AdvanceBy(2);
                        continue;
                    }

                    Advance();
                    break;
                }

                if (hive && c == '\\' && _offset + 1 < _text.Length)
                {
                    Advance();
                    value.Append(HiveEscape());
                    continue;
                }

                value.Append(c);
                Advance();
            }

            // Hive concatenates directly adjacent string pieces ('a''b' is "ab"); Trino has no such rule.
            if (hive && (Peek() == '\'' || Peek() == '"'))
            {
                quote = Peek();
                continue;
            }

            break;
        }

        var text = _text[start.Offset.._offset];
        return new SqlToken(SqlTokenKind.String, text, value.ToString(), start);
    }

    // Called with the character after the backslash current; consumes the escape and returns what it stands for.
    // Follows Hive's unescapeSQLString: octal \ooo, \uXXXX, the usual letters, \% and \_ keep their backslash.
    private string HiveEscape()
    {
        var c = Peek();
        if (c is >= '0' and <= '7' && Peek(1) is >= '0' and <= '7' && Peek(2) is >= '0' and <= '7')
        {
            var code = ((c - '0') * 64) + ((Peek(1) - '0') * 8) + (Peek(2) - '0');
            AdvanceBy(3);
            return ((char)code).ToString();
        }

        if (c == 'u' && _offset + 4 < _text.Length &&
            int.TryParse(_text.AsSpan(_offset + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unicode))
        {
            AdvanceBy(5);
            return ((char)unicode).ToString();
        }

        Advance();
        return c switch
        {
            '0' => "\0",
            'b' => "\b",
            'n' => "\n",
            'r' => "\r",
            't' => "\t",
            'Z' => "\u001A",
            '%' => "\\%",
            '_' => "\\_",
            _ => c.ToString(),
        };
    }

    private SqlToken LexQuotedIdentifier(SqlPosition start, char quote, SqlTokenKind kind)
    {
        var value = new StringBuilder();
        Advance();
        while (true)
        {
            if (_offset >= _text.Length)
            {
                return Unterminated(start);
            }

            var c = Peek();
            if (c == quote)
            {
                if (Peek(1) == quote)
                {
                    value.Append(quote);
                    AdvanceBy(2);
                    continue;
                }

                Advance();
                break;
            }

            value.Append(c);
            Advance();
        }

        var text = _text[start.Offset.._offset];
        return new SqlToken(kind, text, value.ToString(), start);
    }

    private SqlToken Unterminated(SqlPosition start)
    {
        var rest = _text[start.Offset..];
        if (_strict)
        {
            // Trino reports an unterminated literal as an ANTLR token recognition error at its start.
            throw new SqlException(SqlErrorNames.SyntaxError, $"token recognition error at: '{rest}'", start.Line, start.Column);
        }

        // The scan already reached the end of the text.
        _stopped = true;
        return new SqlToken(SqlTokenKind.Unknown, rest, rest, start);
    }
}
