using System.Text;
using Sluice.Sql.Ast;
using Sluice.Sql.Lexing;
using Sluice.Sql.Parsing;

namespace Sluice.Sql;

/// <summary>
/// The statement front end: routes one Athena statement to the front end Athena would use (athena.md §1) and parses
/// what Sluice interprets itself. Queries come back as <see cref="QueryStatement"/> text.
/// </summary>
public static class SqlStatementParser
{
    /// <summary>Athena's fixed limit on the query string, in UTF-8 bytes (athena.md §5).</summary>
    public const int MaxQueryBytes = 262144;

    /// <summary>
    /// Which front end Athena sends <paramref name="sql"/> to. Never throws for text: unknown statements are
    /// <see cref="SqlRoute.Query"/>.
    /// </summary>
    /// <remarks>
    /// Athena's rule: <c>DESCRIBE</c>, <c>SHOW</c>, <c>MSCK</c>, <c>CREATE|ALTER|DROP DATABASE|SCHEMA</c>,
    /// <c>CREATE EXTERNAL</c>, and <c>CREATE/ALTER/DROP</c> without a <c>SELECT</c> go to Hive; <c>OPTIMIZE</c> and
    /// <c>VACUUM</c> are Athena utility statements; INSERT, UPDATE, DELETE, MERGE and CREATE/ALTER/DROP with a SELECT
    /// are Trino statements; the rest are queries. "Has a SELECT" means a bare <c>SELECT</c> word token outside strings,
    /// quoted identifiers and comments, so <c>DROP VIEW v</c> is Hive DDL and <c>CREATE TABLE t AS VALUES 1</c> is too
    /// (and fails there, as on Athena).
    /// </remarks>
    public static SqlRoute Route(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return Route(SqlLexer.Tokenize(sql, SqlLexerMode.Trino, strict: false).Tokens);
    }

    private static SqlRoute Route(IReadOnlyList<SqlToken> tokens)
    {
        var first = tokens[0];
        var second = tokens.Count > 1 ? tokens[1] : first;
        if (first.Kind != SqlTokenKind.Word)
        {
            return SqlRoute.Query;
        }

        switch (first.Value.ToUpperInvariant())
        {
            case "DESCRIBE" or "DESC" or "SHOW" or "MSCK":
                return SqlRoute.HiveDdl;
            case "OPTIMIZE" or "VACUUM":
                return SqlRoute.Utility;
            case "INSERT" or "UPDATE" or "DELETE" or "MERGE":
                return SqlRoute.Trino;
            case "CREATE" or "ALTER" or "DROP":
                if (second.IsKeyword("DATABASE") || second.IsKeyword("SCHEMA") || second.IsKeyword("EXTERNAL"))
                {
                    return SqlRoute.HiveDdl;
                }

                return tokens.Any(t => t.IsKeyword("SELECT")) ? SqlRoute.Trino : SqlRoute.HiveDdl;
            default:
                return SqlRoute.Query;
        }
    }

    /// <summary>
    /// Parses one statement (an optional trailing <c>;</c> is allowed). Throws <see cref="SqlException"/> with
    /// Athena's error name and position when Athena would reject the text: grammar, identifiers, Hive DDL block
    /// comments, CTAS and Iceberg table properties, query length, more than one statement.
    /// </summary>
    public static SqlStatement Parse(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (sql.Length == 0)
        {
            throw new SqlException(SqlErrorNames.InvalidRequest, "queryString failed to satisfy constraint: Member must have length greater than or equal to 1");
        }

        if (Encoding.UTF8.GetByteCount(sql) > MaxQueryBytes)
        {
            throw new SqlException(SqlErrorNames.InvalidRequest,
                $"queryString failed to satisfy constraint: Member must have length less than or equal to {MaxQueryBytes}");
        }

        var route = Route(sql);
        var mode = route == SqlRoute.HiveDdl ? SqlLexerMode.Hive : SqlLexerMode.Trino;
        var lexer = SqlLexer.Tokenize(sql, mode);
        var tokens = lexer.Tokens;

        for (var i = 0; i < tokens.Count - 1; i++)
        {
            if (tokens[i].IsSymbol(";") && tokens[i + 1].Kind != SqlTokenKind.EndOfInput)
            {
                throw new SqlException(SqlErrorNames.InvalidRequest, $"Only one sql statement is allowed. Got: {sql}");
            }
        }

        if (route is SqlRoute.HiveDdl or SqlRoute.Utility && lexer.Comments.FirstOrDefault(c => c.IsBlock) is { Text: not null } block)
        {
            // Athena's Hive DDL parser does not accept /* */ comments (athena.md §1); nor do OPTIMIZE and VACUUM.
            throw new SqlException(SqlErrorNames.SyntaxError,
                "Block comments (/* ... */) are not supported in DDL statements; use -- comments", block.Start.Line, block.Start.Column);
        }

        var parser = new SqlParser(sql, tokens, mode);
        return route switch
        {
            SqlRoute.HiveDdl => parser.ParseHiveStatement(),
            SqlRoute.Trino => parser.ParseTrinoStatement(),
            SqlRoute.Utility => parser.ParseUtilityStatement(),
            _ => Query(sql, tokens),
        };
    }

    private static QueryStatement Query(string sql, IReadOnlyList<SqlToken> tokens)
    {
        var last = tokens.Count - 2;
        if (last >= 0 && tokens[last].IsSymbol(";"))
        {
            last--;
        }

        if (last < 0)
        {
            var end = tokens[^1];
            throw new SqlException(SqlErrorNames.SyntaxError, "mismatched input '<EOF>'. Expecting: <query>", end.Start.Line, end.Start.Column);
        }

        var first = tokens[0];
        var text = new SqlSpan(sql[first.Start.Offset..tokens[last].End], first.Start);
        var type = first.IsKeyword("EXPLAIN") ? SqlStatementType.Utility : SqlStatementType.Dml;
        return new QueryStatement(text, type);
    }
}
