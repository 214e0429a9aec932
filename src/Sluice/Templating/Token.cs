namespace Sluice.Templating;

internal enum TokenKind
{
    Data,
    VariableBegin,
    VariableEnd,
    BlockBegin,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Operator,
    Eof,
}

/// <summary>One lexer token. <see cref="Literal"/> holds the parsed value of string and number tokens.</summary>
internal readonly record struct Token(TokenKind Kind, string Value, int Line, int Column, object? Literal = null)
{
    public bool IsOperator(string op) => Kind == TokenKind.Operator && string.Equals(Value, op, StringComparison.Ordinal);

    public bool IsName(string name) => Kind == TokenKind.Name && string.Equals(Value, name, StringComparison.Ordinal);

    public string Describe() => Kind switch
    {
        TokenKind.Eof => "end of template",
        TokenKind.BlockEnd => "end of statement block",
        TokenKind.VariableEnd => "end of print statement",
        TokenKind.Data => "template data",
        TokenKind.String => "string " + Values.Repr(Literal),
        _ => "'" + Value + "'",
    };
}
