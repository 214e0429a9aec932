using System.Globalization;
using System.Text;
using Sluice.Sql.Ast;

namespace Sluice.Sql;

/// <summary>
/// The one place where Sluice escapes identifiers and renders literals for Athena SQL (DESIGN.md, Habits):
/// backticks for Hive DDL, double quotes for Trino statements and queries (athena.md §1).
/// </summary>
public static class SqlRender
{
    /// <summary><c>`name`</c>, with embedded backticks doubled. Always quotes, so reserved words and names starting
    /// with <c>_</c> are safe in DDL.</summary>
    public static string DdlIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
    }

    /// <summary><c>"name"</c>, with embedded double quotes doubled. Always quotes, so names starting with a digit and
    /// reserved words are safe in Trino statements.</summary>
    public static string DmlIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary><c>`db`.`t`</c>. Hive DDL has no catalog part, so the catalog is left out.</summary>
    public static string DdlName(QualifiedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Database is null ? DdlIdentifier(name.Name) : DdlIdentifier(name.Database) + "." + DdlIdentifier(name.Name);
    }

    /// <summary><c>"catalog"."db"."t"</c> (parts that are absent are left out).</summary>
    public static string DmlName(QualifiedName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder();
        if (name.Catalog is not null)
        {
            text.Append(DmlIdentifier(name.Catalog)).Append('.');
        }

        if (name.Database is not null)
        {
            text.Append(DmlIdentifier(name.Database)).Append('.');
        }

        return text.Append(DmlIdentifier(name.Name)).ToString();
    }

    /// <summary>True when a bare <paramref name="name"/> would not survive Trino's lexer and parser unchanged: not
    /// <c>[a-z_][a-z0-9_]*</c> (Trino folds bare names to lower case) or a DML reserved word.</summary>
    public static bool NeedsDmlQuoting(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || SqlReservedWords.IsReservedInDml(name))
        {
            return true;
        }

        return !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
    }

    /// <summary>True when a bare <paramref name="name"/> is not a valid Hive DDL identifier: not
    /// <c>[A-Za-z0-9][A-Za-z0-9_]*</c>, all digits, or a DDL reserved word.</summary>
    public static bool NeedsDdlQuoting(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name[0] == '_' || name.All(char.IsAsciiDigit) || SqlReservedWords.IsReservedInDdl(name))
        {
            return true;
        }

        return !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
    }

    /// <summary>A Trino string literal: <c>'it''s'</c>. Trino has no backslash escapes.</summary>
    public static string StringLiteral(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>
    /// A Hive DDL string literal: <c>'it\'s'</c>. Hive reads <c>''</c> as two adjacent strings (so <c>'it''s'</c> is
    /// <c>its</c>), hence backslash escapes; control characters are written as <c>\n</c>, <c>\t</c>, <c>\r</c> or
    /// octal <c>\001</c> so a DDL string stays on one line.
    /// </summary>
    public static string HiveStringLiteral(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder("'");
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    text.Append(@"\\");
                    break;
                case '\'':
                    text.Append(@"\'");
                    break;
                case '\n':
                    text.Append(@"\n");
                    break;
                case '\r':
                    text.Append(@"\r");
                    break;
                case '\t':
                    text.Append(@"\t");
                    break;
                case < ' ':
                    text.Append('\\').Append(Convert.ToString(c, 8).PadLeft(3, '0'));
                    break;
                default:
                    text.Append(c);
                    break;
            }
        }

        return text.Append('\'').ToString();
    }

    /// <summary>A varbinary literal <c>X'0A1B'</c>.</summary>
    public static string BinaryLiteral(ReadOnlySpan<byte> value) => "X'" + Convert.ToHexString(value) + "'";

    /// <summary>An integer literal in invariant culture.</summary>
    public static string IntegerLiteral(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static string BooleanLiteral(bool value) => value ? "true" : "false";
}
