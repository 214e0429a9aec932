using Sluice.Sql.Lexing;
using Sluice.Sql.Parsing;

namespace Sluice.Sql.Types;

// Parsing entry points.
public abstract partial record SqlType
{
    /// <summary>
    /// Parses a Hive/Glue type: <c>int</c>, <c>string</c>, <c>decimal(10,2)</c>, <c>varchar(10)</c>,
    /// <c>array&lt;string&gt;</c>, <c>map&lt;string,int&gt;</c>, <c>struct&lt;a:int,b:array&lt;string&gt;&gt;</c>.
    /// This is the form Glue stores, so struct field names may be bare reserved words or start with <c>_</c>
    /// (<c>struct&lt;date:string,_col0:int&gt;</c>), which DDL text would need to backtick.
    /// Throws <see cref="SqlException"/> with positions relative to <paramref name="text"/>.
    /// </summary>
    public static SqlType ParseHive(string text) => Parse(text, SqlLexerMode.Hive);

    /// <summary>
    /// Parses a Trino type: <c>integer</c>, <c>varchar</c>, <c>row(a integer)</c>, <c>array(integer)</c>,
    /// <c>map(varchar, integer)</c>, <c>varbinary</c>, <c>timestamp(3) with time zone</c>. Unknown names give
    /// <c>TYPE_NOT_FOUND: Unknown type: x</c>.
    /// </summary>
    public static SqlType ParseTrino(string text) => Parse(text, SqlLexerMode.Trino);

    private static SqlType Parse(string text, SqlLexerMode mode)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lexer = SqlLexer.Tokenize(text, mode);
        return new SqlParser(text, lexer.Tokens, mode).ParseStandaloneType();
    }
}
