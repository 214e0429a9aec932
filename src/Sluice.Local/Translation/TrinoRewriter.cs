using System.Globalization;
using System.Text;
using Sluice.Engines;
using Sluice.Local.Hive;
using Sluice.Sql;
using Sluice.Sql.Lexing;
using Sluice.Sql.Types;

namespace Sluice.Local.Translation;

/// <summary>
/// The lexical pre-pass and call rewriter: reads Athena SQL as a token tree and writes DuckDB SQL with Trino's
/// semantics. It rewrites only what it recognises (operators, literals, types, calls that need argument surgery,
/// lambdas, UNNEST, TABLESAMPLE); everything else is copied as written, comments included. Function-level semantics
/// that need no surgery live in the <c>trino</c> macro schema (<see cref="TrinoMacros"/>).
/// </summary>
internal sealed partial class TrinoRewriter
{
    // Reserved words that can appear inside an expression as an operand or the head of one.
    private static readonly HashSet<string> OperandKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "TRUE", "FALSE", "NULL", "CAST", "EXTRACT", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME",
        "LOCALTIMESTAMP", "NORMALIZE",
    };

    // Words that turn a following string literal into a typed literal (Trino: DATE '2020-01-01', DECIMAL '1.5', ...).
    private static readonly HashSet<string> TypedLiteralWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "DATE", "TIME", "TIMESTAMP", "DECIMAL", "REAL", "DOUBLE", "BIGINT", "INTEGER", "INT", "SMALLINT", "TINYINT",
        "VARCHAR", "CHAR", "JSON", "BOOLEAN", "VARBINARY", "UUID",
    };

    // Lambda parameters replaced by expressions while a rewritten lambda body is written (zip_with, map_filter, ...).
    private readonly Dictionary<string, string> _substitutions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rewrites one statement (query or DML text).</summary>
    public static string Rewrite(string athenaSql)
    {
        var lexer = SqlLexer.Tokenize(athenaSql, SqlLexerMode.Trino, strict: false);
        var tokens = lexer.Tokens;
        var nodes = SqlNode.Build(athenaSql, tokens);
        var rewriter = new TrinoRewriter();
        var body = rewriter.Sequence(nodes);
        var lastEnd = tokens.Count > 1 ? tokens[^2].End : 0;
        return body + athenaSql[lastEnd..];
    }

    /// <summary>A sequence of sibling nodes, each with its lead.</summary>
    private string Sequence(List<SqlNode> nodes) => Sequence(nodes, 0, nodes.Count);

    private string Sequence(List<SqlNode> nodes, int from, int to)
    {
        var builder = new StringBuilder();
        var i = from;

        // A lambda is a whole argument: `x -> body` or `(a, b) -> body` (Trino); DuckDB 1.5 spells it `lambda a, b: body`.
        if (to - from >= 3 && nodes[from + 1].IsSymbol("->") && LambdaParameters(nodes[from]) is { } parameters)
        {
            builder.Append(nodes[from].Lead).Append("lambda ").Append(string.Join(", ", parameters)).Append(':');
            var saved = parameters.Select(p => (p, _substitutions.GetValueOrDefault(p))).ToList();
            foreach (var p in parameters)
            {
                // A lambda parameter shadows an outer substitution of the same name.
                _substitutions.Remove(p);
            }

            builder.Append(Sequence(nodes, from + 2, to));
            foreach (var (p, value) in saved)
            {
                if (value is not null)
                {
                    _substitutions[p] = value;
                }
            }

            return builder.ToString();
        }

        while (i < to)
        {
            // x AT TIME ZONE z: Trino converts the instant (a naive timestamp is read in the session zone, UTC) to zone z.
            // DuckDB would read a naive timestamp as wall-clock time in z. Convert via UTC; the result is z's wall-clock time.
            if (CanStartTerm(nodes, i, from) && ParseTerm(nodes, i, to) is var atEnd && atEnd > i && atEnd + 3 < to &&
                nodes[atEnd].IsWord("AT") && nodes[atEnd + 1].IsWord("TIME") && nodes[atEnd + 2].IsWord("ZONE") &&
                ParseTerm(nodes, atEnd + 3, to) is var zoneEnd && zoneEnd > atEnd + 3)
            {
                var value = Sequence(nodes, i, atEnd).Trim();
                var zone = Sequence(nodes, atEnd + 3, zoneEnd).Trim();
                builder.Append(nodes[i].Lead).Append("timezone(").Append(zone).Append(", CAST(").Append(value).Append(" AS TIMESTAMPTZ))");
                i = zoneEnd;
                continue;
            }

            // date ± INTERVAL: Trino keeps DATE (DuckDB widens to TIMESTAMP).
            if (CanStartTerm(nodes, i, from) && (i == from || !IsArithmetic(nodes[i - 1])) && ParseTerm(nodes, i, to) is var left && left > i &&
                left + 1 < to && (nodes[left].IsSymbol("+") || nodes[left].IsSymbol("-")) && nodes[left + 1].IsWord("INTERVAL"))
            {
                var acc = Sequence(nodes, i, left).Trim();
                var k = left;
                while (k + 1 < to && (nodes[k].IsSymbol("+") || nodes[k].IsSymbol("-")) && nodes[k + 1].IsWord("INTERVAL"))
                {
                    var stop = ParseTerm(nodes, k + 1, to);
                    if (stop <= k + 1)
                    {
                        break;
                    }

                    var interval = Sequence(nodes, k + 1, stop).Trim();
                    acc = HasAggregate(nodes, i, left)
                        ? $"{acc} {nodes[k].Token.Text} {interval}"
                        : nodes[k].IsSymbol("+") ? $"trino_plus_interval({acc}, {interval})" : $"trino_plus_interval({acc}, -({interval}))";
                    k = stop;
                }

                if (k > left)
                {
                    builder.Append(nodes[i].Lead).Append(acc);
                    i = k;
                    continue;
                }
            }

            // Multiplicative chains: `/` and `%` get Trino's checked, truncating semantics.
            if (CanStartTerm(nodes, i, from) && ParseTerm(nodes, i, to) is var end && end > i && end < to && IsMultiplicative(nodes[end]))
            {
                var chainEnd = end;
                var terms = new List<(string? Op, int Start, int End)> { (null, i, end) };
                while (chainEnd < to && IsMultiplicative(nodes[chainEnd]))
                {
                    var next = ParseTerm(nodes, chainEnd + 1, to);
                    if (next <= chainEnd + 1)
                    {
                        break;
                    }

                    terms.Add((nodes[chainEnd].Token.Value, chainEnd + 1, next));
                    chainEnd = next;
                }

                if (terms.Count > 1 && terms.Any(t => t.Op is "/" or "%"))
                {
                    var acc = Sequence(nodes, terms[0].Start, terms[0].End).Trim();
                    var untyped = HasAggregate(nodes, terms[0].Start, terms[0].End);
                    foreach (var (op, start, stop) in terms.Skip(1))
                    {
                        var operand = Sequence(nodes, start, stop).Trim();
                        untyped |= HasAggregate(nodes, start, stop);
                        acc = op switch
                        {
                            "/" => untyped ? $"trino_divide_u({acc}, {operand})" : $"trino_divide({acc}, {operand})",
                            "%" => untyped ? $"trino_mod_u({acc}, {operand})" : $"mod({acc}, {operand})",
                            _ => $"{acc} * {operand}",
                        };
                    }

                    builder.Append(nodes[i].Lead).Append(acc);
                    i = chainEnd;
                    continue;
                }
            }

            i = Emit(nodes, i, to, builder);
        }

        return builder.ToString();
    }

    // Aggregate and window calls: DuckDB does not know their type when it chooses a typed macro overload.
    private static readonly HashSet<string> AggregateNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "count", "sum", "avg", "min", "max", "count_if", "arbitrary", "any_value", "approx_distinct", "approx_percentile",
        "array_agg", "bool_and", "bool_or", "every", "max_by", "min_by", "stddev", "stddev_samp", "stddev_pop", "variance",
        "var_samp", "var_pop", "corr", "covar_samp", "covar_pop", "listagg", "string_agg", "map_agg", "histogram",
        "geometric_mean", "checksum", "multimap_agg", "lag", "lead", "first_value", "last_value", "nth_value",
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "grouping",
    };

    /// <summary>True when nodes [from, to) contain an aggregate or window call (outside nested subqueries).</summary>
    internal static bool HasAggregate(List<SqlNode> nodes, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            var node = nodes[k];
            if (node.IsGroup)
            {
                if (node.Children!.Count > 0 && node.Children[0].IsWord("SELECT"))
                {
                    continue;
                }

                if (HasAggregate(node.Children, 0, node.Children.Count))
                {
                    return true;
                }

                continue;
            }

            if (node.Token.Kind == SqlTokenKind.Word && k + 1 < to && nodes[k + 1].IsParen && AggregateNames.Contains(node.Token.Value) &&
                (k == 0 || !nodes[k - 1].IsSymbol(".")))
            {
                return true;
            }

            if (node.IsWord("OVER") || node.IsSymbol("?"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsArithmetic(SqlNode node) =>
        IsMultiplicative(node) || node.IsSymbol("+") || node.IsSymbol("-") || node.IsSymbol("||");

    private static bool IsMultiplicative(SqlNode node) => node.IsSymbol("*") || node.IsSymbol("/") || node.IsSymbol("%");

    private static List<string>? LambdaParameters(SqlNode node)
    {
        if (!node.IsGroup && node.Token.Kind == SqlTokenKind.Word && !SqlReservedWords.IsReservedInDml(node.Token.Value))
        {
            return [node.Token.Value];
        }

        if (!node.IsParen || node.Children!.Count == 0)
        {
            return null;
        }

        var names = new List<string>();
        for (var k = 0; k < node.Children.Count; k++)
        {
            var child = node.Children[k];
            if (k % 2 == 1)
            {
                if (!child.IsSymbol(","))
                {
                    return null;
                }

                continue;
            }

            if (child.IsGroup || child.Token.Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier))
            {
                return null;
            }

            names.Add(child.Token.Value);
        }

        return names;
    }

    /// <summary>A unary sign starts a term only where a binary operator cannot stand (after an operator or keyword).</summary>
    private static bool CanStartTerm(List<SqlNode> nodes, int i, int from)
    {
        var node = nodes[i];
        if (!(node.IsSymbol("-") || node.IsSymbol("+")))
        {
            return true;
        }

        if (i == from)
        {
            return true;
        }

        var previous = nodes[i - 1];
        return !IsOperandEnd(previous);
    }

    private static bool IsOperandEnd(SqlNode node)
    {
        if (node.IsGroup)
        {
            return true;
        }

        return node.Token.Kind switch
        {
            SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.Binary or SqlTokenKind.QuotedIdentifier => true,
            SqlTokenKind.Word => !SqlReservedWords.IsReservedInDml(node.Token.Value) || OperandKeywords.Contains(node.Token.Value),
            _ => false,
        };
    }

    /// <summary>The end (exclusive) of the unary/primary/postfix term starting at <paramref name="i"/>, or <paramref name="i"/>.</summary>
    private static int ParseTerm(List<SqlNode> nodes, int i, int to)
    {
        var j = i;
        while (j < to && (nodes[j].IsSymbol("-") || nodes[j].IsSymbol("+")))
        {
            j++;
        }

        if (j >= to)
        {
            return i;
        }

        var node = nodes[j];
        if (node.IsGroup)
        {
            j++;
        }
        else
        {
            switch (node.Token.Kind)
            {
                case SqlTokenKind.Number or SqlTokenKind.String or SqlTokenKind.Binary or SqlTokenKind.QuotedIdentifier:
                    j++;
                    break;
                case SqlTokenKind.Word:
                    var word = node.Token.Value;
                    if (SqlReservedWords.IsReservedInDml(word) && !OperandKeywords.Contains(word))
                    {
                        return i;
                    }

                    j++;
                    if (word.Equals("INTERVAL", StringComparison.OrdinalIgnoreCase) && j < to && !nodes[j].IsGroup && nodes[j].Token.Kind == SqlTokenKind.String)
                    {
                        j++;
                        if (j < to && !nodes[j].IsGroup && nodes[j].Token.Kind == SqlTokenKind.Word)
                        {
                            j++;
                            if (j + 1 < to && nodes[j].IsWord("TO"))
                            {
                                j += 2;
                            }
                        }
                    }
                    else if (TypedLiteralWords.Contains(word) && j < to && !nodes[j].IsGroup && nodes[j].Token.Kind == SqlTokenKind.String)
                    {
                        j++;
                    }
                    else if (j < to && (nodes[j].IsParen || (word.Equals("ARRAY", StringComparison.OrdinalIgnoreCase) && nodes[j].IsBracket)))
                    {
                        j++;
                        // Aggregate and window decorations belong to the call.
                        if (j + 1 < to && (nodes[j].IsWord("IGNORE") || nodes[j].IsWord("RESPECT")) && nodes[j + 1].IsWord("NULLS"))
                        {
                            j += 2;
                        }

                        if (j + 1 < to && nodes[j].IsWord("FILTER") && nodes[j + 1].IsParen)
                        {
                            j += 2;
                        }

                        if (j + 1 < to && nodes[j].IsWord("OVER"))
                        {
                            j += 2;
                        }
                    }

                    break;
                default:
                    return i;
            }
        }

        // Postfix: member access and subscripts.
        while (j < to)
        {
            if (nodes[j].IsSymbol(".") && j + 1 < to && !nodes[j + 1].IsGroup &&
                (nodes[j + 1].Token.Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier || nodes[j + 1].IsSymbol("*")))
            {
                j += 2;
                if (j < to && nodes[j].IsParen && nodes[j - 1].Token.Kind == SqlTokenKind.Word)
                {
                    j++;
                }
            }
            else if (nodes[j].IsBracket)
            {
                j++;
            }
            else
            {
                break;
            }
        }

        return j;
    }

    /// <summary>Writes node <paramref name="i"/> (and any nodes it consumes) and returns the next index.</summary>
    private int Emit(List<SqlNode> nodes, int i, int to, StringBuilder builder)
    {
        var node = nodes[i];
        var previousIsDot = i > 0 && nodes[i - 1].IsSymbol(".");
        if (node.IsGroup)
        {
            builder.Append(Group(node));
            return i + 1;
        }

        var token = node.Token;
        switch (token.Kind)
        {
            case SqlTokenKind.Number:
                // Athena types a literal with a fraction or exponent as DOUBLE (athena.md §9); DuckDB would make 1.5 a DECIMAL.
                builder.Append(node.Lead).Append(
                    token.Text.Contains('.', StringComparison.Ordinal) || token.Text.Contains('e', StringComparison.OrdinalIgnoreCase)
                        ? $"CAST({token.Text} AS DOUBLE)"
                        : token.Text);
                return i + 1;
            case SqlTokenKind.Binary:
                // X'616263' is varbinary; DuckDB would read it as the VARCHAR 'x616263'.
                builder.Append(node.Lead).Append("from_hex('").Append(token.Value).Append("')");
                return i + 1;
            case SqlTokenKind.Word when !previousIsDot && i > 0 && nodes[i - 1].IsWord("AS") && !SqlReservedWords.IsReservedInDml(token.Value) &&
                                        !(i + 1 < to && nodes[i + 1].IsParen && i >= 2 && nodes[i - 2].IsWord("CAST")):
                // Trino folds unquoted identifiers to lower case, so `SELECT 1 AS Total` is labelled `total`; DuckDB keeps the case.
                builder.Append(node.Lead).Append(token.Text.ToLowerInvariant());
                if (i + 1 < to && nodes[i + 1].IsParen && AliasColumns(nodes[i + 1]) is { } aliasColumns)
                {
                    // `AS t(X, Y)`: the column aliases fold too.
                    builder.Append(nodes[i + 1].Lead).Append('(').Append(string.Join(", ", aliasColumns)).Append(')');
                    return i + 2;
                }

                return i + 1;
            case SqlTokenKind.Word when !previousIsDot:
                var word = token.Value;
                if (_substitutions.TryGetValue(word, out var replacement) && !(i + 1 < to && nodes[i + 1].IsParen))
                {
                    builder.Append(node.Lead).Append(replacement);
                    return i + 1;
                }

                if (i + 3 < to && nodes[i + 1].IsParen && (nodes[i + 2].IsWord("IGNORE") || nodes[i + 2].IsWord("RESPECT")) && nodes[i + 3].IsWord("NULLS"))
                {
                    // Trino writes `f(x) IGNORE NULLS OVER (...)`; DuckDB takes the option inside the call: `f(x IGNORE NULLS)`.
                    var inner = Sequence(nodes[i + 1].Children!).TrimEnd();
                    builder.Append(node.Lead).Append(token.Text).Append(nodes[i + 1].Lead).Append('(').Append(inner)
                        .Append(' ').Append(nodes[i + 2].Token.Text.ToUpperInvariant()).Append(" NULLS)");
                    return i + 4;
                }

                if (i + 1 < to && nodes[i + 1].IsParen)
                {
                    var call = RewriteCall(nodes, i, to, out var consumed);
                    if (call is not null)
                    {
                        builder.Append(node.Lead).Append(call);
                        return i + consumed;
                    }

                    builder.Append(node.Lead).Append(token.Text).Append(Group(nodes[i + 1]));
                    return i + 2;
                }

                if (word.Equals("U", StringComparison.OrdinalIgnoreCase) && i + 2 < to && nodes[i + 1].IsSymbol("&") && nodes[i + 1].Lead.Length == 0 &&
                    !nodes[i + 2].IsGroup && nodes[i + 2].Token.Kind == SqlTokenKind.String && nodes[i + 2].Lead.Length == 0)
                {
                    // Trino's Unicode literal U&'\0041' (4-digit) or U&'\+000041' (6-digit) escapes.
                    builder.Append(node.Lead).Append(SqlRender.StringLiteral(UnicodeLiteral(nodes[i + 2].Token.Value)));
                    return i + 3;
                }

                if (word.Equals("INTERVAL", StringComparison.OrdinalIgnoreCase) && i + 4 < to && !nodes[i + 1].IsGroup &&
                    nodes[i + 1].Token.Kind == SqlTokenKind.String && nodes[i + 3].IsWord("TO") &&
                    IntervalRange(nodes[i + 1].Token.Value, nodes[i + 2].Token.Value, nodes[i + 4].Token.Value) is { } range)
                {
                    // Trino's INTERVAL '1 02:03:04' DAY TO SECOND and '1-2' YEAR TO MONTH; DuckDB does not parse range qualifiers.
                    builder.Append(node.Lead).Append("CAST(").Append(SqlRender.StringLiteral(range)).Append(" AS INTERVAL)");
                    return i + 5;
                }

                if (TypedLiteralWords.Contains(word) && i + 1 < to && !nodes[i + 1].IsGroup && nodes[i + 1].Token.Kind == SqlTokenKind.String)
                {
                    builder.Append(node.Lead).Append(TypedLiteral(word, nodes[i + 1].Token));
                    return i + 2;
                }

                if (word.Equals("TABLESAMPLE", StringComparison.OrdinalIgnoreCase) && i + 2 < to && nodes[i + 2].IsParen &&
                    (nodes[i + 1].IsWord("BERNOULLI") || nodes[i + 1].IsWord("SYSTEM")))
                {
                    // Trino's sample size is a percentage; DuckDB reads a bare number as a row count.
                    var size = string.Concat(nodes[i + 2].Children!.Select(c => c.Source())).Trim();
                    builder.Append(node.Lead).Append("TABLESAMPLE ").Append(nodes[i + 1].Token.Value.ToLowerInvariant())
                        .Append('(').Append(size).Append(" PERCENT)");
                    return i + 3;
                }

                if (word.Equals("VALUES", StringComparison.OrdinalIgnoreCase))
                {
                    return Values(nodes, i, to, builder);
                }

                builder.Append(node.Lead).Append(token.Text);
                return i + 1;
            case SqlTokenKind.Symbol when token.Value == "." && i + 1 < to && !nodes[i + 1].IsGroup &&
                                          nodes[i + 1].Token.Kind == SqlTokenKind.Number && nodes[i + 1].Lead.Length == 0 &&
                                          (i == 0 || !IsOperandEnd(nodes[i - 1])):
                // `.5` is lexed as `.` and `5`; it is the DOUBLE 0.5.
                builder.Append(node.Lead).Append("CAST(.").Append(nodes[i + 1].Token.Text).Append(" AS DOUBLE)");
                return i + 2;
            default:
                builder.Append(node.Lead).Append(token.Text);
                return i + 1;
        }
    }

    /// <summary>The names of an alias column list <c>(a, "B", c)</c>, unquoted ones folded to lower case; null if it is not one.</summary>
    internal static List<string>? AliasColumns(SqlNode group)
    {
        var names = new List<string>();
        foreach (var column in Arguments(group))
        {
            if (column.Count != 1 || column[0].IsGroup || column[0].Token.Kind is not (SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier))
            {
                return null;
            }

            names.Add(column[0].Token.Kind == SqlTokenKind.Word ? column[0].Token.Text.ToLowerInvariant() : column[0].Token.Text);
        }

        return names;
    }

    /// <summary>Trino allows single-column rows without parentheses (<c>VALUES 1, 2</c>); DuckDB needs <c>(1), (2)</c>.</summary>
    private int Values(List<SqlNode> nodes, int i, int to, StringBuilder builder)
    {
        builder.Append(nodes[i].Lead).Append(nodes[i].Token.Text);
        var j = i + 1;
        while (j < to)
        {
            var start = j;
            while (j < to && !nodes[j].IsSymbol(",") && !IsClauseKeyword(nodes[j]))
            {
                j++;
            }

            if (j == start)
            {
                break;
            }

            var row = Sequence(nodes, start, j);
            if (j - start == 1 && nodes[start].IsParen)
            {
                builder.Append(row);
            }
            else
            {
                builder.Append(nodes[start].Lead).Append('(').Append(row.Trim()).Append(')');
            }

            if (j < to && nodes[j].IsSymbol(","))
            {
                builder.Append(nodes[j].Lead).Append(',');
                j++;
                continue;
            }

            break;
        }

        return j;
    }

    private static bool IsClauseKeyword(SqlNode node) =>
        !node.IsGroup && node.Token.Kind == SqlTokenKind.Word &&
        (node.IsWord("ORDER") || node.IsWord("LIMIT") || node.IsWord("UNION") || node.IsWord("EXCEPT") || node.IsWord("INTERSECT") ||
         node.IsWord("OFFSET") || node.IsWord("FETCH") || node.IsWord("AS") || node.IsWord("WINDOW"));

    private string Group(SqlNode group)
    {
        var builder = new StringBuilder();
        builder.Append(group.Lead).Append(group.Token.Text);
        builder.Append(Sequence(group.Children!));
        builder.Append(group.CloseLead).Append(group.Close.Text);
        return builder.ToString();
    }

    /// <summary>The arguments of a call group, split at top-level commas.</summary>
    private static List<List<SqlNode>> Arguments(SqlNode group)
    {
        var args = new List<List<SqlNode>>();
        var current = new List<SqlNode>();
        foreach (var child in group.Children!)
        {
            if (child.IsSymbol(","))
            {
                args.Add(current);
                current = [];
                continue;
            }

            current.Add(child);
        }

        if (current.Count > 0 || args.Count > 0)
        {
            args.Add(current);
        }

        return args;
    }

    /// <summary>Trino type text to DuckDB type text; unknown spellings pass through for DuckDB to judge.</summary>
    internal static string DuckDbType(string trinoType)
    {
        var trimmed = trinoType.Trim();
        if (trimmed.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            return "JSON";
        }

        try
        {
            return DuckDbTypeNames.From(SqlType.ParseTrino(trimmed));
        }
        catch (SqlException)
        {
            return trimmed;
        }
        catch (NotSupportedException)
        {
            return trimmed;
        }
    }

    private static EngineException NotSupported(string function, string why) =>
        new("FUNCTION_NOT_FOUND", $"Function '{function}' is not supported by the local engine: {why}. See docs/athena-sql.md.");
}
