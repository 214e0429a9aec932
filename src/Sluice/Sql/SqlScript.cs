using Sluice.Sql.Lexing;

namespace Sluice.Sql;

/// <summary>Splits a script into statements at semicolons outside strings, quoted names and comments.</summary>
public static class SqlScript
{
    /// <summary>
    /// The statements of <paramref name="script"/>, trimmed, without their semicolons; empty and comment-only pieces are
    /// dropped. Athena runs one statement per request, so tools split scripts before sending them.
    /// </summary>
    public static IReadOnlyList<string> Split(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var tokens = SqlLexer.Tokenize(script, SqlLexerMode.Trino, strict: false).Tokens;
        var statements = new List<string>();
        var start = 0;
        var hasContent = false;
        foreach (var token in tokens)
        {
            if (token.Kind == SqlTokenKind.EndOfInput)
            {
                break;
            }

            if (token.IsSymbol(";"))
            {
                if (hasContent)
                {
                    statements.Add(script[start..token.Start.Offset].Trim());
                }

                start = token.End;
                hasContent = false;
                continue;
            }

            hasContent = true;
        }

        if (hasContent)
        {
            statements.Add(script[start..].Trim());
        }

        return statements;
    }
}
