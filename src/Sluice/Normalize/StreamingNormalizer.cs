using System.Text;
using System.Text.Json;
using Sluice.Extract;
using Sluice.Naming;
using Sluice.Schema;

namespace Sluice.Normalize;

/// <summary>
/// Normalises items straight from their typed JSON in the extracted package into the column buffers of a
/// <see cref="PackageRowWriter"/>: no value tree, no row dictionary, no boxing for the common values (text, bigint,
/// double, bool, ISO timestamps in timestamp columns). It follows <see cref="RowNormalizer"/>'s rules exactly and uses
/// its schema decisions for everything else (new columns, coercion, variant columns, name collisions, child tables),
/// so both produce the same rows and the same schema. Items of resources under a schema contract other than evolve,
/// or whose root ids hash their content (merge upsert, insert-only, scd2), go through <see cref="RowNormalizer"/>.
/// <para>
/// Rows come out in the same order as <see cref="RowNormalizer"/>'s: the root row first, then each child list in
/// field order, each child row followed by its own lists. Lists are therefore read after their parent row is
/// complete (its id may come from a later <c>_sluice_id</c> field): the parser skips them and comes back to their
/// position in the line.
/// </para>
/// </summary>
internal sealed class StreamingNormalizer : IDisposable
{
    private const int IdLength = 14;
    private static ReadOnlySpan<byte> TagUtf8 => [0xEE, 0x80, 0x80];

    private readonly RowNormalizer _rows;
    private readonly PackageRowWriter _sink;
    private readonly byte[] _loadId;
    private readonly Dictionary<TableSchema, TableState> _tables = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(TableSchema Parent, string Name, string SourcePath), (TableSchema Table, int TableCount)> _children = [];
    private readonly byte[] _random = new byte[10 * 1600];
    private int _randomUsed = 10 * 1600;
    private readonly RandomIdBytes _randomBytes = new();
    private byte[] _scratch = new byte[1024];

    public StreamingNormalizer(RowNormalizer rows, PackageRowWriter sink, string loadId)
    {
        _rows = rows;
        _sink = sink;
        _loadId = Encoding.UTF8.GetBytes(loadId);
    }

    public void Dispose()
    {
        _randomBytes.Dispose();
    }

    /// <summary>True when items with these hints can be normalised here (see the type's summary).</summary>
    public static bool Supports(ResourceHints hints) =>
        hints.Contract.IsEvolve && hints.TableNameSelector is null &&
        !(hints.WriteDisposition == WriteDisposition.Merge && hints.MergeStrategy is MergeStrategy.Scd2 or MergeStrategy.Upsert or MergeStrategy.InsertOnly);

    /// <summary>Normalises the item whose JSON object starts at <paramref name="itemStart"/> of <paramref name="line"/>.</summary>
    public void Normalize(ReadOnlySpan<byte> line, int itemStart, string resourceName, ResourceHints hints)
    {
        _rows.UseEvolve();
        var table = _rows.RootTable(hints.TableName ?? resourceName, hints);
        var state = State(table);
        var reader = new Utf8JsonReader(line[itemStart..], new JsonReaderOptions { MaxDepth = ItemConverter.MaxDepth + 2 });
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An extracted item is not a JSON object.");
        }

        var row = new RowContext(Buffer(state), itemStart);
        List<Deferred>? children = null;
        FlattenObject(ref reader, state.RootScope, 0, hints, ref row, ref children);

        Span<byte> generated = stackalloc byte[IdLength];
        scoped ReadOnlySpan<byte> id;
        if (row.GivenId is { } given)
        {
            id = given;
        }
        else if (_rows.RootIds is { } ids)
        {
            id = Encoding.UTF8.GetBytes(ids());
        }
        else
        {
            NextRandomId(generated);
            id = generated;
        }

        SetSystemText(state, 0, SystemColumns.Id, id, ref row);
        SetSystemText(state, 1, SystemColumns.LoadId, _loadId, ref row);
        CheckKeys(state, hints, ref row);
        _sink.EndRow(row.Buffer, row.Bytes);
        if (children is not null)
        {
            foreach (var child in children)
            {
                EmitList(line, table, child.Field.ChildName(table), child.Field.SourceName, child.Start, id, id, child.Depth, hints);
            }
        }
    }

    private void EmitList(
        ReadOnlySpan<byte> line, TableSchema parent, string childName, string sourcePath, int start, ReadOnlySpan<byte> parentId, ReadOnlySpan<byte> rootId, int depth, ResourceHints hints)
    {
        var table = ChildTable(parent, childName, sourcePath);
        var state = State(table);
        var reader = new Utf8JsonReader(line[start..], new JsonReaderOptions { MaxDepth = ItemConverter.MaxDepth + 2 });
        reader.Read();
        Span<byte> id = stackalloc byte[IdLength];
        long position = 0;
        var list = default(ChildListKey);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (position == 0)
            {
                // Hashed once per list, and only for a list that has elements.
                list = ListKey(parentId, state.NameUtf8);
            }

            RowIds.Child(list, position, id);
            var row = new RowContext(Buffer(state), start);
            List<Deferred>? grandchildren = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    FlattenObject(ref reader, state.RootScope, depth, hints, ref row, ref grandchildren);
                    break;
                case JsonTokenType.StartArray when depth + 1 <= hints.MaxTableNesting:
                    grandchildren = [new Deferred(state.ListField, start + (int)reader.TokenStartIndex, depth + 1)];
                    reader.Skip();
                    break;
                case JsonTokenType.StartArray:
                    AddJson(ref reader, state.RootScope.ValueField, ref row);
                    break;
                default:
                    AddScalar(ref reader, state.RootScope.ValueField, ref row);
                    break;
            }

            SetSystemText(state, 0, SystemColumns.Id, id, ref row);
            SetSystemText(state, 2, SystemColumns.ParentId, parentId, ref row);
            SetSystemLong(state, 3, SystemColumns.ListIndex, position, ref row);
            SetSystemText(state, 4, SystemColumns.RootId, rootId, ref row);
            _sink.EndRow(row.Buffer, row.Bytes);
            if (grandchildren is not null)
            {
                foreach (var child in grandchildren)
                {
                    EmitList(line, table, child.Field.ChildName(table), child.Field.SourceName, child.Start, id, rootId, child.Depth, hints);
                }
            }

            position++;
        }
    }

    private void FlattenObject(ref Utf8JsonReader reader, Scope scope, int depth, ResourceHints hints, ref RowContext row, ref List<Deferred>? children)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = scope.Lookup(ref reader, _rows);
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    if (!DeclaredJson(hints, field) && depth + 1 <= hints.MaxTableNesting)
                    {
                        FlattenObject(ref reader, field.Nested(scope), depth + 1, hints, ref row, ref children);
                    }
                    else
                    {
                        AddJson(ref reader, field, ref row);
                    }

                    break;
                case JsonTokenType.StartArray:
                    if (!DeclaredJson(hints, field) && depth + 1 <= hints.MaxTableNesting)
                    {
                        (children ??= []).Add(new Deferred(field, row.Origin + (int)reader.TokenStartIndex, depth + 1));
                        reader.Skip();
                    }
                    else
                    {
                        AddJson(ref reader, field, ref row);
                    }

                    break;
                default:
                    AddScalar(ref reader, field, ref row);
                    break;
            }
        }
    }

    private static bool DeclaredJson(ResourceHints hints, Field field) =>
        hints.Columns.Count > 0 && hints.Columns.TryGetValue(field.SourceName, out var declared) && declared == DataType.Json;

    /// <summary>A dict or list kept whole: its JSON text, as <see cref="RowNormalizer"/> serialises the value tree.</summary>
    private void AddJson(ref Utf8JsonReader reader, Field field, ref RowContext row)
    {
        var value = TypedJson.Read(ref reader);
        AddGeneric(field, new JsonText(JsonSerializer.Serialize(value)), ref row);
    }

    private void AddScalar(ref Utf8JsonReader reader, Field field, ref RowContext row)
    {
        var table = row.Buffer.Table;
        var column = field.IsId ? null : field.Column(table);
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
            {
                if (field.IsId)
                {
                    AddGeneric(field, TypedJson.Read(ref reader), ref row);
                    return;
                }

                var text = reader.ValueIsEscaped ? Unescape(ref reader) : reader.ValueSpan;
                if (text.StartsWith(TagUtf8))
                {
                    AddGeneric(field, TypedJson.Read(ref reader), ref row);
                    return;
                }

                if (column is { Type: DataType.Text })
                {
                    row.Buffer.Column(field.Index).SetBytes(row.Buffer.Row, text, DataType.Text);
                    row.Bytes += text.Length + 4;
                    return;
                }

                if (column is { Type: DataType.Timestamp } && TryParseUtcTimestamp(text, out var ticks))
                {
                    row.Buffer.Column(field.Index).SetLong(row.Buffer.Row, ticks, DataType.Timestamp);
                    row.Bytes += 8;
                    return;
                }

                var s = Encoding.UTF8.GetString(text);
                if (column is { Type: DataType.Timestamp } && s.Length >= 10 && char.IsAsciiDigit(s[0]) && DataTypeInference.TryParseTimestamp(s, out var timestamp))
                {
                    row.Buffer.Column(field.Index).SetLong(row.Buffer.Row, timestamp.Ticks, DataType.Timestamp);
                    row.Bytes += 8;
                    return;
                }

                AddGeneric(field, s, ref row);
                return;
            }

            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var l))
                {
                    if (column is { Type: DataType.Bigint })
                    {
                        row.Buffer.Column(field.Index).SetLong(row.Buffer.Row, l, DataType.Bigint);
                        row.Bytes += 8;
                        return;
                    }

                    AddGeneric(field, l, ref row);
                    return;
                }

                if (reader.ValueSpan.IndexOfAny((byte)'.', (byte)'e', (byte)'E') >= 0)
                {
                    var d = reader.GetDouble();
                    if (column is { Type: DataType.Double })
                    {
                        row.Buffer.Column(field.Index).SetDouble(row.Buffer.Row, d);
                        row.Bytes += 8;
                        return;
                    }

                    AddGeneric(field, d, ref row);
                    return;
                }

                AddGeneric(field, reader.GetDecimal(), ref row);
                return;
            case JsonTokenType.True or JsonTokenType.False:
                var b = reader.TokenType == JsonTokenType.True;
                if (column is { Type: DataType.Bool })
                {
                    row.Buffer.Column(field.Index).SetLong(row.Buffer.Row, b ? 1 : 0, DataType.Bool);
                    row.Bytes += 8;
                    return;
                }

                AddGeneric(field, b, ref row);
                return;
            default:
                AddGeneric(field, null, ref row);
                return;
        }
    }

    /// <summary>
    /// The common UTC form <c>YYYY-MM-DD[T ]HH:MM:SS[.f{1,7}][Zz]</c> without allocating; false for anything else
    /// (offsets, more digits, out-of-range fields), which then goes through
    /// <see cref="DataTypeInference.TryParseTimestamp"/>. Gives the same UTC ticks as that method where it answers.
    /// </summary>
    internal static bool TryParseUtcTimestamp(ReadOnlySpan<byte> text, out long ticks)
    {
        ticks = 0;
        if (text.Length is < 20 or > 28 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') ||
            text[13] != ':' || text[16] != ':' || (text[^1] != 'Z' && text[^1] != 'z'))
        {
            return false;
        }

        if (!Digits(text[..4], out var year) || !Digits(text.Slice(5, 2), out var month) || !Digits(text.Slice(8, 2), out var day) ||
            !Digits(text.Slice(11, 2), out var hour) || !Digits(text.Slice(14, 2), out var minute) || !Digits(text.Slice(17, 2), out var second))
        {
            return false;
        }

        long fraction = 0;
        if (text.Length > 20)
        {
            // ".f" up to ".fffffff" (100 ns) before the Z.
            var digits = text[20..^1];
            if (text[19] != '.' || digits.Length is < 1 or > 7 || !Digits(digits, out var value))
            {
                return false;
            }

            fraction = value;
            for (var i = digits.Length; i < 7; i++)
            {
                fraction *= 10;
            }
        }
        else if (text[19] != 'Z' && text[19] != 'z')
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fraction;
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    /// <summary>Any value, through <see cref="RowNormalizer.Resolve"/>: new columns, coercion, variant columns.</summary>
    private void AddGeneric(Field field, object? value, ref RowContext row)
    {
        var table = row.Buffer.Table;
        if (field.IsId && value is string given)
        {
            // A root item may bring its own row id; a child's is replaced by the computed one.
            row.GivenId = Encoding.UTF8.GetBytes(given);
            row.Bytes += given.Length + 4;
            return;
        }

        if (!_rows.Resolve(table, field.Name, field.SourceName, value, out var target, out var stored))
        {
            return;
        }

        var index = string.Equals(target, field.Name, StringComparison.Ordinal) ? field.Resolve(table) : IndexOf(table, target);
        row.Bytes += PackageRowWriter.Estimate(stored);
        if (stored is null)
        {
            row.Buffer.Existing(index)?.ClearRow(row.Buffer.Row);
            return;
        }

        row.Buffer.Column(index).SetValue(row.Buffer.Row, stored, table.Columns[index].Type!.Value);
    }

    private static int IndexOf(TableSchema table, string name)
    {
        var column = table.Column(name) ?? throw new InvalidOperationException($"Column '{name}' of table '{table.Name}' was not created.");
        return table.Columns.IndexOf(column);
    }

    private ReadOnlySpan<byte> Unescape(ref Utf8JsonReader reader)
    {
        if (_scratch.Length < reader.ValueSpan.Length)
        {
            _scratch = new byte[Math.Max(reader.ValueSpan.Length, _scratch.Length * 2)];
        }

        var written = reader.CopyString(_scratch);
        return _scratch.AsSpan(0, written);
    }

    private void SetSystemText(TableState state, int slot, string name, ReadOnlySpan<byte> value, ref RowContext row)
    {
        var index = state.System(slot, name, DataType.Text);
        row.Buffer.Column(index).SetBytes(row.Buffer.Row, value, DataType.Text);
        row.Bytes += value.Length + 4;
    }

    private static void SetSystemLong(TableState state, int slot, string name, long value, ref RowContext row)
    {
        var index = state.System(slot, name, DataType.Bigint);
        row.Buffer.Column(index).SetLong(row.Buffer.Row, value, DataType.Bigint);
        row.Bytes += 8;
    }

    private static void CheckKeys(TableState state, ResourceHints hints, ref RowContext row)
    {
        foreach (var (column, index) in state.Keys(hints))
        {
            if (row.Buffer.Existing(index)?.HasValue(row.Buffer.Row) != true)
            {
                throw new Errors.SchemaException(
                    $"Key column '{column.SourceName}' of table '{state.Table.Name}' is NULL or missing in an item; keys are NOT NULL because merges match on them. Give every item a value for '{column.SourceName}', or remove it from ResourceHints.PrimaryKey/MergeKey.")
                { Table = state.Table.Name };
            }
        }
    }

    /// <summary>Random row ids (as <see cref="RowIds.Random"/>), drawn from a cryptographic generator in blocks.</summary>
    private void NextRandomId(Span<byte> id)
    {
        if (_randomUsed > _random.Length - 10)
        {
            _randomBytes.Fill(_random);
            _randomUsed = 0;
        }

        Encode(_random.AsSpan(_randomUsed, 10), id);
        _randomUsed += 10;
    }

    /// <summary><see cref="RowIds.ChildKey"/> on UTF-8: the hash of <c>"&lt;parent_id&gt;_&lt;child_table&gt;_"</c>.</summary>
    private static ChildListKey ListKey(ReadOnlySpan<byte> parentId, ReadOnlySpan<byte> table)
    {
        var length = parentId.Length + table.Length + 2;
        Span<byte> text = length <= 512 ? stackalloc byte[length] : new byte[length];
        parentId.CopyTo(text);
        var at = parentId.Length;
        text[at++] = (byte)'_';
        table.CopyTo(text[at..]);
        at += table.Length;
        text[at] = (byte)'_';
        return ChildListKey.FromPrefix(text);
    }

    /// <summary>10 bytes as base64 without padding (14 characters), as <see cref="RowIds"/> writes them.</summary>
    private static void Encode(ReadOnlySpan<byte> bytes, Span<byte> id) => RowIds.EncodeUtf8(bytes, id);

    /// <summary><see cref="RowNormalizer.ChildTable"/>, resolved once per parent and list while the schema's tables stay the same.</summary>
    private TableSchema ChildTable(TableSchema parent, string childName, string sourcePath)
    {
        var key = (parent, childName, sourcePath);
        if (_children.TryGetValue(key, out var cached) && cached.TableCount == _rows.Schema.Tables.Count)
        {
            cached.Table.WriteDisposition = parent.WriteDisposition;
            cached.Table.MergeStrategy = parent.MergeStrategy;
            cached.Table.TableFormat = parent.TableFormat;
            return cached.Table;
        }

        var table = _rows.ChildTable(parent, childName, sourcePath);
        _children[key] = (table, _rows.Schema.Tables.Count);
        return table;
    }

    private TableBuffer Buffer(TableState state)
    {
        if (state.Buffer is not { Detached: false } buffer)
        {
            buffer = _sink.Buffer(state.Table);
            state.Buffer = buffer;
        }

        return buffer;
    }

    private TableState State(TableSchema table)
    {
        if (!_tables.TryGetValue(table, out var state))
        {
            state = new TableState(table);
            _tables[table] = state;
        }

        return state;
    }

    private readonly record struct Deferred(Field Field, int Start, int Depth);

    /// <summary>The row being filled; <see cref="Origin"/> is where the current reader's span starts in the line.</summary>
    private struct RowContext(TableBuffer buffer, int origin)
    {
        public readonly TableBuffer Buffer = buffer;
        public readonly int Origin = origin;
        public long Bytes;
        public byte[]? GivenId;
    }

    /// <summary>Per table: its flattening scope, its system columns and its key columns.</summary>
    private sealed class TableState
    {
        private readonly (ColumnSchema? Column, int Index)[] _system = new (ColumnSchema?, int)[5];
        private List<(ColumnSchema Column, int Index)> _keys = [];
        private int _keysColumnCount = -1;
        private ResourceHints? _keysHints;

        public TableState(TableSchema table)
        {
            Table = table;
            NameUtf8 = Encoding.UTF8.GetBytes(table.Name);
            RootScope = new Scope(table, string.Empty, string.Empty);
            ListField = new Field("list", "list", "[]");
        }

        public TableSchema Table { get; }

        /// <summary>The buffer rows of this table go to (replaced when it is written to a file).</summary>
        public TableBuffer? Buffer { get; set; }

        public byte[] NameUtf8 { get; }

        public Scope RootScope { get; }

        /// <summary>The field of a list directly inside a list (<c>&lt;table&gt;__list</c>).</summary>
        public Field ListField { get; }

        /// <summary>The position of a system column, created and typed as <see cref="RowNormalizer"/> does.</summary>
        public int System(int slot, string name, DataType type)
        {
            var (cached, index) = _system[slot];
            if (cached is not null && cached.Type == type && index < Table.Columns.Count && ReferenceEquals(Table.Columns[index], cached))
            {
                return index;
            }

            var column = Table.Column(name);
            if (column is null)
            {
                column = new ColumnSchema { Name = name, SourceName = name, Nullable = false };
                Table.Columns.Add(column);
            }

            if (column.Type is { } existing && existing != type)
            {
                throw new Errors.SchemaException(
                    $"Column '{name}' of table '{Table.Name}' is a Sluice system column of type {existing}, but the item gave a {type} value. Rename that field in the resource.")
                { Table = Table.Name };
            }

            column.Type = type;
            index = Table.Columns.IndexOf(column);
            _system[slot] = (column, index);
            return index;
        }

        public List<(ColumnSchema Column, int Index)> Keys(ResourceHints hints)
        {
            if (_keysColumnCount != Table.Columns.Count || !ReferenceEquals(_keysHints, hints))
            {
                _keys = Table.Columns.Select((c, i) => (Column: c, Index: i)).Where(p => p.Column.PrimaryKey || p.Column.MergeKey).ToList();
                _keysColumnCount = Table.Columns.Count;
                _keysHints = hints;
            }

            return _keys;
        }
    }

    /// <summary>The fields seen under one flattening prefix of one table, in first-seen order.</summary>
    private sealed class Scope(TableSchema table, string prefix, string sourcePrefix)
    {
        private readonly List<Field> _fields = [];
        private Dictionary<string, Field>? _byKey;
        private int _next;

        public TableSchema Table { get; } = table;

        public string Prefix { get; } = prefix;

        public string SourcePrefix { get; } = sourcePrefix;

        /// <summary>The <c>value</c> column of a list of scalars.</summary>
        public Field ValueField { get; } = new(SystemColumns.Value, SystemColumns.Value, SystemColumns.Value);

        public Field Lookup(ref Utf8JsonReader reader, RowNormalizer rows)
        {
            string key;
            if (!reader.ValueIsEscaped)
            {
                var name = reader.ValueSpan;
                // Items of one resource usually repeat their keys in the same order: try the next expected field first.
                if (_next < _fields.Count && name.SequenceEqual(_fields[_next].Utf8))
                {
                    return _fields[_next++];
                }

                if (_byKey is null)
                {
                    for (var i = 0; i < _fields.Count; i++)
                    {
                        if (name.SequenceEqual(_fields[i].Utf8))
                        {
                            _next = i + 1;
                            return _fields[i];
                        }
                    }
                }

                key = Encoding.UTF8.GetString(name);
            }
            else
            {
                key = reader.GetString()!;
            }

            if (_byKey is not null ? _byKey.TryGetValue(key, out var found) : (found = _fields.Find(f => string.Equals(f.Key, key, StringComparison.Ordinal))) is not null)
            {
                _next = _fields.IndexOf(found!) + 1;
                return found!;
            }

            var (column, source) = rows.Names(Prefix, SourcePrefix, key);
            var field = new Field(key, column, source);
            _fields.Add(field);
            _next = _fields.Count;
            if (_byKey is not null || _fields.Count > 32)
            {
                _byKey ??= _fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
                _byKey[key] = field;
            }

            return field;
        }
    }

    /// <summary>One source key under a scope: its column name, source name and (once resolved) column position.</summary>
    private sealed class Field(string key, string name, string sourceName)
    {
        private ColumnSchema? _column;
        private Scope? _nested;
        private string? _childName;
        private TableSchema? _childParent;

        public string Key { get; } = key;

        public byte[] Utf8 { get; } = Encoding.UTF8.GetBytes(key);

        public string Name { get; } = name;

        public string SourceName { get; } = sourceName;

        public bool IsId { get; } = string.Equals(name, SystemColumns.Id, StringComparison.Ordinal);

        public int Index { get; private set; } = -1;

        /// <summary>The column if it exists at its known position (null when it was never created).</summary>
        public ColumnSchema? Column(TableSchema table)
        {
            if (_column is not null && Index < table.Columns.Count && ReferenceEquals(table.Columns[Index], _column))
            {
                return _column;
            }

            var column = table.Column(Name);
            if (column is null || !string.Equals(column.SourceName, SourceName, StringComparison.Ordinal) || column.VariantOf is not null)
            {
                // Not created yet, or created from another source name: the general path decides (and reports collisions).
                _column = null;
                return null;
            }

            _column = column;
            Index = table.Columns.IndexOf(column);
            return column;
        }

        /// <summary>The position of the column after <see cref="RowNormalizer.Resolve"/> created it.</summary>
        public int Resolve(TableSchema table) => Column(table) is not null ? Index : IndexOf(table, Name);

        public Scope Nested(Scope parent) => _nested ??= new Scope(parent.Table, Name, SourceName);

        /// <summary>The child table a list under this field goes to: <c>&lt;table&gt;__&lt;name&gt;</c>.</summary>
        public string ChildName(TableSchema table)
        {
            if (_childName is null || !ReferenceEquals(_childParent, table))
            {
                _childName = SnakeCaseNaming.JoinTablePath(table.Name, Name);
                _childParent = table;
            }

            return _childName;
        }
    }
}
