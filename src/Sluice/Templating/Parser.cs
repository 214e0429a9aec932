namespace Sluice.Templating;

/// <summary>
/// Recursive-descent parser producing the statement tree of one template. Grammar and operator precedence follow
/// Jinja2's parser (lowest first): inline if, or, and, not, comparisons and in, + -, ~, * / // %, **, unary - +,
/// then postfix access, calls, filters and tests.
/// </summary>
internal sealed partial class Parser
{
    private readonly List<Token> _tokens;
    private readonly string? _name;
    private readonly List<HashSet<string>> _macroUsage = [];
    private readonly List<(string[] EndTags, Token Opener)> _openBlocks = [];
    private readonly JinjaEnvironment _env;
    private int _pos;

    // Loops enclosing the statement being parsed, within the current macro or block body: break/continue need one.
    private int _loopDepth;

    private Parser(List<Token> tokens, string? name, JinjaEnvironment env)
    {
        _tokens = tokens;
        _name = name;
        _env = env;
    }

    public static List<Stmt> Parse(string source, string? name, JinjaEnvironment env)
    {
        var parser = new Parser(Lexer.Tokenize(source, name, env.Options), name, env);
        return parser.ParseBody([], null);
    }

    private Token Current => _tokens[_pos];

    private Token Peek(int offset = 1) => _tokens[Math.Min(_pos + offset, _tokens.Count - 1)];

    private Token Next() => _tokens[_pos < _tokens.Count - 1 ? _pos++ : _pos];

    private Location Loc(Token token) => new(_name, token.Line, token.Column);

    private TemplateException Error(string message, Token? at = null)
    {
        var token = at ?? Current;
        return new TemplateException(message, _name, token.Line, token.Column);
    }

    private bool SkipOperator(string op)
    {
        if (Current.IsOperator(op))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private bool SkipName(string name)
    {
        if (Current.IsName(name))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private Token ExpectOperator(string op)
    {
        if (!Current.IsOperator(op))
        {
            throw Error($"expected '{op}', got {Current.Describe()}.");
        }

        return Next();
    }

    private string ExpectName(string what = "name")
    {
        if (Current.Kind != TokenKind.Name)
        {
            throw Error($"expected {what}, got {Current.Describe()}.");
        }

        return Next().Value;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!SkipName(keyword))
        {
            throw Error($"expected '{keyword}', got {Current.Describe()}.");
        }
    }

    private void ExpectBlockEnd()
    {
        if (Current.Kind != TokenKind.BlockEnd)
        {
            throw Error($"expected end of statement block, got {Current.Describe()}.");
        }

        _pos++;
    }

    /// <summary>Parses statements until a block tag named in <paramref name="endTags"/> (left unconsumed) or the end of input.</summary>
    private List<Stmt> ParseBody(string[] endTags, Token? opener)
    {
        var body = new List<Stmt>();
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Eof:
                    if (endTags.Length > 0)
                    {
                        throw Error($"Unexpected end of template. Jinja was looking for the following tags: {string.Join(" or ", endTags.Select(t => $"'{t}'"))}. "
                            + $"The innermost block that needs to be closed is '{opener!.Value.Value}' (line {opener.Value.Line}).");
                    }

                    return body;
                case TokenKind.Data:
                    _pos++;
                    body.Add(new TextStmt(Loc(token), token.Value));
                    break;
                case TokenKind.VariableBegin:
                    _pos++;
                    var expr = ParseTuple(withCondition: true);
                    if (Current.Kind != TokenKind.VariableEnd)
                    {
                        throw Error($"expected end of print statement '}}}}', got {Current.Describe()}.");
                    }

                    _pos++;
                    body.Add(new OutputStmt(expr.Location, expr));
                    break;
                case TokenKind.BlockBegin:
                    var tag = Peek();
                    if (tag.Kind != TokenKind.Name)
                    {
                        throw Error("tag name expected.", tag);
                    }

                    if (Array.IndexOf(endTags, tag.Value) >= 0)
                    {
                        return body;
                    }

                    _pos += 2;
                    if (endTags.Length > 0)
                    {
                        _openBlocks.Add((endTags, opener!.Value));
                    }

                    try
                    {
                        body.Add(ParseStatement(tag));
                    }
                    finally
                    {
                        if (endTags.Length > 0)
                        {
                            _openBlocks.RemoveAt(_openBlocks.Count - 1);
                        }
                    }

                    break;
                default:
                    throw Error($"unexpected {token.Describe()}.");
            }
        }
    }

    /// <summary>Parses a macro or call block body: it runs as its own function, so break/continue cannot reach an outer loop.</summary>
    private List<Stmt> ParseDetachedBody(string[] endTags, Token opener)
    {
        var saved = _loopDepth;
        _loopDepth = 0;
        try
        {
            return ParseBody(endTags, opener);
        }
        finally
        {
            _loopDepth = saved;
        }
    }

    /// <summary>Consumes the end tag the body stopped at and returns its name.</summary>
    private string EndTag()
    {
        _pos++;
        var name = Next().Value;
        return name;
    }
}
