using System.Globalization;
using Sluice.Sql.Lexing;

namespace Sluice.Local;

/// <summary>
/// Athena's names for result columns: a column reference or an alias keeps its name; any other expression is
/// <c>_col</c> and its position (<c>SELECT count(*), a + 1</c> gives <c>_col0</c>, <c>_col1</c>). DuckDB names such columns
/// after the expression text (<c>count_star()</c>), so the engine renames them.
/// </summary>
internal sealed class AthenaColumnNames
{
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    /// <summary>Collects the names the statement writes out: quoted identifiers and words that follow AS.</summary>
    public AthenaColumnNames(string athenaSql)
    {
        var tokens = SqlLexer.Tokenize(athenaSql, SqlLexerMode.Trino, strict: false).Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind == SqlTokenKind.QuotedIdentifier)
            {
                _written.Add(token.Value);
            }
            else if (token.IsKeyword("AS") && i + 1 < tokens.Count && tokens[i + 1].Kind == SqlTokenKind.Word)
            {
                _written.Add(tokens[i + 1].Value);
                _written.Add(tokens[i + 1].Value.ToLowerInvariant());
            }
        }
    }

    /// <summary>The name Athena gives the column DuckDB calls <paramref name="duckDbName"/> at <paramref name="position"/>.</summary>
    public string Name(string duckDbName, int position) =>
        IsPlainIdentifier(duckDbName) || _written.Contains(duckDbName)
            ? duckDbName
            : "_col" + position.ToString(CultureInfo.InvariantCulture);

    private static bool IsPlainIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
