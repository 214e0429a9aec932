namespace Sluice.Sql.Lexing;

/// <summary>What a <see cref="SqlToken"/> is.</summary>
public enum SqlTokenKind
{
    /// <summary>A bare word: keyword or unquoted identifier (<c>[A-Za-z0-9_]+</c>, not all digits).</summary>
    Word,

    /// <summary><c>"quoted"</c> identifier (Trino mode only; in Hive mode double quotes delimit strings).</summary>
    QuotedIdentifier,

    /// <summary><c>`backticked`</c> identifier.</summary>
    BacktickIdentifier,

    /// <summary>String literal; <see cref="SqlToken.Value"/> holds the decoded text.</summary>
    String,

    /// <summary>Unsigned numeric literal: <c>12</c>, <c>1.5</c>, <c>.5</c>, <c>1e3</c>.</summary>
    Number,

    /// <summary><c>X'0A1b'</c> binary literal; <see cref="SqlToken.Value"/> holds the hex digits.</summary>
    Binary,

    /// <summary>Operator or punctuation: <c>( ) , ; . = &lt; &gt; &lt;= &gt;= &lt;&gt; != + - * / % || [ ] : -&gt; =&gt; ?</c> ...</summary>
    Symbol,

    /// <summary>A character no Athena lexer accepts; only an error when a parser reaches it.</summary>
    Unknown,

    /// <summary>End of input; its position is just after the last character.</summary>
    EndOfInput,
}
