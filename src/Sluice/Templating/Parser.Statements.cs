namespace Sluice.Templating;

internal sealed partial class Parser
{
    private Stmt ParseStatement(Token tag)
    {
        var location = Loc(tag);
        switch (tag.Value)
        {
            case "if":
                return ParseIf(tag);
            case "for":
                return ParseFor(tag);
            case "set":
                return ParseSet(tag);
            case "macro":
                return ParseMacro(tag);
            case "call":
                return ParseCallBlock(tag);
            case "filter":
                return ParseFilterBlock(tag);
            case "with":
                return ParseWith(tag);
            case "break" or "continue":
                if (_loopDepth == 0)
                {
                    throw Error($"'{tag.Value}' can only be used inside a for loop.", tag);
                }

                ExpectBlockEnd();
                return new LoopControlStmt(location, tag.Value == "break" ? Flow.Break : Flow.Continue);
            case "do":
                var expr = ParseTuple(withCondition: true);
                ExpectBlockEnd();
                return new DoStmt(location, expr);
            case "import":
                var template = ParseExpression();
                ExpectKeyword("as");
                var alias = ExpectName();
                var withContext = ParseContextModifier(defaultValue: false);
                ExpectBlockEnd();
                return new ImportStmt(location, template, alias, withContext);
            case "from":
                return ParseFromImport(tag);
            case "include":
                var included = ParseExpression();
                var ignoreMissing = false;
                if (Current.IsName("ignore") && Peek().IsName("missing"))
                {
                    _pos += 2;
                    ignoreMissing = true;
                }

                var includeContext = ParseContextModifier(defaultValue: true);
                ExpectBlockEnd();
                return new IncludeStmt(location, included, ignoreMissing, includeContext);
            default:
                if (_env.MacroTags.TryGetValue(tag.Value, out var naming))
                {
                    return ParseMacroTag(tag, naming);
                }

                throw UnknownTag(tag);
        }
    }

    private TemplateException UnknownTag(Token tag)
    {
        var message = $"Encountered unknown tag '{tag.Value}'.";
        if (_openBlocks.Count > 0)
        {
            var (endTags, opener) = _openBlocks[^1];
            if (_openBlocks.Exists(b => Array.IndexOf(b.EndTags, tag.Value) >= 0))
            {
                message += " You probably made a nesting mistake: this tag is expected, but the parser is looking for "
                    + string.Join(" or ", endTags.Select(t => $"'{t}'")) + ".";
            }

            message += $" The innermost block that needs to be closed is '{opener.Value}' (line {opener.Line}).";
        }
        else if (tag.Value.StartsWith("end", StringComparison.Ordinal))
        {
            message += " There is no open block it could close.";
        }

        return Error(message, tag);
    }

    private bool ParseContextModifier(bool defaultValue)
    {
        if ((Current.IsName("with") || Current.IsName("without")) && Peek().IsName("context"))
        {
            var with = Current.IsName("with");
            _pos += 2;
            return with;
        }

        return defaultValue;
    }

    private Stmt ParseIf(Token tag)
    {
        var branches = new List<(Expr, List<Stmt>)>();
        List<Stmt>? otherwise = null;
        // As in Jinja, the test of if/elif is not parsed as an inline if-expression.
        var test = ParseTuple(withCondition: false);
        ExpectBlockEnd();
        while (true)
        {
            var body = ParseBody(["elif", "else", "endif"], tag);
            branches.Add((test, body));
            var end = EndTag();
            if (end == "elif")
            {
                test = ParseTuple(withCondition: false);
                ExpectBlockEnd();
                continue;
            }

            ExpectBlockEnd();
            if (end == "else")
            {
                otherwise = ParseBody(["endif"], tag);
                EndTag();
                ExpectBlockEnd();
            }

            return new IfStmt(Loc(tag), branches, otherwise);
        }
    }

    private Stmt ParseFor(Token tag)
    {
        var target = ParseAssignTarget(allowNamespace: false);
        ExpectKeyword("in");
        var iterable = ParseTuple(withCondition: false);
        Expr? condition = null;
        if (SkipName("if"))
        {
            condition = ParseExpression();
        }

        if (Current.IsName("recursive"))
        {
            throw Error("Recursive for loops are not supported by Sluice's template engine; use a macro that calls itself.");
        }

        ExpectBlockEnd();
        _loopDepth++;
        List<Stmt> body;
        try
        {
            body = ParseBody(["endfor", "else"], tag);
        }
        finally
        {
            _loopDepth--;
        }

        List<Stmt>? otherwise = null;
        if (EndTag() == "else")
        {
            ExpectBlockEnd();
            otherwise = ParseBody(["endfor"], tag);
            EndTag();
        }

        ExpectBlockEnd();
        return new ForStmt(Loc(tag), target, iterable, condition, body, otherwise);
    }

    private AssignTarget ParseAssignTarget(bool allowNamespace)
    {
        if (allowNamespace && Current.Kind == TokenKind.Name && Peek().IsOperator("."))
        {
            var ns = Next().Value;
            _pos++;
            return new AssignTarget { Name = ns, NamespaceAttribute = ExpectName("attribute name") };
        }

        var items = new List<AssignTarget>();
        var parenthesized = SkipOperator("(");
        var isTuple = parenthesized;
        while (true)
        {
            if (Current.IsOperator("("))
            {
                items.Add(ParseAssignTarget(allowNamespace: false));
            }
            else
            {
                var name = ExpectName("a variable name to assign to");
                if (name is "true" or "false" or "none" or "True" or "False" or "None")
                {
                    throw Error($"Cannot assign to '{name}'.", _tokens[_pos - 1]);
                }

                items.Add(new AssignTarget { Name = name });
            }

            if (!SkipOperator(","))
            {
                break;
            }

            isTuple = true;
            if (parenthesized && Current.IsOperator(")"))
            {
                break;
            }
        }

        if (parenthesized)
        {
            ExpectOperator(")");
        }

        return isTuple ? new AssignTarget { Items = items } : items[0];
    }

    private Stmt ParseSet(Token tag)
    {
        var target = ParseAssignTarget(allowNamespace: true);
        if (SkipOperator("="))
        {
            var value = ParseTuple(withCondition: true);
            ExpectBlockEnd();
            return new SetStmt(Loc(tag), target, value);
        }

        var filters = new List<FilterExpr>();
        while (SkipOperator("|"))
        {
            filters.Add(ParseFilter(null));
        }

        ExpectBlockEnd();
        var body = ParseBody(["endset"], tag);
        EndTag();
        ExpectBlockEnd();
        return new SetBlockStmt(Loc(tag), target, body, filters);
    }

    private List<(string, Expr?)> ParseParameters()
    {
        var parameters = new List<(string, Expr?)>();
        ExpectOperator("(");
        while (!Current.IsOperator(")"))
        {
            if (parameters.Count > 0)
            {
                ExpectOperator(",");
                if (Current.IsOperator(")"))
                {
                    break;
                }
            }

            var nameToken = Current;
            var name = ExpectName("parameter name");
            Expr? defaultValue = null;
            if (SkipOperator("="))
            {
                defaultValue = ParseExpression();
            }
            else if (parameters.Count > 0 && parameters[^1].Item2 is not null)
            {
                throw Error($"non-default parameter '{name}' follows a default parameter.", nameToken);
            }

            parameters.Add((name, defaultValue));
        }

        _pos++;
        return parameters;
    }

    private MacroDefinition ParseMacroBody(string name, List<(string, Expr?)> parameters, Token tag, string endTag)
    {
        var usage = new HashSet<string>(StringComparer.Ordinal);
        _macroUsage.Add(usage);
        List<Stmt> body;
        try
        {
            body = ParseDetachedBody([endTag], tag);
        }
        finally
        {
            _macroUsage.RemoveAt(_macroUsage.Count - 1);
        }

        EndTag();
        ExpectBlockEnd();
        return new MacroDefinition
        {
            Name = name,
            Parameters = parameters,
            Body = body,
            Location = Loc(tag),
            UsesVarargs = usage.Contains("varargs"),
            UsesKwargs = usage.Contains("kwargs"),
            UsesCaller = usage.Contains("caller"),
        };
    }

    private Stmt ParseMacro(Token tag)
    {
        var name = ExpectName("macro name");
        var parameters = ParseParameters();
        ExpectBlockEnd();
        return new MacroStmt(Loc(tag), ParseMacroBody(name, parameters, tag, "endmacro"));
    }

    private Stmt ParseMacroTag(Token tag, MacroTagNaming naming)
    {
        var name = ExpectName($"a name after '{tag.Value}'");
        var parameters = Current.IsOperator("(") ? ParseParameters() : [];
        var options = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        var scratch = new Frame(_env, null);
        while (SkipOperator(","))
        {
            var optionToken = Current;
            var key = ExpectName("option name");
            if (!SkipOperator("="))
            {
                // A bare name is a flag, as in dbt's {% materialization view, default %}.
                options[key] = true;
                continue;
            }

            var value = ParseExpression();
            try
            {
                options[key] = value.Eval(scratch);
            }
            catch (TemplateException e)
            {
                throw Error($"Option '{key}' of '{tag.Value}' must be a literal: {e.Reason}", optionToken);
            }
        }

        ExpectBlockEnd();
        return new MacroStmt(Loc(tag), ParseMacroBody(naming(name, options), parameters, tag, "end" + tag.Value));
    }

    private Stmt ParseCallBlock(Token tag)
    {
        var parameters = Current.IsOperator("(") ? ParseParameters() : [];
        var callToken = Current;
        var call = ParseExpression() as CallExpr ?? throw Error("expected a call expression after 'call', like {% call my_macro() %}.", callToken);
        ExpectBlockEnd();
        return new CallBlockStmt(Loc(tag), call, ParseMacroBody("caller", parameters, tag, "endcall"));
    }

    private Stmt ParseFilterBlock(Token tag)
    {
        var filters = new List<FilterExpr> { ParseFilter(null) };
        while (SkipOperator("|"))
        {
            filters.Add(ParseFilter(null));
        }

        ExpectBlockEnd();
        var body = ParseBody(["endfilter"], tag);
        EndTag();
        ExpectBlockEnd();
        return new FilterBlockStmt(Loc(tag), filters, body);
    }

    private Stmt ParseWith(Token tag)
    {
        var assignments = new List<(AssignTarget, Expr)>();
        while (Current.Kind != TokenKind.BlockEnd)
        {
            if (assignments.Count > 0)
            {
                ExpectOperator(",");
            }

            var target = ParseAssignTarget(allowNamespace: false);
            ExpectOperator("=");
            assignments.Add((target, ParseExpression()));
        }

        ExpectBlockEnd();
        var body = ParseBody(["endwith"], tag);
        EndTag();
        ExpectBlockEnd();
        return new WithStmt(Loc(tag), assignments, body);
    }

    private Stmt ParseFromImport(Token tag)
    {
        var template = ParseExpression();
        ExpectKeyword("import");
        var names = new List<(string, string)>();
        var withContext = false;
        while (true)
        {
            if (names.Count > 0 && !SkipOperator(","))
            {
                break;
            }

            if ((Current.IsName("with") || Current.IsName("without")) && Peek().IsName("context"))
            {
                break;
            }

            if (Current.Kind != TokenKind.Name)
            {
                if (names.Count > 0)
                {
                    break;
                }

                throw Error($"expected a name to import, got {Current.Describe()}.");
            }

            var name = Next().Value;
            var alias = SkipName("as") ? ExpectName() : name;
            names.Add((name, alias));
        }

        withContext = ParseContextModifier(withContext);
        ExpectBlockEnd();
        return new FromImportStmt(Loc(tag), template, names, withContext);
    }
}
