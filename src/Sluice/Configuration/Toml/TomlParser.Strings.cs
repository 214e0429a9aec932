using System.Globalization;
using System.Text;

namespace Sluice.Configuration.Toml;

internal sealed partial class TomlParser
{
    private const string EscapeHelp = "Valid escapes are \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX and \\UXXXXXXXX; write \\\\ for a backslash, or use a 'literal string' where backslashes are plain characters.";

    /// <summary>Parses a single-line basic string <c>"..."</c>; starts at the opening quote.</summary>
    private string ParseBasicString()
    {
        var start = _pos;
        _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd || Peek == '\n' || Peek == '\r')
            {
                throw ErrorAt(start, "The string is not closed on this line. Add the closing '\"', or use \"\"\" ... \"\"\" for a multi-line string.");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return sb.ToString();
            }

            if (c == '\\')
            {
                ParseEscape(sb);
                continue;
            }

            if (IsForbiddenControl(c))
            {
                throw Error($"Control character {CodePoint(c)} is not allowed in a string. Write it as an escape, e.g. \\u{(int)c:X4}.");
            }

            sb.Append(c);
            _pos++;
        }
    }

    /// <summary>Parses <c>"""..."""</c>; a newline right after the opening delimiter is trimmed.</summary>
    private string ParseMultiLineBasicString()
    {
        var start = _pos;
        _pos += 3;
        TryConsumeNewline();
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw ErrorAt(start, "The multi-line string is not closed. Add the closing \"\"\".");
            }

            var c = _text[_pos];
            if (c == '"')
            {
                if (TryCloseMultiLine('"', sb))
                {
                    return sb.ToString();
                }

                continue;
            }

            if (c == '\\')
            {
                if (TrySkipLineEndingBackslash())
                {
                    continue;
                }

                ParseEscape(sb);
                continue;
            }

            if (c == '\n' || c == '\r')
            {
                // CRLF becomes LF, so a value does not depend on the editor that saved the file (the spec allows this).
                TryConsumeNewline();
                sb.Append('\n');
                continue;
            }

            if (IsForbiddenControl(c))
            {
                throw Error($"Control character {CodePoint(c)} is not allowed in a string. Write it as an escape, e.g. \\u{(int)c:X4}.");
            }

            sb.Append(c);
            _pos++;
        }
    }

    /// <summary>
    /// At a quote inside a multi-line string: three quotes close it, and up to two more quotes directly before the
    /// closing three belong to the content (TOML 1.0.0 allows 1 or 2 quotes adjacent to the delimiter).
    /// </summary>
    private bool TryCloseMultiLine(char quote, StringBuilder sb)
    {
        var run = 0;
        while (_pos + run < _text.Length && _text[_pos + run] == quote)
        {
            run++;
        }

        if (run < 3)
        {
            sb.Append(quote, run);
            _pos += run;
            return false;
        }

        if (run > 5)
        {
            throw ErrorAt(_pos + 5, $"Too many {quote} characters in a row at the end of a multi-line string: at most two may precede the closing delimiter. Escape them{(quote == '"' ? " (\\\")" : " or use a basic string")}.");
        }

        sb.Append(quote, run - 3);
        _pos += run;
        return true;
    }

    /// <summary>
    /// A backslash that is the last non-whitespace character on a line trims the newline and all whitespace
    /// (including newlines) up to the next other character.
    /// </summary>
    private bool TrySkipLineEndingBackslash()
    {
        var i = _pos + 1;
        while (i < _text.Length && (_text[i] == ' ' || _text[i] == '\t'))
        {
            i++;
        }

        if (i >= _text.Length || (_text[i] != '\n' && _text[i] != '\r'))
        {
            return false;
        }

        _pos = i;
        while (true)
        {
            SkipWhitespace();
            if (!TryConsumeNewline())
            {
                return true;
            }
        }
    }

    private void ParseEscape(StringBuilder sb)
    {
        var start = _pos;
        _pos++;
        if (AtEnd)
        {
            throw ErrorAt(start, "The string ends with a lone backslash. " + EscapeHelp);
        }

        var c = _text[_pos++];
        switch (c)
        {
            case 'b': sb.Append('\b'); return;
            case 't': sb.Append('\t'); return;
            case 'n': sb.Append('\n'); return;
            case 'f': sb.Append('\f'); return;
            case 'r': sb.Append('\r'); return;
            case '"': sb.Append('"'); return;
            case '\\': sb.Append('\\'); return;
            case 'u': AppendUnicodeEscape(sb, start, 4); return;
            case 'U': AppendUnicodeEscape(sb, start, 8); return;
        }

        var shown = _sensitive ? "An escape" : $"The escape '\\{(c < 0x20 || c == '\u007F' ? CodePoint(c) : c.ToString())}'";
        throw ErrorAt(start, $"{shown} is not valid in TOML 1.0. {EscapeHelp}");
    }

    private void AppendUnicodeEscape(StringBuilder sb, int start, int digits)
    {
        var form = digits == 4 ? "\\uXXXX" : "\\UXXXXXXXX";
        if (_pos + digits > _text.Length || _text.AsSpan(_pos, digits).IndexOfAnyExcept("0123456789abcdefABCDEF") >= 0)
        {
            throw ErrorAt(start, $"A {form} escape needs exactly {digits} hexadecimal digits. " + EscapeHelp);
        }

        var scalar = long.Parse(_text.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

        _pos += digits;
        if (scalar < 0 || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF))
        {
            throw ErrorAt(start, $"The escape {(_sensitive ? form : Show(_text[start.._pos]))} is not a Unicode scalar value (allowed: U+0000 to U+D7FF and U+E000 to U+10FFFF). Surrogate halves cannot be escaped: write the character itself or its \\UXXXXXXXX code point.");
        }

        sb.Append(char.ConvertFromUtf32((int)scalar));
    }

    /// <summary>Parses a single-line literal string <c>'...'</c>: no escapes.</summary>
    private string ParseLiteralString()
    {
        var start = _pos;
        _pos++;
        while (true)
        {
            if (AtEnd || Peek == '\n' || Peek == '\r')
            {
                throw ErrorAt(start, "The literal string is not closed on this line. Add the closing \"'\", or use ''' ... ''' for a multi-line string.");
            }

            var c = _text[_pos];
            if (c == '\'')
            {
                _pos++;
                return _text[(start + 1)..(_pos - 1)];
            }

            if (IsForbiddenControl(c))
            {
                throw Error($"Control character {CodePoint(c)} is not allowed in a literal string. Use a basic string with an escape, e.g. \"\\u{(int)c:X4}\".");
            }

            _pos++;
        }
    }

    /// <summary>Parses <c>'''...'''</c>: no escapes; a newline right after the opening delimiter is trimmed.</summary>
    private string ParseMultiLineLiteralString()
    {
        var start = _pos;
        _pos += 3;
        TryConsumeNewline();
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw ErrorAt(start, "The multi-line literal string is not closed. Add the closing '''.");
            }

            var c = _text[_pos];
            if (c == '\'' && TryCloseMultiLine('\'', sb))
            {
                return sb.ToString();
            }

            if (c == '\'')
            {
                continue;
            }

            if (c == '\n' || c == '\r')
            {
                // CRLF becomes LF, so a value does not depend on the editor that saved the file (the spec allows this).
                TryConsumeNewline();
                sb.Append('\n');
                continue;
            }

            if (IsForbiddenControl(c))
            {
                throw Error($"Control character {CodePoint(c)} is not allowed in a literal string. Use a basic string with an escape, e.g. \"\\u{(int)c:X4}\".");
            }

            sb.Append(c);
            _pos++;
        }
    }
}
