using System.Globalization;
using Sluice.Sql.Ast;
using Sluice.Sql.Lexing;

namespace Sluice.Sql.Parsing;

/// <summary>
/// Recursive-descent parser over the tokens of one statement. Errors follow Trino's shape: every optional clause the
/// parser checked at the failing token is listed after <c>Expecting:</c>, as ANTLR does.
/// </summary>
internal sealed partial class SqlParser
{
    private const int MaxNameLength = 255;

    private readonly string _sql;
    private readonly IReadOnlyList<SqlToken> _tokens;
    private readonly SqlLexerMode _mode;
    private readonly HashSet<string> _expected = new(StringComparer.Ordinal);
    private int _expectedAt = -1;
    private int _pos;
    private bool _typeTextOnly;

    public SqlParser(string sql, IReadOnlyList<SqlToken> tokens, SqlLexerMode mode)
    {
        _sql = sql;
        _tokens = tokens;
        _mode = mode;
    }

    private bool Hive => _mode == SqlLexerMode.Hive;

    private SqlToken Current => _tokens[_pos];

    private SqlToken PeekToken(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private SqlToken Advance()
    {
        var token = Current;
        if (token.Kind != SqlTokenKind.EndOfInput)
        {
            _pos++;
        }

        return token;
    }

    /// <summary>Records what would have been accepted at the current token, for the error message.</summary>
    private void Expect(string label)
    {
        if (_expectedAt != _pos)
        {
            _expected.Clear();
            _expectedAt = _pos;
        }

        _expected.Add(label);
    }

    private bool At(string keyword)
    {
        Expect("'" + keyword.ToUpperInvariant() + "'");
        return Current.IsKeyword(keyword);
    }

    private bool Accept(string keyword)
    {
        if (!At(keyword))
        {
            return false;
        }

        Advance();
        return true;
    }

    private SqlToken Require(string keyword)
    {
        if (!At(keyword))
        {
            throw Mismatch();
        }

        return Advance();
    }

    private void Require(params string[] keywords)
    {
        foreach (var keyword in keywords)
        {
            Require(keyword);
        }
    }

    private bool AtSymbol(string symbol)
    {
        Expect("'" + symbol + "'");
        return Current.IsSymbol(symbol);
    }

    private bool AcceptSymbol(string symbol)
    {
        if (!AtSymbol(symbol))
        {
            return false;
        }

        Advance();
        return true;
    }

    private SqlToken RequireSymbol(string symbol)
    {
        if (!AtSymbol(symbol))
        {
            throw Mismatch();
        }

        return Advance();
    }

    /// <summary>Trino's <c>mismatched input 'x'. Expecting: 'A', 'B', &lt;identifier&gt;</c> at the current token.</summary>
    private SqlException Mismatch(params string[] extra)
    {
        var token = Current;
        if (token.Kind == SqlTokenKind.Unknown)
        {
            return Error(token, SqlErrorNames.SyntaxError, $"token recognition error at: '{token.Text}'");
        }

        foreach (var label in extra)
        {
            Expect(label);
        }

        var expected = _expectedAt == _pos ? _expected : [];
        var list = expected
            .OrderBy(e => e.StartsWith('<') ? 1 : 0)
            .ThenBy(e => e, StringComparer.Ordinal);
        var detail = $"mismatched input '{token.Display}'. Expecting: {string.Join(", ", list)}";
        return Error(token, SqlErrorNames.SyntaxError, detail);
    }

    private static SqlException Error(SqlToken token, string errorName, string detail) =>
        new(errorName, detail, token.Start.Line, token.Start.Column);

    /// <summary>Accepts an optional trailing <c>;</c> and requires the end of input.</summary>
    private void RequireEnd()
    {
        if (Current.IsSymbol(";"))
        {
            Advance();
        }

        Expect("<EOF>");
        if (Current.Kind != SqlTokenKind.EndOfInput)
        {
            throw Mismatch();
        }
    }

    private bool AtEnd => Current.Kind == SqlTokenKind.EndOfInput || (Current.IsSymbol(";") && PeekToken(1).Kind == SqlTokenKind.EndOfInput);

    // ---- literals ----

    private string StringLiteral()
    {
        Expect("<string>");
        if (Current.Kind != SqlTokenKind.String)
        {
            throw Mismatch();
        }

        return Advance().Value;
    }

    private string? OptionalString(string keyword) => Accept(keyword) ? StringLiteral() : null;

    private int IntegerLiteral()
    {
        Expect("<integer>");
        var token = Current;
        if (token.Kind != SqlTokenKind.Number ||
            !int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Mismatch();
        }

        Advance();
        return value;
    }

    // ---- identifiers ----

    /// <summary>True when <paramref name="token"/> can be an identifier in this dialect (without throwing for the
    /// quoted forms that are errors: the caller's <see cref="Identifier"/> reports those).</summary>
    private bool IsIdentifier(SqlToken token) => token.Kind switch
    {
        SqlTokenKind.Word => Hive
            ? token.Value[0] != '_' && !SqlReservedWords.IsReservedInDdl(token.Value)
            : !SqlReservedWords.IsReservedInDml(token.Value),
        SqlTokenKind.BacktickIdentifier => true,
        SqlTokenKind.QuotedIdentifier => !Hive,
        _ => false,
    };

    private bool AtIdentifier()
    {
        Expect("<identifier>");
        return IsIdentifier(Current);
    }

    /// <summary>
    /// An identifier, decoded. Hive DDL: bare words that are not DDL reserved words and do not start with <c>_</c>, or
    /// backticks. Trino: bare words that are not DML reserved words and do not start with a digit, or double quotes.
    /// </summary>
    private string Identifier()
    {
        if (!AtIdentifier())
        {
            throw Mismatch();
        }

        var token = Current;
        switch (token.Kind)
        {
            case SqlTokenKind.Word when !Hive && char.IsAsciiDigit(token.Value[0]):
                throw Error(token, SqlErrorNames.SyntaxError, "identifiers must not start with a digit; surround the identifier with double quotes");
            case SqlTokenKind.BacktickIdentifier when !Hive:
                throw Error(token, SqlErrorNames.SyntaxError, "backquoted identifiers are not supported; use double quotes to quote identifiers");
            case SqlTokenKind.BacktickIdentifier or SqlTokenKind.QuotedIdentifier when token.Value.Length == 0:
                throw Error(token, SqlErrorNames.SyntaxError, "Zero-length delimited identifier not allowed");
        }

        if (token.Value.Length > MaxNameLength)
        {
            // Glue refuses names over 255 characters; Athena relays its validation message.
            throw Error(token, SqlErrorNames.InvalidInput,
                $"1 validation error detected: Value '{token.Value}' at 'name' failed to satisfy constraint: Member must have length less than or equal to {MaxNameLength}");
        }

        Advance();
        return token.Value;
    }

    /// <summary>A database or table name, folded to lower case (Glue does, athena.md §5).</summary>
    private string CatalogName() => Identifier().ToLowerInvariant();

    /// <summary>
    /// <c>t</c>, <c>db.t</c>, and in Trino statements also <c>catalog.db.t</c>. Hive DDL has no catalog part.
    /// </summary>
    private QualifiedName TableName()
    {
        var parts = new List<string> { CatalogName() };
        var maxParts = Hive ? 2 : 3;
        while (parts.Count < maxParts && AcceptSymbol("."))
        {
            parts.Add(CatalogName());
        }

        return parts.Count switch
        {
            1 => new QualifiedName(null, null, parts[0]),
            2 => new QualifiedName(null, parts[0], parts[1]),
            _ => new QualifiedName(parts[0], parts[1], parts[2]),
        };
    }

    private List<string> IdentifierList()
    {
        RequireSymbol("(");
        var names = new List<string> { Identifier() };
        while (AcceptSymbol(","))
        {
            names.Add(Identifier());
        }

        RequireSymbol(")");
        return names;
    }

    // ---- text spans ----

    private SqlSpan Span(int fromToken, int toTokenExclusive)
    {
        var first = _tokens[fromToken];
        var last = _tokens[toTokenExclusive - 1];
        return new SqlSpan(_sql[first.Start.Offset..last.End], first.Start);
    }

    /// <summary>
    /// Skips an expression or query kept as text, up to (not including) a token for which <paramref name="stop"/>
    /// is true at nesting depth 0 (parentheses, brackets and CASE ... END nest), or the end of the statement.
    /// Throws when the span would be empty.
    /// </summary>
    private SqlSpan TextUntil(Func<SqlToken, bool> stop, string label = "<expression>")
    {
        var start = _pos;
        var depth = 0;
        while (true)
        {
            var token = Current;
            if (token.Kind == SqlTokenKind.EndOfInput || (depth == 0 && (AtEnd || stop(token))))
            {
                break;
            }

            if (token.Kind == SqlTokenKind.Unknown)
            {
                throw Error(token, SqlErrorNames.SyntaxError, $"token recognition error at: '{token.Text}'");
            }

            if (token.IsSymbol("(") || token.IsSymbol("[") || token.IsKeyword("CASE"))
            {
                depth++;
            }
            else if (token.IsSymbol(")") || token.IsSymbol("]") || token.IsKeyword("END"))
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
            }

            Advance();
        }

        if (_pos == start)
        {
            throw Mismatch(label);
        }

        return Span(start, _pos);
    }

    private SqlSpan TextToEnd(string label) => TextUntil(_ => false, label);
}
