namespace Sluice.Templating;

internal sealed partial class Parser
{
    private bool AtExpressionEnd() =>
        Current.Kind is TokenKind.BlockEnd or TokenKind.VariableEnd or TokenKind.Eof
        || Current.IsOperator(")") || Current.IsOperator("]") || Current.IsOperator("}")
        || Current.IsName("if") || Current.IsName("in");

    /// <summary>An expression, or a tuple when top-level commas follow (<c>{% set a, b = 1, 2 %}</c>).</summary>
    private Expr ParseTuple(bool withCondition)
    {
        var start = Current;
        var first = withCondition ? ParseExpression() : ParseOr();
        if (!Current.IsOperator(","))
        {
            return first;
        }

        var items = new List<Expr> { first };
        while (SkipOperator(","))
        {
            if (AtExpressionEnd())
            {
                break;
            }

            items.Add(withCondition ? ParseExpression() : ParseOr());
        }

        return new TupleExpr(Loc(start), items);
    }

    private Expr ParseExpression()
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error("Expression is nested too deeply.");
        }

        var expr = ParseOr();
        while (Current.IsName("if"))
        {
            var token = Next();
            var test = ParseOr();
            Expr? otherwise = SkipName("else") ? ParseExpression() : null;
            expr = new CondExpr(Loc(token), test, expr, otherwise);
        }

        return expr;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsName("or"))
        {
            var token = Next();
            left = new OrExpr(Loc(token), left, ParseAnd());
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (Current.IsName("and"))
        {
            var token = Next();
            left = new AndExpr(Loc(token), left, ParseNot());
        }

        return left;
    }

    private Expr ParseNot()
    {
        if (Current.IsName("not"))
        {
            var token = Next();
            return new NotExpr(Loc(token), ParseNot());
        }

        return ParseCompare();
    }

    private static readonly HashSet<string> CompareOperators = new(StringComparer.Ordinal) { "==", "!=", "<", ">", "<=", ">=" };

    private Expr ParseCompare()
    {
        var start = Current;
        var first = ParseMath1();
        List<(string, Expr)>? rest = null;
        while (true)
        {
            string op;
            if (Current.Kind == TokenKind.Operator && CompareOperators.Contains(Current.Value))
            {
                op = Next().Value;
            }
            else if (Current.IsName("in"))
            {
                _pos++;
                op = "in";
            }
            else if (Current.IsName("not") && Peek().IsName("in"))
            {
                _pos += 2;
                op = "not in";
            }
            else
            {
                break;
            }

            (rest ??= []).Add((op, ParseMath1()));
        }

        return rest is null ? first : new CompareExpr(Loc(start), first, rest);
    }

    private Expr ParseBinaryLevel(Func<Expr> operand, params string[] operators)
    {
        var left = operand();
        while (Current.Kind == TokenKind.Operator && Array.IndexOf(operators, Current.Value) >= 0)
        {
            var token = Next();
            left = new BinaryExpr(Loc(token), token.Value, left, operand());
        }

        return left;
    }

    private Expr ParseMath1() => ParseBinaryLevel(ParseConcat, "+", "-");

    private Expr ParseConcat() => ParseBinaryLevel(ParseMath2, "~");

    private Expr ParseMath2() => ParseBinaryLevel(ParsePow, "*", "/", "//", "%");

    private Expr ParsePow() => ParseBinaryLevel(() => ParseUnary(withFilter: true), "**");

    private Expr ParseUnary(bool withFilter)
    {
        Expr node;
        if (Current.IsOperator("-") || Current.IsOperator("+"))
        {
            var token = Next();
            node = new UnaryExpr(Loc(token), token.Value, ParseUnary(withFilter: false));
        }
        else
        {
            node = ParsePostfix(ParsePrimary());
        }

        return withFilter ? ParseFilterExpr(node) : node;
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        var location = Loc(token);
        switch (token.Kind)
        {
            case TokenKind.Name:
                _pos++;
                switch (token.Value)
                {
                    case "true" or "True":
                        return new ConstExpr(location, true);
                    case "false" or "False":
                        return new ConstExpr(location, false);
                    case "none" or "None":
                        return new ConstExpr(location, null);
                }

                if (token.Value is "varargs" or "kwargs" or "caller")
                {
                    foreach (var usage in _macroUsage)
                    {
                        usage.Add(token.Value);
                    }
                }

                return new NameExpr(location, token.Value);
            case TokenKind.String:
                var text = (string)token.Literal!;
                _pos++;
                // Adjacent string literals concatenate, as in Python.
                while (Current.Kind == TokenKind.String)
                {
                    text += (string)Next().Literal!;
                }

                return new ConstExpr(location, text);
            case TokenKind.Integer or TokenKind.Float:
                _pos++;
                return new ConstExpr(location, token.Literal);
            case TokenKind.Operator when token.Value == "(":
                _pos++;
                if (SkipOperator(")"))
                {
                    return new TupleExpr(location, []);
                }

                var inner = ParseExpression();
                if (Current.IsOperator(","))
                {
                    var items = new List<Expr> { inner };
                    while (SkipOperator(","))
                    {
                        if (Current.IsOperator(")"))
                        {
                            break;
                        }

                        items.Add(ParseExpression());
                    }

                    inner = new TupleExpr(location, items);
                }

                ExpectOperator(")");
                return inner;
            case TokenKind.Operator when token.Value == "[":
                _pos++;
                var list = new List<Expr>();
                while (!SkipOperator("]"))
                {
                    if (list.Count > 0)
                    {
                        ExpectOperator(",");
                        if (SkipOperator("]"))
                        {
                            break;
                        }
                    }

                    list.Add(ParseExpression());
                }

                return new ListExpr(location, list);
            case TokenKind.Operator when token.Value == "{":
                _pos++;
                var pairs = new List<(Expr, Expr)>();
                while (!SkipOperator("}"))
                {
                    if (pairs.Count > 0)
                    {
                        ExpectOperator(",");
                        if (SkipOperator("}"))
                        {
                            break;
                        }
                    }

                    var key = ParseExpression();
                    ExpectOperator(":");
                    pairs.Add((key, ParseExpression()));
                }

                return new DictExpr(location, pairs);
            default:
                throw Error($"unexpected {token.Describe()}.");
        }
    }

    private Expr ParsePostfix(Expr node)
    {
        while (true)
        {
            var token = Current;
            if (token.IsOperator("."))
            {
                _pos++;
                var attribute = Current;
                if (attribute.Kind == TokenKind.Name)
                {
                    _pos++;
                    node = new GetAttrExpr(Loc(attribute), node, attribute.Value);
                }
                else if (attribute.Kind == TokenKind.Integer)
                {
                    _pos++;
                    node = new GetItemExpr(Loc(attribute), node, new ConstExpr(Loc(attribute), attribute.Literal));
                }
                else
                {
                    throw Error($"expected name or number after '.', got {attribute.Describe()}.");
                }
            }
            else if (token.IsOperator("["))
            {
                _pos++;
                node = ParseSubscript(node, token);
            }
            else if (token.IsOperator("("))
            {
                node = new CallExpr(Loc(token), node, ParseCallArgs());
            }
            else
            {
                return node;
            }
        }
    }

    private Expr ParseSubscript(Expr node, Token open)
    {
        Expr? start = null;
        if (!Current.IsOperator(":"))
        {
            start = ParseExpression();
            if (SkipOperator("]"))
            {
                return new GetItemExpr(Loc(open), node, start);
            }
        }

        ExpectOperator(":");
        Expr? stop = null;
        Expr? step = null;
        if (!Current.IsOperator("]") && !Current.IsOperator(":"))
        {
            stop = ParseExpression();
        }

        if (SkipOperator(":") && !Current.IsOperator("]"))
        {
            step = ParseExpression();
        }

        ExpectOperator("]");
        return new SliceExpr(Loc(open), node, start, stop, step);
    }

    private CallArgs ParseCallArgs()
    {
        ExpectOperator("(");
        var args = new CallArgs();
        var first = true;
        while (!SkipOperator(")"))
        {
            if (!first)
            {
                ExpectOperator(",");
                if (SkipOperator(")"))
                {
                    break;
                }
            }

            first = false;
            var token = Current;
            if (SkipOperator("**"))
            {
                args.StarStar = ParseExpression();
            }
            else if (SkipOperator("*"))
            {
                args.Star = ParseExpression();
            }
            else if (token.Kind == TokenKind.Name && Peek().IsOperator("="))
            {
                _pos += 2;
                args.Keyword.Add((token.Value, ParseExpression()));
            }
            else
            {
                if (args.Keyword.Count > 0 || args.Star is not null || args.StarStar is not null)
                {
                    throw Error("positional argument follows keyword argument.", token);
                }

                args.Positional.Add(ParseExpression());
            }
        }

        return args;
    }

    private string ParseDottedName()
    {
        var name = ExpectName();
        while (Current.IsOperator(".") && Peek().Kind == TokenKind.Name)
        {
            _pos++;
            name += "." + Next().Value;
        }

        return name;
    }

    private FilterExpr ParseFilter(Expr? target)
    {
        var token = Current;
        var name = ParseDottedName();
        var args = Current.IsOperator("(") ? ParseCallArgs() : CallArgs.None;
        return new FilterExpr(Loc(token), target, name, args);
    }

    private Expr ParseFilterExpr(Expr node)
    {
        while (true)
        {
            if (SkipOperator("|"))
            {
                node = ParseFilter(node);
            }
            else if (Current.IsName("is"))
            {
                var token = Next();
                var negated = SkipName("not");
                var name = ParseDottedName();
                CallArgs args;
                if (Current.IsOperator("("))
                {
                    args = ParseCallArgs();
                }
                else if ((Current.Kind is TokenKind.Name or TokenKind.String or TokenKind.Integer or TokenKind.Float
                          || Current.IsOperator("[") || Current.IsOperator("{"))
                         && !Current.IsName("else") && !Current.IsName("or") && !Current.IsName("and") && !Current.IsName("if"))
                {
                    if (Current.IsName("is"))
                    {
                        throw Error("You cannot chain multiple tests with is.");
                    }

                    args = new CallArgs();
                    args.Positional.Add(ParsePostfix(ParsePrimary()));
                }
                else
                {
                    args = CallArgs.None;
                }

                node = new TestExpr(Loc(token), node, name, args, negated);
            }
            else if (Current.IsOperator("("))
            {
                node = new CallExpr(Loc(Current), node, ParseCallArgs());
            }
            else
            {
                return node;
            }
        }
    }
}
