namespace Sluice.Sql.Lexing;

/// <summary>The two lexical dialects of Athena (athena.md §1).</summary>
public enum SqlLexerMode
{
    /// <summary>
    /// Trino: <c>'...'</c> strings with <c>''</c> as the only escape, <c>"..."</c> identifiers, backticks are an error
    /// when a parser meets them, identifiers must not start with a digit.
    /// </summary>
    Trino,

    /// <summary>
    /// Hive DDL: <c>'...'</c> and <c>"..."</c> are both strings with backslash escapes (<c>\'</c>, <c>\n</c>,
    /// <c>\001</c>, <c>\u0001</c>); adjacent strings concatenate (so <c>'it''s'</c> is <c>its</c>, as in Hive);
    /// backticks quote identifiers.
    /// </summary>
    Hive,
}
