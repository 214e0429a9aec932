namespace Sluice.Configuration.Toml;

internal sealed partial class TomlParser
{
    /// <summary>One part of a (possibly dotted) key and where it starts, for error positions.</summary>
    private readonly record struct KeyPart(string Name, int Position);

    /// <summary>Parses <c>simple-key *( ws "." ws simple-key )</c>; whitespace around dots is allowed.</summary>
    private List<KeyPart> ParseKey()
    {
        var parts = new List<KeyPart> { ParseSimpleKey() };
        while (true)
        {
            var save = _pos;
            SkipWhitespace();
            if (Peek != '.')
            {
                _pos = save;
                return parts;
            }

            _pos++;
            SkipWhitespace();
            parts.Add(ParseSimpleKey());
        }
    }

    private KeyPart ParseSimpleKey()
    {
        var start = _pos;
        switch (Peek)
        {
            case '"':
                if (_text.AsSpan(_pos).StartsWith("\"\"\"", StringComparison.Ordinal))
                {
                    throw Error("A multi-line string cannot be a key. Use a single-line quoted key: \"my key\" = 1.");
                }

                return new KeyPart(ParseBasicString(), start);
            case '\'':
                if (_text.AsSpan(_pos).StartsWith("'''", StringComparison.Ordinal))
                {
                    throw Error("A multi-line string cannot be a key. Use a single-line quoted key: 'my key' = 1.");
                }

                return new KeyPart(ParseLiteralString(), start);
        }

        while (_pos < _text.Length && IsBareKeyChar(_text[_pos]))
        {
            _pos++;
        }

        if (_pos > start)
        {
            return new KeyPart(_text[start.._pos], start);
        }

        if (AtEnd || Peek == '\n' || Peek == '\r' || Peek == '#')
        {
            throw Error("Expected a key but the line ended. Write a key before the value, e.g. name = \"value\".");
        }

        if (Peek == '=')
        {
            throw Error("Expected a key before '='. Write a key, e.g. name = \"value\"; an empty key must be quoted: \"\" = 1.");
        }

        throw Error(
            $"{ShowChar(Peek)} cannot appear in a bare key: bare keys may contain only A-Z, a-z, 0-9, '_' and '-'. Quote the key: \"my key\" = 1.");
    }

    private static string Join(List<KeyPart> parts, int count) =>
        string.Join('.', parts.Take(count).Select(p => QuoteKeyIfNeeded(p.Name)));

    private static string QuoteKeyIfNeeded(string name) =>
        name.Length > 0 && name.All(IsBareKeyChar) ? name : "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Parses <c>key = value</c> and stores it under <paramref name="table"/>, following dotted keys.</summary>
    private void ParseKeyValue(TomlTable table)
    {
        var keys = ParseKey();
        SkipWhitespace();
        if (Peek != '=')
        {
            if (AtEnd || Peek == '\n' || Peek == '\r' || Peek == '#')
            {
                throw Error($"Expected '=' after {ShowKey(Join(keys, keys.Count))}. Write key = value on one line.");
            }

            throw Error(
                $"Expected '=' after {ShowKey(Join(keys, keys.Count))} but found {ShowChar(Peek)}. Bare keys may contain only A-Z, a-z, 0-9, '_' and '-'; quote other keys (\"my key\" = 1).");
        }

        _pos++;
        SkipWhitespace();
        var value = ParseValue();
        Assign(table, keys, value);
    }

    /// <summary>
    /// Stores a value under a dotted key. Dotted keys create tables for each part before the last; they may pass
    /// through tables created by dotted keys or only implied by a header's path, never through tables defined by
    /// headers, inline tables or arrays.
    /// </summary>
    private void Assign(TomlTable table, List<KeyPart> keys, object value)
    {
        var target = table;
        for (var i = 0; i < keys.Count - 1; i++)
        {
            var part = keys[i];
            if (!target.TryGetValue(part.Name, out var existing))
            {
                var created = new TomlTable(TomlTableKind.Dotted);
                target.Add(part.Name, created);
                target = created;
                continue;
            }

            if (existing is TomlTable sub && sub.Kind is TomlTableKind.Dotted or TomlTableKind.Implicit)
            {
                // A table that a header only created as a parent ([a.b.c] creates a.b) is not defined yet, so dotted
                // keys may define it; from then on it counts as created by dotted keys and no [a.b] header may follow.
                sub.Kind = TomlTableKind.Dotted;
                target = sub;
                continue;
            }

            var path = Join(keys, i + 1);
            throw ErrorAt(part.Position, existing switch
            {
                TomlTable { Kind: TomlTableKind.Inline } =>
                    $"The dotted key '{Join(keys, keys.Count)}' adds to '{path}', which is an inline table; an inline table is complete where it is written. Put the key inside the braces of '{path}'.",
                TomlTable =>
                    $"The dotted key '{Join(keys, keys.Count)}' adds to the table [{Absolute(table, path)}], which was created by a [header]; dotted keys cannot extend a table defined elsewhere. Write the key under a [{Absolute(table, path)}] header.",
                TomlArray =>
                    $"The dotted key '{Join(keys, keys.Count)}' goes through '{path}', which is an array. Use a [[{path}]] header or write the value inside the array.",
                _ =>
                    $"The dotted key '{Join(keys, keys.Count)}' goes through '{path}', which is already {DescribeType(existing)} value. Rename one of the keys.",
            });
        }

        var last = keys[^1];
        if (target.ContainsKey(last.Name))
        {
            throw ErrorAt(last.Position, $"The key '{Join(keys, keys.Count)}' is defined twice in the same table. Remove one of the definitions or rename it.");
        }

        target.Add(last.Name, value);
    }

    /// <summary>The full path of a key relative to <paramref name="table"/>, when that table is the current header's.</summary>
    private string Absolute(TomlTable table, string relative) =>
        ReferenceEquals(table, _current) && _currentPath.Length > 0 ? _currentPath + "." + relative : relative;

    /// <summary>Parses <c>[table]</c> or <c>[[array.of.tables]]</c> and makes it the current table.</summary>
    private void ParseHeader()
    {
        var headerStart = _pos;
        _pos++;
        var isArray = Peek == '[';
        if (isArray)
        {
            _pos++;
        }

        SkipWhitespace();
        if (Peek == ']')
        {
            throw Error("A table header needs a name: write [name].");
        }

        var keys = ParseKey();
        SkipWhitespace();
        var open = isArray ? "[[" : "[";
        var close = isArray ? "]]" : "]";
        if (Peek != ']' || (isArray && (_pos + 1 >= _text.Length || _text[_pos + 1] != ']')))
        {
            var shown = _sensitive ? "name" : Join(keys, keys.Count);
            throw Error(
                $"The header {(_sensitive ? string.Empty : open + shown + " ")}is not closed with '{close}'. Write {open}{shown}{close} on one line (brackets of [[ ]] cannot be separated).");
        }

        _pos += close.Length;
        var path = Join(keys, keys.Count);
        _currentPath = path;
        var parent = ResolveHeaderParents(keys, open, close);
        var last = keys[^1];
        parent.TryGetValue(last.Name, out var existing);

        if (isArray)
        {
            var element = new TomlTable(TomlTableKind.ArrayElement);
            switch (existing)
            {
                case null:
                    var array = new TomlArray(isArrayOfTables: true);
                    array.Add(element);
                    parent.Add(last.Name, array);
                    break;
                case TomlArray { IsArrayOfTables: true } tables:
                    tables.Add(element);
                    break;
                case TomlArray:
                    throw ErrorAt(last.Position, $"[[{path}]] cannot add to '{path}', which is a static array written as a value (= [ ... ]). Use either the array value or [[{path}]] headers, not both.");
                case TomlTable:
                    throw ErrorAt(last.Position, $"[[{path}]] conflicts with the table '{path}' defined earlier; '{path}' cannot be both a table and an array of tables. Rename one of them or use only [[{path}]].");
                default:
                    throw ErrorAt(last.Position, $"[[{path}]] conflicts with the key '{path}', which is already {DescribeType(existing)} value. Rename one of them.");
            }

            _current = element;
            return;
        }

        switch (existing)
        {
            case null:
                var table = new TomlTable(TomlTableKind.Header);
                parent.Add(last.Name, table);
                _current = table;
                return;
            case TomlTable { Kind: TomlTableKind.Implicit } implicitTable:
                // [a.b.c] created a and a.b without defining them; each may still be defined once by its own header.
                implicitTable.Kind = TomlTableKind.Header;
                _current = implicitTable;
                return;
            case TomlTable { Kind: TomlTableKind.Dotted }:
                throw ErrorAt(headerStart, $"The table [{path}] was already created by dotted keys ({path}.key = ...); a table cannot be defined twice. Move the keys under one [{path}] header or keep only the dotted keys.");
            case TomlTable { Kind: TomlTableKind.Inline }:
                throw ErrorAt(headerStart, $"The table [{path}] was already defined as an inline table ({path} = {{ ... }}), which cannot be extended. Move the keys into the inline table, or replace it with a [{path}] table.");
            case TomlTable:
                throw ErrorAt(headerStart, $"The table [{path}] is defined twice (first on line {LineOfHeader(path, headerStart)}). Merge the two [{path}] sections into one.");
            case TomlArray { IsArrayOfTables: true }:
                throw ErrorAt(headerStart, $"[{path}] conflicts with the array of tables [[{path}]] defined earlier. Use [[{path}]] to add an element, or [{path}.name] for a sub-table of the last element.");
            default:
                throw ErrorAt(headerStart, $"[{path}] conflicts with the key '{path}', which is already {DescribeType(existing)} value. Rename one of them.");
        }
    }

    /// <summary>Walks the parents of a header path from the root, creating implicit tables where missing.</summary>
    private TomlTable ResolveHeaderParents(List<KeyPart> keys, string open, string close)
    {
        var target = _root;
        for (var i = 0; i < keys.Count - 1; i++)
        {
            var part = keys[i];
            var path = Join(keys, i + 1);
            if (!target.TryGetValue(part.Name, out var existing))
            {
                var created = new TomlTable(TomlTableKind.Implicit);
                target.Add(part.Name, created);
                target = created;
                continue;
            }

            switch (existing)
            {
                case TomlTable { Kind: TomlTableKind.Inline }:
                    throw ErrorAt(part.Position, $"{open}{Join(keys, keys.Count)}{close} adds to '{path}', which is an inline table; an inline table is complete where it is written. Put the keys inside the braces of '{path}' or replace it with a [{path}] table.");
                case TomlTable sub:
                    target = sub;
                    break;
                case TomlArray { IsArrayOfTables: true } tables:
                    // A sub-table of an array of tables belongs to its most recent element (TOML 1.0.0, Array of Tables).
                    target = (TomlTable)tables[^1];
                    break;
                case TomlArray:
                    throw ErrorAt(part.Position, $"{open}{Join(keys, keys.Count)}{close} goes through '{path}', which is a static array written as a value (= [ ... ]). Use [[{path}]] headers instead of the array value.");
                default:
                    throw ErrorAt(part.Position, $"{open}{Join(keys, keys.Count)}{close} goes through '{path}', which is already {DescribeType(existing)} value. Rename one of them.");
            }
        }

        return target;
    }

    /// <summary>Best-effort line of an earlier header with the same path, for the duplicate-table message.</summary>
    private string LineOfHeader(string path, int before)
    {
        var needle = "[" + path + "]";
        var index = _text.LastIndexOf(needle, Math.Max(0, before - 1), StringComparison.Ordinal);
        return index >= 0 ? LineOf(index).ToString(System.Globalization.CultureInfo.InvariantCulture) : "an earlier line";
    }

    private static string DescribeType(object? value) => value switch
    {
        string => "a string",
        long => "an integer",
        double => "a float",
        bool => "a boolean",
        DateTimeOffset => "an offset date-time",
        DateTime => "a local date-time",
        DateOnly => "a local date",
        TimeOnly => "a local time",
        TomlArray => "an array",
        TomlTable => "a table",
        _ => "a",
    };
}
