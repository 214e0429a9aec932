using System.Text;
using Sluice.Sql.Lexing;

namespace Sluice.Local.Translation;

/// <summary>
/// One node of the translator's token tree: a token, or a bracketed group (<c>( )</c>, <c>[ ]</c>, <c>CASE ... END</c>)
/// holding its inner nodes. <see cref="Lead"/> is the source text (spaces, comments) before the node, kept so that
/// untouched parts of a statement come out exactly as written.
/// </summary>
internal sealed class SqlNode
{
    private SqlNode(SqlToken token, string lead, List<SqlNode>? children, SqlToken close, string closeLead)
    {
        Token = token;
        Lead = lead;
        Children = children;
        Close = close;
        CloseLead = closeLead;
    }

    public SqlToken Token { get; }

    public string Lead { get; }

    /// <summary>Inner nodes of a group; null for a plain token.</summary>
    public List<SqlNode>? Children { get; }

    public SqlToken Close { get; }

    public string CloseLead { get; }

    public bool IsGroup => Children is not null;

    public bool IsParen => IsGroup && Token.IsSymbol("(");

    public bool IsBracket => IsGroup && Token.IsSymbol("[");

    public bool IsCase => IsGroup && Token.IsKeyword("CASE");

    public static SqlNode Leaf(SqlToken token, string lead) => new(token, lead, null, default, string.Empty);

    public static SqlNode Group(SqlToken open, string lead, List<SqlNode> children, SqlToken close, string closeLead) =>
        new(open, lead, children, close, closeLead);

    public bool IsWord(string word) => !IsGroup && Token.IsKeyword(word);

    public bool IsSymbol(string symbol) => !IsGroup && Token.IsSymbol(symbol);

    /// <summary>The node as written in the source, with its lead.</summary>
    public string Source()
    {
        var builder = new StringBuilder();
        AppendSource(builder);
        return builder.ToString();
    }

    private void AppendSource(StringBuilder builder)
    {
        builder.Append(Lead).Append(Token.Text);
        if (Children is null)
        {
            return;
        }

        foreach (var child in Children)
        {
            child.AppendSource(builder);
        }

        builder.Append(CloseLead).Append(Close.Text);
    }

    /// <summary>Builds the tree of a token list (ending with EndOfInput). Unbalanced brackets stay plain tokens.</summary>
    public static List<SqlNode> Build(string text, IReadOnlyList<SqlToken> tokens)
    {
        var position = 0;
        var previousEnd = 0;
        return BuildUntil(text, tokens, ref position, ref previousEnd, null, out _);
    }

    private static List<SqlNode> BuildUntil(string text, IReadOnlyList<SqlToken> tokens, ref int position, ref int previousEnd, string? closer, out bool closed)
    {
        var nodes = new List<SqlNode>();
        closed = false;
        while (position < tokens.Count && tokens[position].Kind != SqlTokenKind.EndOfInput)
        {
            var token = tokens[position];
            var lead = text[previousEnd..token.Start.Offset];
            if (closer is not null && (closer == "END" ? token.IsKeyword("END") : token.IsSymbol(closer)))
            {
                closed = true;
                return nodes;
            }

            var opens = token.IsSymbol("(") ? ")" : token.IsSymbol("[") ? "]" : token.IsKeyword("CASE") ? "END" : null;
            position++;
            previousEnd = token.End;
            if (opens is null)
            {
                nodes.Add(Leaf(token, lead));
                continue;
            }

            var savedPosition = position;
            var savedEnd = previousEnd;
            var children = BuildUntil(text, tokens, ref position, ref previousEnd, opens, out var groupClosed);
            if (!groupClosed)
            {
                // Unbalanced: keep the opener as a plain token and carry on after it.
                position = savedPosition;
                previousEnd = savedEnd;
                nodes.Add(Leaf(token, lead));
                continue;
            }

            var close = tokens[position];
            var closeLead = text[previousEnd..close.Start.Offset];
            position++;
            previousEnd = close.End;
            nodes.Add(Group(token, lead, children, close, closeLead));
        }

        return nodes;
    }
}
