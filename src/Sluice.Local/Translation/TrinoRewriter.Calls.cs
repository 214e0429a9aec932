using System.Text;
using Sluice.Sql.Lexing;

namespace Sluice.Local.Translation;

internal sealed partial class TrinoRewriter
{
    /// <summary>
    /// Rewrites the call <c>name(...)</c> at <paramref name="i"/>, or returns null to copy it as written (its
    /// arguments are still translated). <paramref name="consumed"/> is the number of sibling nodes used.
    /// </summary>
    private string? RewriteCall(List<SqlNode> nodes, int i, int to, out int consumed)
    {
        consumed = 2;
        var name = nodes[i].Token.Value.ToLowerInvariant();
        var group = nodes[i + 1];
        if (nodes[i].Token.Kind != SqlTokenKind.Word)
        {
            return null;
        }

        switch (name)
        {
            case "cast":
            case "try_cast":
                return Cast(name, group);
            case "extract":
                return Extract(group);
            case "unnest":
                return Unnest(nodes, i, to, out consumed);
            case "listagg":
                return ListAgg(nodes, i, to, out consumed);
        }

        var argNodes = Arguments(group);
        var args = argNodes.Select(a => Sequence(a).Trim()).ToList();
        var n = args.Count;
        string A(int k) => args[k];
        var untyped = argNodes.Any(a => HasAggregate(a, 0, a.Count));
        switch (name)
        {
            // Typed macro overloads cannot take aggregate arguments (see HasAggregate): use the C# forms or the built-in.
            case "date_trunc" when untyped && n == 2:
                return $"trino_date_trunc_fn({A(0)}, {A(1)})";
            case "date_add" when untyped && n == 3:
                return $"trino_date_add_fn({A(0)}, {A(1)}, {A(2)})";
            case "length" when untyped && n == 1:
                return $"CAST(system.main.length({A(0)}) AS BIGINT)";
            case "ceil" or "ceiling" or "floor" or "sign" or "reverse" when untyped && n == 1:
                return $"system.main.{(name == "ceiling" ? "ceil" : name)}({A(0)})";
            case "sequence" when untyped:
                return $"generate_series({string.Join(", ", args)})";
            case "mod" when untyped && n == 2:
                return $"trino_mod_u({A(0)}, {A(1)})";
            case "concat" when n < 2:
                throw new Sluice.Engines.EngineException("INVALID_FUNCTION_ARGUMENT", "There must be two or more concatenation arguments");
            case "format" when n >= 1:
                // Trino's format is Java's String.format; DuckDB's printf is the closest (DuckDB's own format is fmt-style).
                return $"printf({string.Join(", ", args)})";
            case "concat" when n >= 2:
                // Trino's concat propagates NULL, like ||; DuckDB's concat skips NULLs.
                return "(" + string.Join(" || ", args) + ")";
            case "greatest" or "least" when n >= 2:
                // Trino returns NULL when any argument is NULL; DuckDB ignores NULLs.
                return $"(CASE WHEN {string.Join(" OR ", args.Select(a => $"({a}) IS NULL"))} THEN NULL ELSE {name}({string.Join(", ", args)}) END)";
            case "if" when n == 2:
                return $"(CASE WHEN {A(0)} THEN {A(1)} END)";
            case "if" when n == 3:
                return $"(CASE WHEN {A(0)} THEN {A(1)} ELSE {A(2)} END)";
            case "typeof" when n == 1 && argNodes[0] is [{ IsGroup: false, Token.Kind: SqlTokenKind.String } literal]:
                // A string literal is varchar(n) in Trino, n its length in characters.
                return "'varchar(" + literal.Token.Value.EnumerateRunes().Count().ToString(System.Globalization.CultureInfo.InvariantCulture) + ")'";
            case "typeof" when n == 1:
                return $"trino_type_name(typeof({A(0)}))";
            case "cardinality" when n == 1:
                return $"trino_cardinality({A(0)})";
            case "regexp_replace" when n == 2:
                return $"regexp_replace({A(0)}, {A(1)}, '', 'g')";
            case "regexp_replace" when n == 3:
                if (A(2).StartsWith("lambda ", StringComparison.Ordinal))
                {
                    return RegexpReplaceWithFunction(argNodes, A(0), A(1)) ?? throw NotSupported("regexp_replace", "the lambda form needs a literal pattern");
                }

                return $"regexp_replace({A(0)}, {A(1)}, {Replacement(Arguments(group)[2], A(2))}, 'g')";
            case "format_datetime" when n == 2:
                return $"strftime({A(0)}, {Pattern(Arguments(group)[1], DateTimePatterns.FromJoda, "format_datetime")})";
            case "parse_datetime" when n == 2:
                return $"CAST(strptime({A(0)}, {Pattern(Arguments(group)[1], DateTimePatterns.FromJoda, "parse_datetime")}) AS TIMESTAMPTZ)";
            case "date_format" when n == 2:
                return $"strftime({A(0)}, {Pattern(Arguments(group)[1], DateTimePatterns.FromMySql, "date_format")})";
            case "date_parse" when n == 2:
                return $"strptime({A(0)}, {Pattern(Arguments(group)[1], DateTimePatterns.FromMySql, "date_parse")})";
            case "transform" when n == 2:
                return $"list_transform({A(0)}, {A(1)})";
            case "filter" when n == 2:
                return $"list_filter({A(0)}, {A(1)})";
            case "reduce" when n == 4:
                {
                    var output = A(3);
                    var reduced = $"list_reduce({A(0)}, {A(2)}, {A(1)})";
                    return IsIdentityLambda(output) ? reduced : $"list_transform([{reduced}], {output})[1]";
                }

            case "any_match" when n == 2:
                return $"coalesce(list_bool_or(list_transform({A(0)}, {A(1)})), false)";
            case "all_match" when n == 2:
                return $"coalesce(list_bool_and(list_transform({A(0)}, {A(1)})), true)";
            case "none_match" when n == 2:
                return $"(NOT coalesce(list_bool_or(list_transform({A(0)}, {A(1)})), false))";
            case "zip_with" when n == 3:
                return TwoParameterLambda(group, 2, out var zx, out var zy, out var zbody)
                    ? WithSubstitutions([(zx, $"({A(0)})[__i]"), (zy, $"({A(1)})[__i]")], () =>
                        $"list_transform(generate_series(1, greatest(len({A(0)}), len({A(1)}))), lambda __i: {Sequence(zbody).Trim()})")
                    : null;
            case "map_filter" when n == 2:
                return MapLambda(group, (k, v, body) =>
                    WithSubstitutions([(k, "__e.key"), (v, "__e.value")], () =>
                        $"map_from_entries(list_filter(map_entries({A(0)}), lambda __e: {Sequence(body).Trim()}))"));
            case "transform_values" when n == 2:
                return MapLambda(group, (k, v, body) =>
                    WithSubstitutions([(k, "__e.key"), (v, "__e.value")], () =>
                        $"map_from_entries(list_transform(map_entries({A(0)}), lambda __e: {{'key': __e.key, 'value': {Sequence(body).Trim()}}}))"));
            case "transform_keys" when n == 2:
                return MapLambda(group, (k, v, body) =>
                    WithSubstitutions([(k, "__e.key"), (v, "__e.value")], () =>
                        $"map_from_entries(list_transform(map_entries({A(0)}), lambda __e: {{'key': {Sequence(body).Trim()}, 'value': __e.value}}))"));
            case "array_sort" when n == 2:
                // Trino's comparator form: each element's rank is the number of elements the comparator puts before it
                // (ties keep the original order), then the elements are ordered by rank. Quadratic; meant for small arrays.
                return TwoParameterLambda(group, 1, out var left, out var right, out var comparator)
                    ? WithSubstitutions([(left, $"({A(0)})[__j]"), (right, $"({A(0)})[__i]")], () =>
                        $"list_transform(list_sort(list_transform(generate_series(1, len({A(0)})), lambda __i: " +
                        $"{{'k': len(list_filter(generate_series(1, len({A(0)})), lambda __j: CASE WHEN __j < __i THEN ({Sequence(comparator).Trim()}) <= 0 " +
                        $"ELSE ({Sequence(comparator).Trim()}) < 0 END)), 'v': ({A(0)})[__i]}})), lambda __e: __e.v)")
                    : throw NotSupported("array_sort", "the comparator must be a two-argument lambda");
            case "json_extract" or "json_extract_scalar" or "json_size" when n == 2 && JsonPath(argNodes[1]) is { } path:
                return $"{name}({A(0)}, {path})";
            case "element_at" when n == 2:
                return $"({A(0)})[{A(1)}]";
            case "at_timezone" or "with_timezone":
                throw NotSupported(name, "time zone values other than UTC are not kept by the local engine");
            default:
                return null;
        }
    }

    /// <summary>
    /// Trino's <c>regexp_replace(s, pattern, x -> ...)</c>: the function gets each match's capturing groups as an array
    /// (<c>x[1]</c> is group 1) and its result replaces the match. Written as the text between matches
    /// (<c>regexp_split_to_array</c>) interleaved with the function applied to the groups of each match
    /// (<c>regexp_extract_all</c> per group, aligned by match). The pattern must be a literal, to count its groups.
    /// </summary>
    private string? RegexpReplaceWithFunction(List<List<SqlNode>> argNodes, string text, string pattern)
    {
        var lambda = argNodes[2];
        if (argNodes[1] is not [{ IsGroup: false, Token.Kind: SqlTokenKind.String } literal] || lambda.Count < 3 || !lambda[1].IsSymbol("->") ||
            LambdaParameters(lambda[0]) is not [var parameter])
        {
            return null;
        }

        var groups = CountGroups(literal.Token.Value);
        var groupValues = string.Join(", ", Enumerable.Range(1, groups).Select(g =>
            $"regexp_extract_all({text}, {pattern}, {g.ToString(System.Globalization.CultureInfo.InvariantCulture)})[__i]"));
        var body = WithSubstitutions([(parameter, $"[{groupValues}]")], () => Sequence(lambda, 2, lambda.Count).Trim());
        return $"array_to_string(list_transform(generate_series(1, len(regexp_split_to_array({text}, {pattern}))), lambda __i: " +
               $"regexp_split_to_array({text}, {pattern})[__i] || CASE WHEN __i < len(regexp_split_to_array({text}, {pattern})) " +
               $"THEN coalesce({body}, '') ELSE '' END), '')";
    }

    /// <summary>Capturing groups in a regular expression: '(' not escaped and not followed by '?'.</summary>
    private static int CountGroups(string pattern)
    {
        var count = 0;
        var inClass = false;
        for (var k = 0; k < pattern.Length; k++)
        {
            var c = pattern[k];
            if (c == '\\')
            {
                k++;
                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '(' && !inClass && (k + 1 >= pattern.Length || pattern[k + 1] != '?'))
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsIdentityLambda(string lambda)
    {
        // "lambda s: s"
        var m = System.Text.RegularExpressions.Regex.Match(lambda, @"^lambda (\w+):\s*(\w+)$", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return m.Success && string.Equals(m.Groups[1].Value, m.Groups[2].Value, StringComparison.OrdinalIgnoreCase);
    }

    private string WithSubstitutions(IEnumerable<(string Name, string Value)> substitutions, Func<string> body)
    {
        var saved = new List<(string, string?)>();
        foreach (var (name, value) in substitutions)
        {
            saved.Add((name, _substitutions.GetValueOrDefault(name)));
            _substitutions[name] = value;
        }

        try
        {
            return body();
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                if (value is null)
                {
                    _substitutions.Remove(name);
                }
                else
                {
                    _substitutions[name] = value;
                }
            }
        }
    }

    private static bool TwoParameterLambda(SqlNode group, int index, out string first, out string second, out List<SqlNode> body)
    {
        first = second = string.Empty;
        body = [];
        var args = Arguments(group);
        if (args.Count <= index || args[index].Count < 3 || !args[index][1].IsSymbol("->") || LambdaParameters(args[index][0]) is not { Count: 2 } names)
        {
            return false;
        }

        first = names[0];
        second = names[1];
        body = args[index].Skip(2).ToList();
        return true;
    }

    private static string? MapLambda(SqlNode group, Func<string, string, List<SqlNode>, string> build) =>
        TwoParameterLambda(group, 1, out var k, out var v, out var body) ? build(k, v, body) : null;

    private string Cast(string name, SqlNode group)
    {
        var children = group.Children!;
        var asIndex = children.FindLastIndex(c => c.IsWord("AS"));
        if (asIndex < 0)
        {
            return name.ToUpperInvariant() + Group(group);
        }

        var value = Sequence(children, 0, asIndex).Trim();
        var typeText = string.Concat(children.Skip(asIndex + 1).Select(c => c.Source()));
        var type = DuckDbType(typeText);
        var upper = type.ToUpperInvariant();
        if (upper == "JSON")
        {
            // Trino's CAST(x AS JSON) serialises the value (a varchar becomes a JSON string); DuckDB would parse it.
            return $"to_json({value})";
        }

        if (upper == "VARCHAR" && VarcharLength(typeText) is { } length)
        {
            // Trino's CAST to varchar(n) truncates to n characters.
            return $"left({(HasAggregate(children, 0, asIndex) ? "trino_varchar_any" : "trino_varchar")}({value}), {length})";
        }

        if (upper == "VARCHAR" && IsJsonExpression(children, asIndex))
        {
            return name == "try_cast" ? $"TRY(trino_json_varchar({value}))" : $"trino_json_varchar({value})";
        }

        if (upper == "VARCHAR")
        {
            // Trino's text forms: doubles in Java notation, timestamps with milliseconds, varbinary decoded as UTF-8.
            return HasAggregate(children, 0, asIndex) ? $"trino_varchar_any({value})" : $"trino_varchar({value})";
        }

        if (upper is "INTEGER" or "BIGINT" or "SMALLINT" or "TINYINT")
        {
            // Trino rounds a real number half away from zero when casting it to an integer; DuckDB rounds half to even.
            return HasAggregate(children, 0, asIndex)
                ? $"{name.ToUpperInvariant()}({value} AS {upper})"
                : $"{name.ToUpperInvariant()}({(name == "try_cast" ? "trino_try_integral" : "trino_integral")}({value}) AS {upper})";
        }

        return $"{name.ToUpperInvariant()}({value} AS {type})";
    }

    /// <summary>True when the value is visibly JSON: a JSON literal or a call of a function that returns JSON.</summary>
    private static bool IsJsonExpression(List<SqlNode> children, int end) =>
        end == 2 && !children[0].IsGroup && children[0].Token.Kind == SqlTokenKind.Word &&
        ((children[1].IsParen && children[0].Token.Value.ToLowerInvariant() is "json_extract" or "json_parse" or "json_array_get") ||
         (children[0].IsWord("JSON") && !children[1].IsGroup && children[1].Token.Kind == SqlTokenKind.String));

    private static int? VarcharLength(string typeText)
    {
        try
        {
            return Sluice.Sql.Types.SqlType.ParseTrino(typeText.Trim()) is Sluice.Sql.Types.VarcharType { Length: { } n } ? n : null;
        }
        catch (Sluice.Sql.SqlException)
        {
            return null;
        }
    }

    private string Extract(SqlNode group)
    {
        var children = group.Children!;
        if (children.Count < 3 || children[0].IsGroup || !children[1].IsWord("FROM"))
        {
            return "EXTRACT" + Group(group);
        }

        var field = children[0].Token.Value.ToUpperInvariant();
        var value = Sequence(children, 2, children.Count).Trim();
        return field switch
        {
            // Trino's day of week is ISO (Monday = 1); DuckDB's dow is 0 = Sunday.
            "DOW" or "DAY_OF_WEEK" => $"isodow({value})",
            "DOY" or "DAY_OF_YEAR" => $"dayofyear({value})",
            "YOW" or "YEAR_OF_WEEK" => $"isoyear({value})",
            "WEEK" => $"week({value})",
            "DAY_OF_MONTH" => $"day({value})",
            _ => $"extract({field} FROM {value})",
        };
    }

    private string ListAgg(List<SqlNode> nodes, int i, int to, out int consumed)
    {
        consumed = 2;
        var args = Arguments(nodes[i + 1]).Select(a => Sequence(a).Trim()).ToList();
        var separator = args.Count > 1 ? args[1] : "''";
        var order = string.Empty;
        if (i + 4 < to && nodes[i + 2].IsWord("WITHIN") && nodes[i + 3].IsWord("GROUP") && nodes[i + 4].IsParen)
        {
            order = " " + Sequence(nodes[i + 4].Children!).Trim();
            consumed = 5;
        }

        return $"string_agg({args[0]}, {separator}{order})";
    }

    /// <summary>
    /// <c>UNNEST(a, b, ...) [WITH ORDINALITY] [AS] t(c1, ...)</c> as a lateral subquery: arrays give one column each,
    /// a map gives key and value columns, a single array of rows gives one column per field; shorter arrays are padded
    /// with NULL, as Trino does.
    /// </summary>
    private string Unnest(List<SqlNode> nodes, int i, int to, out int consumed)
    {
        var argNodes = Arguments(nodes[i + 1]);
        var args = argNodes.Select(a => Sequence(a).Trim()).ToList();
        var j = i + 2;
        var ordinality = false;
        if (j + 1 < to && nodes[j].IsWord("WITH") && nodes[j + 1].IsWord("ORDINALITY"))
        {
            ordinality = true;
            j += 2;
        }

        var aliasText = string.Empty;
        var columns = new List<string>();
        var k = j;
        if (k < to && nodes[k].IsWord("AS"))
        {
            k++;
        }

        if (k < to && !nodes[k].IsGroup && nodes[k].Token.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier &&
            (nodes[k].Token.Kind == SqlTokenKind.QuotedIdentifier || !Sluice.Sql.SqlReservedWords.IsReservedInDml(nodes[k].Token.Value)) &&
            !nodes[k].IsWord("ON") && !nodes[k].IsWord("WHERE"))
        {
            aliasText = nodes[k].Token.Kind == SqlTokenKind.Word ? nodes[k].Token.Text.ToLowerInvariant() : nodes[k].Token.Text;
            k++;
            if (k < to && nodes[k].IsParen)
            {
                columns = AliasColumns(nodes[k]) ?? Arguments(nodes[k]).Select(c => string.Concat(c.Select(x => x.Source())).Trim()).ToList();
                k++;
            }

            j = k;
        }

        consumed = j - i;
        var valueColumns = columns.Count - (ordinality ? 1 : 0);
        var selects = new List<string>();
        var lengths = new List<string>();
        if (args.Count == 1 && valueColumns == 2 && !args[0].StartsWith("ARRAY", StringComparison.OrdinalIgnoreCase))
        {
            // One argument, two columns: a map (key, value).
            selects.Add($"unnest(map_keys({args[0]}))");
            selects.Add($"unnest(map_values({args[0]}))");
            lengths.Add($"len(map_keys({args[0]}))");
        }
        else if (args.Count == 1 && valueColumns > 1)
        {
            // An array of rows: one column per field.
            selects.Add($"unnest({args[0]}, recursive := true)");
            lengths.Add($"len({args[0]})");
        }
        else
        {
            foreach (var a in args)
            {
                selects.Add($"unnest({a})");
                lengths.Add($"len({a})");
            }
        }

        if (ordinality)
        {
            var longest = lengths.Count == 1 ? lengths[0] : $"greatest({string.Join(", ", lengths)})";
            selects.Add($"unnest(generate_series(1, {longest}))");
        }

        var builder = new StringBuilder("(SELECT ");
        builder.Append(string.Join(", ", selects)).Append(')');
        builder.Append(" AS ").Append(aliasText.Length > 0 ? aliasText : "\"unnest\"");
        if (columns.Count > 0)
        {
            builder.Append('(').Append(string.Join(", ", columns)).Append(')');
        }

        return builder.ToString();
    }

    /// <summary>Java replacement syntax (<c>$1</c>, <c>\$</c>) to RE2's (<c>\1</c>, <c>$</c>).</summary>
    private static string Replacement(List<SqlNode> argument, string translated)
    {
        if (argument.Count == 1 && !argument[0].IsGroup && argument[0].Token.Kind == SqlTokenKind.String)
        {
            var value = argument[0].Token.Value;
            var builder = new StringBuilder();
            for (var k = 0; k < value.Length; k++)
            {
                var c = value[k];
                if (c == '\\' && k + 1 < value.Length)
                {
                    var next = value[++k];
                    builder.Append(next == '\\' ? "\\\\" : next.ToString());
                }
                else if (c == '$' && k + 1 < value.Length && char.IsAsciiDigit(value[k + 1]))
                {
                    builder.Append('\\').Append(value[++k]);
                }
                else
                {
                    builder.Append(c);
                }
            }

            return Sluice.Sql.SqlRender.StringLiteral(builder.ToString());
        }

        return $"regexp_replace({translated}, '\\$(\\d)', '\\\\\\1', 'g')";
    }

    /// <summary>Trino's bracket member syntax <c>$["a b"]</c> as DuckDB's <c>$."a b"</c>; null when not a literal or nothing to change.</summary>
    private static string? JsonPath(List<SqlNode> argument)
    {
        if (argument.Count != 1 || argument[0].IsGroup || argument[0].Token.Kind != SqlTokenKind.String ||
            !argument[0].Token.Value.Contains("[\"", StringComparison.Ordinal))
        {
            return null;
        }

        var converted = System.Text.RegularExpressions.Regex.Replace(argument[0].Token.Value, "\\[\"([^\"]*)\"\\]", ".\"$1\"",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return Sluice.Sql.SqlRender.StringLiteral(converted);
    }

    private static string Pattern(List<SqlNode> argument, Func<string, string> convert, string function)
    {
        if (argument.Count == 1 && !argument[0].IsGroup && argument[0].Token.Kind == SqlTokenKind.String)
        {
            return Sluice.Sql.SqlRender.StringLiteral(convert(argument[0].Token.Value));
        }

        throw NotSupported(function, "the format must be a string literal");
    }
}
