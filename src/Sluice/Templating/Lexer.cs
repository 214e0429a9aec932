using System.Globalization;
using System.Text;

namespace Sluice.Templating;

/// <summary>
/// Splits template source into tokens the way Jinja2's lexer does: data between tags, whitespace control with
/// <c>-</c> (strip all whitespace, newlines included, on that side) and <c>+</c> (disable lstrip_blocks),
/// comments dropped, <c>raw</c> blocks kept verbatim, newlines normalized to <c>\n</c>.
/// </summary>
internal sealed class Lexer
{
    private readonly string _src;
    private readonly string? _name;
    private readonly JinjaOptions _options;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private bool _stripNextData;

    private Lexer(string source, string? name, JinjaOptions options)
    {
        // Jinja normalizes newlines in data, and by default drops one trailing newline of the source.
        source = source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (!options.KeepTrailingNewline && source.EndsWith('\n'))
        {
            source = source[..^1];
        }

        _src = source;
        _name = name;
        _options = options;
    }

    public static List<Token> Tokenize(string source, string? name, JinjaOptions options)
    {
        var lexer = new Lexer(source, name, options);
        lexer.Run();
        return lexer._tokens;
    }

    private int Column(int pos) => pos - _lineStart + 1;

    private TemplateException Error(string message, int pos) => new(message, _name, _line, Column(pos));

    private void Advance(int to)
    {
        for (var i = _pos; i < to; i++)
        {
            if (_src[i] == '\n')
            {
                _line++;
                _lineStart = i + 1;
            }
        }

        _pos = to;
    }

    private void Run()
    {
        while (_pos < _src.Length)
        {
            var open = FindOpen(_pos);
            var dataEnd = open < 0 ? _src.Length : open;
            var data = _src[_pos..dataEnd];
            var dataLine = _line;
            var dataColumn = Column(_pos);
            if (_stripNextData)
            {
                var trimmed = data.TrimStart();
                dataColumn += data.Length - trimmed.Length;
                data = trimmed;
                _stripNextData = false;
            }

            if (open < 0)
            {
                AddData(data, dataLine, dataColumn);
                Advance(_src.Length);
                break;
            }

            var kind = _src[open + 1];
            var marker = open + 2 < _src.Length ? _src[open + 2] : '\0';
            if (marker == '-')
            {
                data = data.TrimEnd();
            }
            else if (marker != '+' && _options.LstripBlocks && kind != '{')
            {
                data = LstripTail(data, dataEnd);
            }

            AddData(data, dataLine, dataColumn);
            Advance(open);
            // Jinja's lexer takes a '+' right after any opening delimiter as a marker, so '{{+x}}' renders x.
            var bodyStart = open + 2 + (marker is '-' or '+' ? 1 : 0);
            switch (kind)
            {
                case '#':
                    LexComment(bodyStart);
                    break;
                case '%' when TryLexRaw(bodyStart):
                    break;
                case '%':
                    _tokens.Add(new Token(TokenKind.BlockBegin, "{%", _line, Column(open)));
                    Advance(bodyStart);
                    LexInside('%');
                    break;
                default:
                    _tokens.Add(new Token(TokenKind.VariableBegin, "{{", _line, Column(open)));
                    Advance(bodyStart);
                    LexInside('}');
                    break;
            }
        }

        _tokens.Add(new Token(TokenKind.Eof, string.Empty, _line, Column(_pos)));
    }

    private void AddData(string data, int line, int column)
    {
        if (data.Length > 0)
        {
            _tokens.Add(new Token(TokenKind.Data, data, line, column));
        }
    }

    // lstrip_blocks: drop spaces and tabs between the start of the line and the tag, but only when nothing else is there.
    private string LstripTail(string data, int dataEnd)
    {
        var i = data.Length;
        while (i > 0 && data[i - 1] is ' ' or '\t')
        {
            i--;
        }

        var atLineStart = i > 0 ? data[i - 1] == '\n' : dataEnd - data.Length == 0 || _src[dataEnd - data.Length - 1] == '\n';
        return atLineStart ? data[..i] : data;
    }

    private int FindOpen(int from)
    {
        var i = from;
        while (true)
        {
            i = _src.IndexOf('{', i);
            if (i < 0 || i + 1 >= _src.Length)
            {
                return -1;
            }

            if (_src[i + 1] is '{' or '%' or '#')
            {
                return i;
            }

            i++;
        }
    }

    private void AfterTagEnd(bool strip, bool isBlock)
    {
        if (strip)
        {
            _stripNextData = true;
        }
        else if (isBlock && _options.TrimBlocks && _pos < _src.Length && _src[_pos] == '\n')
        {
            Advance(_pos + 1);
        }
    }

    private void LexComment(int bodyStart)
    {
        var end = _src.IndexOf("#}", bodyStart, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error("Missing end of comment tag '#}'.", _pos);
        }

        var strip = end > bodyStart && _src[end - 1] == '-';
        Advance(end + 2);
        AfterTagEnd(strip, isBlock: true);
    }

    private static int SkipSpaces(string s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }

        return i;
    }

    // Matches "raw" or "endraw" followed by the end of the tag; returns the index after '%}' or -1.
    private int MatchWordTag(int bodyStart, string word, out bool stripAfter)
    {
        stripAfter = false;
        var i = SkipSpaces(_src, bodyStart);
        if (string.CompareOrdinal(_src, i, word, 0, word.Length) != 0)
        {
            return -1;
        }

        i = SkipSpaces(_src, i + word.Length);
        if (i < _src.Length && _src[i] is '-' or '+')
        {
            stripAfter = _src[i] == '-';
            i++;
        }

        return string.CompareOrdinal(_src, i, "%}", 0, 2) == 0 ? i + 2 : -1;
    }

    private bool TryLexRaw(int bodyStart)
    {
        var after = MatchWordTag(bodyStart, "raw", out var stripAfter);
        if (after < 0)
        {
            return false;
        }

        var contentStart = after;
        var search = after;
        while (true)
        {
            var open = _src.IndexOf("{%", search, StringComparison.Ordinal);
            if (open < 0)
            {
                throw Error("Missing end of raw directive '{% endraw %}'.", _pos);
            }

            var marker = open + 2 < _src.Length ? _src[open + 2] : '\0';
            var endAfter = MatchWordTag(open + 2 + (marker is '-' or '+' ? 1 : 0), "endraw", out var stripEnd);
            if (endAfter < 0)
            {
                search = open + 2;
                continue;
            }

            var content = _src[contentStart..open];
            if (stripAfter)
            {
                content = content.TrimStart();
            }

            if (marker == '-')
            {
                content = content.TrimEnd();
            }
            else if (marker != '+' && _options.LstripBlocks)
            {
                content = LstripTail(content, open);
            }

            Advance(contentStart);
            AddData(content, _line, Column(contentStart));
            Advance(endAfter);
            AfterTagEnd(stripEnd, isBlock: true);
            return true;
        }
    }

    private void LexInside(char closer)
    {
        var depth = 0;
        while (true)
        {
            Advance(SkipSpaces(_src, _pos));
            if (_pos >= _src.Length)
            {
                throw Error(closer == '%' ? "Unexpected end of template: the block tag is not closed with '%}'." : "Unexpected end of template: the expression is not closed with '}}'.", _pos);
            }

            if (depth == 0)
            {
                var strip = _src[_pos] == '-' && _pos + 2 < _src.Length && _src[_pos + 1] == closer && _src[_pos + 2] == '}';
                var plain = _src[_pos] == closer && _pos + 1 < _src.Length && _src[_pos + 1] == '}';
                if (strip || plain)
                {
                    _tokens.Add(new Token(closer == '%' ? TokenKind.BlockEnd : TokenKind.VariableEnd, closer + "}", _line, Column(_pos)));
                    Advance(_pos + (strip ? 3 : 2));
                    AfterTagEnd(strip, isBlock: closer == '%');
                    return;
                }
            }

            var start = _pos;
            var c = _src[_pos];
            if (char.IsLetter(c) || c == '_')
            {
                var i = _pos + 1;
                while (i < _src.Length && (char.IsLetterOrDigit(_src[i]) || _src[i] == '_'))
                {
                    i++;
                }

                _tokens.Add(new Token(TokenKind.Name, _src[_pos..i], _line, Column(start)));
                Advance(i);
            }
            else if (char.IsAsciiDigit(c))
            {
                LexNumber();
            }
            else if (c is '\'' or '"')
            {
                LexString(c);
            }
            else
            {
                var op = MatchOperator();
                if (op is null)
                {
                    throw Error($"Unexpected character '{c}'.", _pos);
                }

                if (op is "(" or "[" or "{")
                {
                    depth++;
                }
                else if (op is ")" or "]" or "}")
                {
                    if (depth == 0)
                    {
                        throw Error($"Unexpected '{op}'.", _pos);
                    }

                    depth--;
                }

                _tokens.Add(new Token(TokenKind.Operator, op, _line, Column(start)));
                Advance(_pos + op.Length);
            }
        }
    }

    private static readonly string[] Operators =
        ["//", "**", "==", "!=", ">=", "<=", "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";"];

    private string? MatchOperator()
    {
        foreach (var op in Operators)
        {
            if (string.CompareOrdinal(_src, _pos, op, 0, op.Length) == 0)
            {
                return op;
            }
        }

        return null;
    }

    private int Digits(int i)
    {
        while (i < _src.Length && (char.IsAsciiDigit(_src[i]) || (_src[i] == '_' && i + 1 < _src.Length && char.IsAsciiDigit(_src[i + 1]))))
        {
            i++;
        }

        return i;
    }

    private void LexNumber()
    {
        var start = _pos;
        // After a dot ("row.0") a number is an integer index, never the fraction of a float.
        var afterDot = start > 0 && _src[start - 1] == '.';
        if (_src[start] == '0' && start + 1 < _src.Length && _src[start + 1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            var radix = char.ToLowerInvariant(_src[start + 1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            var j = start + 2;
            while (j < _src.Length && (Uri.IsHexDigit(_src[j]) || _src[j] == '_'))
            {
                j++;
            }

            var digits = _src[(start + 2)..j].Replace("_", string.Empty, StringComparison.Ordinal);
            try
            {
                var value = Convert.ToInt64(digits, radix);
                _tokens.Add(new Token(TokenKind.Integer, _src[start..j], _line, Column(start), value));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
            {
                throw Error($"Invalid number literal '{_src[start..j]}'.", start);
            }

            Advance(j);
            return;
        }

        var i = Digits(start);
        var isFloat = false;
        if (!afterDot && i + 1 < _src.Length && _src[i] == '.' && char.IsAsciiDigit(_src[i + 1]))
        {
            i = Digits(i + 1);
            isFloat = true;
        }

        if (!afterDot && i < _src.Length && _src[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < _src.Length && _src[j] is '+' or '-')
            {
                j++;
            }

            if (j < _src.Length && char.IsAsciiDigit(_src[j]))
            {
                i = Digits(j);
                isFloat = true;
            }
        }

        var text = _src[start..i];
        var clean = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (isFloat)
        {
            _tokens.Add(new Token(TokenKind.Float, text, _line, Column(start), double.Parse(clean, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
        else if (long.TryParse(clean, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            _tokens.Add(new Token(TokenKind.Integer, text, _line, Column(start), value));
        }
        else
        {
            throw Error($"Integer literal '{text}' is too large (Sluice integers are 64-bit).", start);
        }

        Advance(i);
    }

    private void LexString(char quote)
    {
        var start = _pos;
        var sb = new StringBuilder();
        var i = _pos + 1;
        while (true)
        {
            if (i >= _src.Length)
            {
                throw Error("Unterminated string literal.", start);
            }

            var c = _src[i];
            if (c == quote)
            {
                i++;
                break;
            }

            if (c != '\\' || i + 1 >= _src.Length)
            {
                sb.Append(c);
                i++;
                continue;
            }

            var e = _src[i + 1];
            i += 2;
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case '0': sb.Append('\0'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case '\\': sb.Append('\\'); break;
                case '\'': sb.Append('\''); break;
                case '"': sb.Append('"'); break;
                case '\n': break;
                case 'x' or 'u' or 'U':
                    var length = e switch { 'x' => 2, 'u' => 4, _ => 8 };
                    if (i + length > _src.Length || !int.TryParse(_src.AsSpan(i, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error($"Invalid \\{e} escape in string literal.", i - 2);
                    }

                    sb.Append(char.ConvertFromUtf32(code));
                    i += length;
                    break;
                default:
                    // Python keeps unknown escapes as written.
                    sb.Append('\\').Append(e);
                    break;
            }
        }

        _tokens.Add(new Token(TokenKind.String, _src[start..i], _line, Column(start), sb.ToString()));
        Advance(i);
    }
}
