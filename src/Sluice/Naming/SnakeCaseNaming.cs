using System.Security.Cryptography;
using System.Text;

namespace Sluice.Naming;

/// <summary>
/// Turns source names into Athena identifiers: lower-case snake case, <c>[a-z0-9_]</c> only, at most
/// <see cref="MaxLength"/> characters. Deterministic: the same source name always gives the same identifier, so
/// schemas and tables stay stable across loads. Nested paths join normalised fragments with <see cref="PathSeparator"/>.
/// </summary>
public static class SnakeCaseNaming
{
    /// <summary>Glue's limit on table and column names.</summary>
    public const int MaxLength = 255;

    /// <summary>Joins the fragments of a flattened dict path or a child table name.</summary>
    public const string PathSeparator = "__";

    /// <summary>
    /// Normalises one name fragment: splits camel case, folds to lower case, replaces every character outside
    /// <c>[a-z0-9_]</c> with <c>_</c>, collapses runs of <c>_</c>, turns a trailing <c>_</c> into <c>x</c>, prefixes a
    /// leading digit with <c>_</c>. Never returns a string containing <c>__</c>, so fragments joined with
    /// <see cref="PathSeparator"/> can be told apart.
    /// </summary>
    public static string NormalizeFragment(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterUpper(c))
            {
                var previous = i > 0 ? name[i - 1] : '\0';
                var next = i + 1 < name.Length ? name[i + 1] : '\0';
                // "userId" -> "user_id"; "HTTPServer" -> "http_server": a new word starts at an upper-case letter that
                // follows a lower-case letter or digit, or that ends a run of capitals before a lower-case letter.
                if (char.IsAsciiLetterLower(previous) || char.IsAsciiDigit(previous) ||
                    (char.IsAsciiLetterUpper(previous) && char.IsAsciiLetterLower(next)))
                {
                    text.Append('_');
                }

                text.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
            {
                text.Append(c);
            }
            else
            {
                text.Append('_');
            }
        }

        var collapsed = new StringBuilder(text.Length);
        foreach (var c in text.ToString())
        {
            if (c == '_' && collapsed.Length > 0 && collapsed[^1] == '_')
            {
                continue;
            }

            collapsed.Append(c);
        }

        if (collapsed.Length == 0)
        {
            return "_empty";
        }

        if (collapsed.Length > 1 && collapsed[^1] == '_')
        {
            collapsed[^1] = 'x';
        }

        if (char.IsAsciiDigit(collapsed[0]))
        {
            collapsed.Insert(0, '_');
        }

        return Shorten(collapsed.ToString());
    }

    /// <summary>The normalised path <c>a__b__c</c> of already normalised fragments, shortened to <see cref="MaxLength"/>.</summary>
    public static string JoinPath(string prefix, string fragment) =>
        Shorten(prefix.Length == 0 ? fragment : prefix + PathSeparator + fragment);

    /// <summary>
    /// Names longer than <see cref="MaxLength"/> keep their first and last characters around a 16-hex-digit hash of
    /// the whole name, so two long names that differ anywhere stay different.
    /// </summary>
    public static string Shorten(string name) => Shorten(name, MaxLength);

    /// <summary>
    /// A child table's name <c>parent__field</c>, shortened to <see cref="MaxTableLength"/>: job files are named
    /// <c>&lt;table&gt;.&lt;file_id&gt;.&lt;retry&gt;.parquet</c> and must fit a file system's 255-byte file names.
    /// </summary>
    public static string JoinTablePath(string prefix, string fragment) => Shorten(prefix + PathSeparator + fragment, MaxTableLength);

    /// <summary>The longest table name Sluice makes (column names may reach <see cref="MaxLength"/>).</summary>
    public const int MaxTableLength = 200;

    private static string Shorten(string name, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length <= maxLength)
        {
            return name;
        }

        var tag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0, 8);
        var keep = (maxLength - tag.Length - 2) / 2;
        return name[..keep] + "_" + tag + "_" + name[^(maxLength - tag.Length - 2 - keep)..];
    }
}
