namespace Sluice.Configuration.Toml;

internal sealed partial class TomlParser
{
    /// <summary>Deepest nesting of arrays and inline tables accepted; deeper input would exhaust the stack.</summary>
    internal const int MaxNestingDepth = 128;

    private int _depth;

    private object ParseValue()
    {
        if (AtEnd || Peek == '\n' || Peek == '\r' || Peek == '#')
        {
            throw Error("Expected a value after '=' but the line ended. Write a value on the same line, e.g. key = \"text\", key = 1 or key = true.");
        }

        switch (Peek)
        {
            case '"':
                return _text.AsSpan(_pos).StartsWith("\"\"\"", StringComparison.Ordinal) ? ParseMultiLineBasicString() : ParseBasicString();
            case '\'':
                return _text.AsSpan(_pos).StartsWith("'''", StringComparison.Ordinal) ? ParseMultiLineLiteralString() : ParseLiteralString();
            case '[':
            case '{':
                if (++_depth > MaxNestingDepth)
                {
                    throw Error($"Arrays and inline tables are nested more than {MaxNestingDepth} levels deep. Flatten the value.");
                }

                var nested = Peek == '[' ? (object)ParseArray() : ParseInlineTable();
                _depth--;
                return nested;
        }

        var start = _pos;
        if (!IsTokenChar(Peek))
        {
            throw Error($"Expected a value but found {ShowChar(Peek)}. Values are strings (\"text\"), numbers, true/false, dates, arrays ([ ]) or inline tables ({{ }}).");
        }

        var token = ReadToken();
        return token switch
        {
            "true" => true,
            "false" => false,
            "inf" or "+inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" or "+nan" => double.NaN,
            "-nan" => -double.NaN,
            _ when char.IsAsciiDigit(token[0]) || ((token[0] == '+' || token[0] == '-') && token.Length > 1) => ParseNumberOrDateTime(token, start),
            _ when token[0] == '.' => throw ErrorAt(start, "A float needs a digit before the '.': write 0.7 rather than .7."),
            _ => throw ErrorAt(start, DescribeBadWord(token)),
        };
    }

    private string DescribeBadWord(string token)
    {
        if (token.Equals("true", StringComparison.OrdinalIgnoreCase) || token.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return $"{Show(token)} is not a TOML value: booleans are lowercase. Write true or false.";
        }

        if (token.Equals("inf", StringComparison.OrdinalIgnoreCase) || token.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            return $"{Show(token)} is not a TOML value: special floats are lowercase. Write inf, +inf, -inf or nan.";
        }

        return $"{Show(token)} is not a TOML value. Strings must be quoted: write \"...\" around the text.";
    }

    /// <summary>Characters that can make up a number, boolean, special float or date-time.</summary>
    private static bool IsTokenChar(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '+' or '.' or ':';

    /// <summary>
    /// Reads a bare value token. A local date followed by a space and a time (<c>1979-05-27 07:32:00</c>) is one
    /// token: TOML 1.0.0 allows a space in place of the T delimiter.
    /// </summary>
    private string ReadToken()
    {
        var start = _pos;
        while (_pos < _text.Length && IsTokenChar(_text[_pos]))
        {
            _pos++;
        }

        if (_pos - start == 10 && LooksLikeDate(_text.AsSpan(start, 10))
            && _pos + 3 < _text.Length && _text[_pos] == ' '
            && char.IsAsciiDigit(_text[_pos + 1]) && char.IsAsciiDigit(_text[_pos + 2]) && _text[_pos + 3] == ':')
        {
            _pos++;
            while (_pos < _text.Length && IsTokenChar(_text[_pos]))
            {
                _pos++;
            }
        }

        return _text[start.._pos];
    }

    private static bool LooksLikeDate(ReadOnlySpan<char> s) =>
        s.Length >= 5 && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1]) && char.IsAsciiDigit(s[2]) && char.IsAsciiDigit(s[3]) && s[4] == '-';

    private object ParseNumberOrDateTime(string token, int start)
    {
        if (LooksLikeDate(token) || (token.Length >= 3 && char.IsAsciiDigit(token[0]) && char.IsAsciiDigit(token[1]) && token[2] == ':'))
        {
            return ParseDateTime(token, start);
        }

        return ParseNumber(token, start);
    }

    private TomlArray ParseArray()
    {
        var start = _pos;
        _pos++;
        var array = new TomlArray();
        while (true)
        {
            SkipWhitespaceCommentsAndNewlines();
            if (AtEnd)
            {
                throw ErrorAt(start, "The array is not closed. Add ']' after its last element.");
            }

            if (Peek == ']')
            {
                _pos++;
                return array;
            }

            if (Peek == ',')
            {
                throw Error("Expected an array element before ','. Remove the extra comma.");
            }

            array.Add(ParseValue());
            SkipWhitespaceCommentsAndNewlines();
            if (Peek == ',')
            {
                _pos++;
                continue;
            }

            if (Peek == ']')
            {
                _pos++;
                return array;
            }

            if (AtEnd)
            {
                throw ErrorAt(start, "The array is not closed. Add ']' after its last element.");
            }

            throw Error($"Expected ',' or ']' after an array element but found {ShowChar(Peek)}. Separate elements with commas.");
        }
    }

    private TomlTable ParseInlineTable()
    {
        _pos++;
        var table = new TomlTable(TomlTableKind.Inline);
        SkipWhitespace();
        if (Peek == '}')
        {
            _pos++;
            return table;
        }

        while (true)
        {
            SkipWhitespace();
            ThrowIfInlineTableLineEnds();
            var keys = ParseKey();
            SkipWhitespace();
            ThrowIfInlineTableLineEnds();
            if (Peek != '=')
            {
                throw Error($"Expected '=' after {ShowKey(Join(keys, keys.Count))} in an inline table but found {ShowChar(Peek)}. Write {{ key = value, other = value }}.");
            }

            _pos++;
            SkipWhitespace();
            ThrowIfInlineTableLineEnds();
            var value = ParseValue();
            Assign(table, keys, value);
            SkipWhitespace();
            ThrowIfInlineTableLineEnds();
            if (Peek == ',')
            {
                _pos++;
                SkipWhitespace();
                if (Peek == '}')
                {
                    throw Error("An inline table cannot end with a trailing comma in TOML 1.0. Remove the ',' before '}'.");
                }

                continue;
            }

            if (Peek == '}')
            {
                _pos++;
                break;
            }

            throw Error($"Expected ',' or '}}' in an inline table but found {ShowChar(Peek)}. Separate key/value pairs with commas.");
        }

        // Keys added later through dotted keys or headers must not reach into an inline table (TOML 1.0.0, Inline Table).
        table.Freeze();
        return table;
    }

    private void ThrowIfInlineTableLineEnds()
    {
        if (AtEnd || Peek == '\n' || Peek == '\r' || Peek == '#')
        {
            throw Error("An inline table must be written on one line and closed with '}' (newlines and comments are not allowed inside { }). Use a [table] header for a longer table.");
        }
    }
}
