using System.Globalization;

namespace Sluice.Configuration.Toml;

/// <summary>A single-use recursive-descent parser over one TOML document held in memory.</summary>
internal sealed partial class TomlParser
{
    private readonly string _text;
    private readonly string? _sourceName;
    private readonly bool _sensitive;
    private readonly TomlTable _root = new(TomlTableKind.Root);
    private TomlTable _current;
    private string _currentPath = string.Empty;
    private int _pos;

    public TomlParser(string text, string? sourceName, bool sensitive)
    {
        _text = text;
        _sourceName = sourceName;
        _sensitive = sensitive;
        _current = _root;
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Peek => _pos < _text.Length ? _text[_pos] : '\0';

    public TomlTable ParseDocument()
    {
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _pos = 1;
        }

        while (true)
        {
            SkipWhitespace();
            if (AtEnd)
            {
                return _root;
            }

            switch (Peek)
            {
                case '#':
                case '\n':
                case '\r':
                    break;
                case '[':
                    ParseHeader();
                    break;
                default:
                    ParseKeyValue(_current);
                    break;
            }

            ExpectLineEnd();
        }
    }

    /// <summary>After a statement: optional whitespace and comment, then a newline or the end of the document.</summary>
    private void ExpectLineEnd()
    {
        SkipWhitespace();
        if (Peek == '#')
        {
            SkipComment();
        }

        if (AtEnd)
        {
            return;
        }

        if (TryConsumeNewline())
        {
            return;
        }

        throw Error(
            $"Expected the end of the line but found {ShowChar(Peek)}. Each key/value pair and each [table] header must be on its own line; start a new line or add '#' before a comment.");
    }

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t'))
        {
            _pos++;
        }
    }

    /// <summary>Consumes LF or CRLF. A CR not followed by LF is an error: TOML newlines are LF or CRLF only.</summary>
    private bool TryConsumeNewline()
    {
        if (Peek == '\n')
        {
            _pos++;
            return true;
        }

        if (Peek == '\r')
        {
            if (_pos + 1 < _text.Length && _text[_pos + 1] == '\n')
            {
                _pos += 2;
                return true;
            }

            throw Error("A carriage return (U+000D) must be followed by a line feed: TOML newlines are LF or CRLF. Save the file with LF or CRLF line endings.");
        }

        return false;
    }

    private void SkipComment()
    {
        // Starts at '#'. Control characters other than tab are not permitted in comments (TOML 1.0.0, Comment).
        _pos++;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n' || (c == '\r' && _pos + 1 < _text.Length && _text[_pos + 1] == '\n'))
            {
                return;
            }

            if (IsForbiddenControl(c))
            {
                throw Error($"Control character {CodePoint(c)} is not allowed in a comment. Remove it.");
            }

            _pos++;
        }
    }

    /// <summary>Skips whitespace, newlines and comments: what may appear between the elements of an array.</summary>
    private void SkipWhitespaceCommentsAndNewlines()
    {
        while (true)
        {
            SkipWhitespace();
            if (Peek == '#')
            {
                SkipComment();
            }

            if (!TryConsumeNewline())
            {
                return;
            }
        }
    }

    /// <summary>U+0000 to U+001F except tab, and U+007F: never allowed raw in strings or comments.</summary>
    private static bool IsForbiddenControl(char c) => (c < 0x20 && c != '\t') || c == '\u007F';

    private static bool IsBareKeyChar(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-';

    private static string CodePoint(char c) => string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");

    /// <summary>Names a character in a message; in a sensitive document only control characters are named.</summary>
    private string ShowChar(char c) =>
        c < 0x20 || c == '\u007F' ? CodePoint(c)
        : _sensitive ? "an unexpected character"
        : string.Create(CultureInfo.InvariantCulture, $"'{c}'");

    /// <summary>
    /// Names a key in a syntax error. In a sensitive document the text before a missing '=' may be a pasted secret
    /// rather than a key, so it is not quoted.
    /// </summary>
    private string ShowKey(string key) => _sensitive ? "the key" : $"the key '{key}'";

    /// <summary>Quotes document text in a message, unless the document is sensitive.</summary>
    private string Show(string fragment) => _sensitive ? "a value (not shown: the file holds secrets)" : $"'{fragment}'";

    private TomlException Error(string reason) => ErrorAt(_pos, reason);

    private TomlException ErrorAt(int position, string reason)
    {
        position = Math.Clamp(position, 0, _text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < position; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new TomlException(reason, line, position - lineStart + 1, _sourceName);
    }

    private int LineOf(int position) => ErrorAt(position, string.Empty).Line;
}
