namespace Sluice.Sql.Lexing;

/// <summary>
/// One token. <see cref="Text"/> is the source slice exactly as written; <see cref="Value"/> is the decoded value
/// (identifier without quotes, string without quotes and escapes, symbol text, hex digits of a binary literal).
/// </summary>
public readonly record struct SqlToken(SqlTokenKind Kind, string Text, string Value, SqlPosition Start)
{
    /// <summary>UTF-16 offset just after the token.</summary>
    public int End => Start.Offset + Text.Length;

    /// <summary>True for a bare word equal to <paramref name="keyword"/>, ignoring case (SQL keywords are case-insensitive).</summary>
    public bool IsKeyword(string keyword) =>
        Kind == SqlTokenKind.Word && string.Equals(Value, keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for the symbol <paramref name="symbol"/>.</summary>
    public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && string.Equals(Value, symbol, StringComparison.Ordinal);

    /// <summary>The token as Athena quotes it in <c>mismatched input '...'</c>.</summary>
    public string Display => Kind == SqlTokenKind.EndOfInput ? "<EOF>" : Text;
}
