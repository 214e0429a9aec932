using System.Globalization;
using System.Text.Json;
using Sluice.Errors;
using Sluice.Extract;
using Sluice.Naming;
using Sluice.Schema;

namespace Sluice.Normalize;

/// <summary>
/// Turns items (value trees from <see cref="ItemConverter"/>) into rows of root and child tables, growing
/// <see cref="Schema"/> as it goes: dicts flatten to <c>a__b</c>, lists become child tables <c>parent__field</c>,
/// types are inferred and coerced, values that do not fit a column go to a variant column, NULL-only columns stay
/// incomplete. Throws <see cref="SchemaException"/> for name collisions, NULL keys and TIME values.
/// </summary>
public sealed class RowNormalizer
{
    private readonly string _loadId;
    // Normalising names is the hottest step for wide items; a path always normalises to the same name.
    private readonly Dictionary<(string SourcePrefix, string Key), (string Name, string SourceName)> _names = [];

    public RowNormalizer(PipelineSchema schema, string loadId)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentException.ThrowIfNullOrEmpty(loadId);
        Schema = schema;
        _loadId = loadId;
    }

    public PipelineSchema Schema { get; }

    /// <summary>Replaces <see cref="RowIds.Random"/> for root ids (tests compare two runs with it).</summary>
    internal Func<string>? RootIds { get; init; }

    /// <summary>Contract checks off: the streaming normalizer only handles resources under the evolve contract.</summary>
    internal void UseEvolve() => _contract = SchemaContract.Evolve;

    /// <summary>The column name and source name of <paramref name="key"/> under a flattening prefix (cached).</summary>
    internal (string Name, string SourceName) Names(string prefix, string sourcePrefix, string key)
    {
        if (!_names.TryGetValue((sourcePrefix, key), out var names))
        {
            names = (SnakeCaseNaming.JoinPath(prefix, SnakeCaseNaming.NormalizeFragment(key)), sourcePrefix.Length == 0 ? key : sourcePrefix + "." + key);
            _names[(sourcePrefix, key)] = names;
        }

        return names;
    }

    private (ResourceHints Hints, string SourceName, TableSchema Table)? _lastRoot;
    private HashSet<string>? _tablesAtStart;
    private SchemaContract _contract = SchemaContract.Evolve;
    private bool _discard;

    /// <summary>Items skipped by a DiscardRow schema contract.</summary>
    public long DiscardedItems { get; private set; }

    /// <summary>
    /// Normalises one item of a resource and hands its rows to <paramref name="sink"/>, root first. Under a schema
    /// contract other than evolve, the item's rows are held until the item is complete; a discarded item leaves no
    /// row and no schema change behind.
    /// </summary>
    public void Normalize(IReadOnlyDictionary<string, object?> item, string resourceName, ResourceHints hints, IRowSink sink)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(hints);
        ArgumentNullException.ThrowIfNull(sink);
        if (hints.Contract.IsEvolve)
        {
            _contract = SchemaContract.Evolve;
            NormalizeItem(item, resourceName, hints, sink);
            return;
        }

        // Tables that existed before this normalizer started are the ones a contract protects.
        _tablesAtStart ??= Schema.Tables.Where(t => t.CompleteColumns.Any()).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        _contract = hints.Contract;
        _discard = false;
        var tableCount = Schema.Tables.Count;
        var snapshot = Schema.Tables.Select(t => (Table: t, Columns: t.Columns.Count, Incomplete: t.Columns.Where(c => !c.IsComplete).ToList())).ToList();
        var held = new HeldRows();
        NormalizeItem(item, resourceName, hints, held);
        if (_discard)
        {
            Schema.Tables.RemoveRange(tableCount, Schema.Tables.Count - tableCount);
            foreach (var (table, columns, incomplete) in snapshot)
            {
                table.Columns.RemoveRange(columns, table.Columns.Count - columns);
                incomplete.ForEach(c => c.Type = null);
            }

            _lastRoot = null;
            DiscardedItems++;
            return;
        }

        foreach (var (table, row) in held.Rows)
        {
            sink.Add(table, row);
        }
    }

    private sealed class HeldRows : IRowSink
    {
        public List<(TableSchema Table, Dictionary<string, object?> Row)> Rows { get; } = [];

        public void Add(TableSchema table, Dictionary<string, object?> row) => Rows.Add((table, row));
    }

    /// <summary>Applies a contract mode; true when the change may be made.</summary>
    private bool Allow(ContractMode mode, string change, string fix)
    {
        switch (mode)
        {
            case ContractMode.Evolve:
                return true;
            case ContractMode.Freeze:
                throw new SchemaException($"{change}, but the resource's schema contract freezes this. {fix}");
            case ContractMode.DiscardRow:
                _discard = true;
                return false;
            default:
                return false;
        }
    }

    private void CheckNewTable(string name, string sourceName)
    {
        if (!_contract.IsEvolve)
        {
            Allow(_contract.Tables == ContractMode.DiscardValue ? ContractMode.DiscardRow : _contract.Tables,
                $"Item data needs the new table '{name}' (from '{sourceName}')",
                "Set ResourceHints.Contract.Tables to Evolve, or DiscardRow to skip such items.");
        }
    }

    private void NormalizeItem(IReadOnlyDictionary<string, object?> item, string resourceName, ResourceHints hints, IRowSink sink)
    {
        var sourceTable = hints.TableName ?? hints.TableNameSelector?.Invoke(item) ?? resourceName;
        var table = RootTable(sourceTable, hints);
        var row = new Dictionary<string, object?>(table.Columns.Count + 2, StringComparer.Ordinal);
        var children = new List<(string Field, string SourcePath, List<object?> Items, int Depth)>();
        Flatten(table, item, string.Empty, string.Empty, 0, hints, row, children);
        var id = row.TryGetValue(SystemColumns.Id, out var given) && given is string text ? text : RootId(table, row, item);
        SetSystem(table, row, SystemColumns.Id, id);
        SetSystem(table, row, SystemColumns.LoadId, _loadId);
        CheckKeys(table, row);
        sink.Add(table, row);
        foreach (var (field, sourcePath, items, depth) in children)
        {
            EmitList(table, SnakeCaseNaming.JoinTablePath(table.Name, field), sourcePath, items, id, id, depth, hints, sink);
        }
    }

    internal TableSchema RootTable(string sourceName, ResourceHints hints)
    {
        // Items of one resource share their hints object: resolve the table and apply the hints once per pair.
        if (_lastRoot is { } last && ReferenceEquals(last.Hints, hints) && string.Equals(last.SourceName, sourceName, StringComparison.Ordinal))
        {
            return last.Table;
        }

        var resolved = ResolveRootTable(sourceName, hints);
        _lastRoot = (hints, sourceName, resolved);
        return resolved;
    }

    private TableSchema ResolveRootTable(string sourceName, ResourceHints hints)
    {
        var name = SnakeCaseNaming.NormalizeFragment(sourceName);
        var table = Schema.Table(name);
        if (table is null)
        {
            CheckNewTable(name, sourceName);
            table = new TableSchema { Name = name, SourceName = sourceName };
            Schema.Tables.Add(table);
        }
        else if (!string.Equals(table.SourceName, sourceName, StringComparison.Ordinal))
        {
            throw Collision("table", name, table.SourceName, sourceName, null);
        }
        else if (table.Parent is not null)
        {
            throw new SchemaException(
                $"Resource table '{sourceName}' normalises to '{name}', which is already a child table of '{table.Parent}'. Rename the resource's table (ResourceHints.TableName).")
            { Table = name };
        }

        ApplyHints(table, hints);
        return table;
    }

    private void ApplyHints(TableSchema table, ResourceHints hints)
    {
        table.WriteDisposition = hints.WriteDisposition;
        table.MergeStrategy = hints.MergeStrategy;
        table.TableFormat = hints.TableFormat;
        table.HardDelete = hints.HardDelete is null ? null : SnakeCaseNaming.NormalizeFragment(hints.HardDelete);
        table.DedupSort = hints.DedupSort is null ? null : SnakeCaseNaming.NormalizeFragment(hints.DedupSort);
        table.DedupSortDescending = hints.DedupSortDescending;
        table.Partition = hints.Partition.Select(p => p with { Column = SnakeCaseNaming.NormalizeFragment(p.Column) }).ToList();
        foreach (var (source, type) in hints.Columns)
        {
            var column = EnsureColumn(table, SnakeCaseNaming.NormalizeFragment(source), source, variantOf: null);
            column.Type ??= type;
        }

        foreach (var key in hints.PrimaryKey)
        {
            var column = EnsureColumn(table, SnakeCaseNaming.NormalizeFragment(key), key, variantOf: null);
            column.PrimaryKey = true;
            column.Nullable = false;
        }

        foreach (var key in hints.MergeKey)
        {
            var column = EnsureColumn(table, SnakeCaseNaming.NormalizeFragment(key), key, variantOf: null);
            column.MergeKey = true;
            column.Nullable = false;
        }

        if (table.WriteDisposition == WriteDisposition.Merge && table.MergeStrategy == MergeStrategy.Scd2)
        {
            foreach (var validity in new[] { SystemColumns.ValidFrom, SystemColumns.ValidTo })
            {
                var column = EnsureColumn(table, validity, validity, variantOf: null);
                column.Type = DataType.Timestamp;
            }
        }

        if (table.WriteDisposition == WriteDisposition.Merge && table.MergeStrategy is MergeStrategy.Upsert or MergeStrategy.InsertOnly && hints.PrimaryKey.Count == 0)
        {
            throw new SchemaException(
                $"Table '{table.Name}' is merged with strategy '{table.MergeStrategy}', which matches rows by primary key, but no primary key is set. Set ResourceHints.PrimaryKey (e.g. [\"id\"]) or use MergeStrategy.DeleteInsert.")
            { Table = table.Name };
        }
    }

    private void Flatten(
        TableSchema table,
        IReadOnlyDictionary<string, object?> record,
        string prefix,
        string sourcePrefix,
        int depth,
        ResourceHints hints,
        Dictionary<string, object?> row,
        List<(string, string, List<object?>, int)> children)
    {
        foreach (var (key, value) in record)
        {
            var (name, sourceName) = Names(prefix, sourcePrefix, key);
            if (value is null or string or long or double or bool && !string.Equals(name, SystemColumns.Id, StringComparison.Ordinal))
            {
                // Scalars are the common case: skip the container checks.
                AddValue(table, row, name, sourceName, value);
                continue;
            }

            var declaredJson = hints.Columns.Count > 0 && hints.Columns.TryGetValue(sourceName, out var declared) && declared == DataType.Json;
            switch (value)
            {
                case IReadOnlyDictionary<string, object?> nested when !declaredJson && depth + 1 <= hints.MaxTableNesting:
                    Flatten(table, nested, name, sourceName, depth + 1, hints, row, children);
                    break;
                case List<object?> list when !declaredJson && depth + 1 <= hints.MaxTableNesting:
                    children.Add((name, sourceName, list, depth + 1));
                    break;
                case IReadOnlyDictionary<string, object?> or List<object?>:
                    AddValue(table, row, name, sourceName, new JsonText(JsonSerializer.Serialize(value)));
                    break;
                default:
                    if (string.Equals(name, SystemColumns.Id, StringComparison.Ordinal) && value is string)
                    {
                        row[SystemColumns.Id] = value;
                        break;
                    }

                    AddValue(table, row, name, sourceName, value);
                    break;
            }
        }
    }

    private void EmitList(
        TableSchema parent, string field, string sourcePath, List<object?> items, string parentId, string rootId, int depth, ResourceHints hints, IRowSink sink)
    {
        var table = ChildTable(parent, field, sourcePath);
        var list = RowIds.ChildKey(parentId, table.Name);
        for (var index = 0; index < items.Count; index++)
        {
            var id = RowIds.Child(list, index);
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            var grandchildren = new List<(string Field, string SourcePath, List<object?> Items, int Depth)>();
            switch (items[index])
            {
                case IReadOnlyDictionary<string, object?> record:
                    Flatten(table, record, string.Empty, string.Empty, depth, hints, row, grandchildren);
                    break;
                case List<object?> inner when depth + 1 <= hints.MaxTableNesting:
                    grandchildren.Add(("list", "[]", inner, depth + 1));
                    break;
                case List<object?> inner:
                    AddValue(table, row, SystemColumns.Value, SystemColumns.Value, new JsonText(JsonSerializer.Serialize(inner)));
                    break;
                default:
                    AddValue(table, row, SystemColumns.Value, SystemColumns.Value, items[index]);
                    break;
            }

            row.Remove(SystemColumns.Id);
            SetSystem(table, row, SystemColumns.Id, id);
            SetSystem(table, row, SystemColumns.ParentId, parentId);
            SetSystem(table, row, SystemColumns.ListIndex, (long)index);
            SetSystem(table, row, SystemColumns.RootId, rootId);
            sink.Add(table, row);
            foreach (var (childField, childSource, childItems, childDepth) in grandchildren)
            {
                EmitList(table, SnakeCaseNaming.JoinTablePath(table.Name, childField), childSource, childItems, id, rootId, childDepth, hints, sink);
            }
        }
    }

    internal TableSchema ChildTable(TableSchema parent, string field, string sourcePath)
    {
        // Callers pass the full child name, parent__field.
        var name = field;
        var sourceName = parent.SourceName + "." + sourcePath;
        var table = Schema.Table(name);
        if (table is null)
        {
            CheckNewTable(name, sourceName);
            table = new TableSchema
            {
                Name = name, SourceName = sourceName, Parent = parent.Name, WriteDisposition = parent.WriteDisposition,
                MergeStrategy = parent.MergeStrategy, TableFormat = parent.TableFormat,
            };
            Schema.Tables.Add(table);
        }
        else if (!string.Equals(table.SourceName, sourceName, StringComparison.Ordinal))
        {
            throw Collision("table", name, table.SourceName, sourceName, null);
        }

        table.WriteDisposition = parent.WriteDisposition;
        table.MergeStrategy = parent.MergeStrategy;
        table.TableFormat = parent.TableFormat;
        return table;
    }

    private void AddValue(TableSchema table, Dictionary<string, object?> row, string name, string sourceName, object? value)
    {
        if (Resolve(table, name, sourceName, value, out var target, out var stored))
        {
            row[target] = stored;
        }
    }

    /// <summary>
    /// Decides where <paramref name="value"/> of column <paramref name="name"/> goes: the column itself or a variant
    /// column (<paramref name="target"/>), as which canonical value (<paramref name="stored"/>), growing the schema.
    /// False when a schema contract drops the value.
    /// </summary>
    internal bool Resolve(TableSchema table, string name, string sourceName, object? value, out string target, out object? stored)
    {
        target = name;
        stored = null;
        if (!_contract.IsEvolve && _tablesAtStart!.Contains(table.Name) && table.Column(name) is not { IsComplete: true })
        {
            if (value is null)
            {
                // A NULL adds nothing to the destination; under a contract it does not add an incomplete column either.
                return false;
            }

            if (!Allow(_contract.Columns, $"Column '{sourceName}' is new in table '{table.Name}' (value '{RowNormalizer.Describe(value)}')",
                    "Add the column by loading it once with Contract.Columns = Evolve, or use DiscardValue/DiscardRow to drop such data."))
            {
                return false;
            }
        }

        var column = EnsureColumn(table, name, sourceName, variantOf: null);
        if (value is null)
        {
            return true;
        }

        if (!DataTypeInference.TryClassify(value, out var type, out var canonical))
        {
            throw new SchemaException(
                $"Column '{sourceName}' of table '{table.Name}' holds a value of .NET type '{value.GetType().FullName}', which Sluice cannot store. Convert it to a string, number, bool, date/time, byte[], dictionary or list in the resource.")
            { Table = table.Name };
        }

        if (type == DataType.Time && column.Type is null or DataType.Time)
        {
            throw new SchemaException(
                $"Column '{sourceName}' of table '{table.Name}' holds the time of day '{DataTypeInference.ToText(canonical)}'; Athena cannot read TIME values from Parquet. Convert time values to text (e.g. \"13:45:00\") or to a timestamp in the resource, or declare the column as DataType.Text in ResourceHints.Columns.")
            { Table = table.Name };
        }

        if (column.Type is null)
        {
            column.Type = type;
            stored = canonical;
        }
        else if (column.Type == type)
        {
            stored = canonical;
        }
        else if (column.Type == DataType.Text && value is string original)
        {
            // A string that looks like a timestamp stays as written when its column is text.
            stored = original;
        }
        else if (DataTypeInference.TryCoerce(canonical, type, column.Type.Value, out var coerced))
        {
            stored = coerced;
        }
        else
        {
            var variantName = SnakeCaseNaming.Shorten(name + "__v_" + type.ToString().ToLowerInvariant());
            if (!_contract.IsEvolve && table.Column(variantName) is not { IsComplete: true } &&
                !Allow(_contract.DataType, $"Column '{sourceName}' of table '{table.Name}' is {column.Type} but the item gives the {type} value '{DataTypeInference.ToText(canonical)}'",
                    "Fix the value in the source, or set Contract.DataType to Evolve (a variant column is added) or DiscardValue/DiscardRow."))
            {
                return false;
            }

            var variant = EnsureColumn(table, variantName, sourceName, variantOf: name);
            target = variantName;
            if (variant.Type is null || variant.Type == type)
            {
                variant.Type = type;
                stored = canonical;
            }
            else
            {
                stored = DataTypeInference.TryCoerce(canonical, type, variant.Type.Value, out var v) ? v : DataTypeInference.ToText(canonical);
            }
        }

        return true;
    }

    internal static ColumnSchema EnsureColumn(TableSchema table, string name, string sourceName, string? variantOf)
    {
        var column = table.Column(name);
        if (column is null)
        {
            column = new ColumnSchema { Name = name, SourceName = sourceName, VariantOf = variantOf };
            table.Columns.Add(column);
        }
        else if (variantOf is null && column.VariantOf is null && !string.Equals(column.SourceName, sourceName, StringComparison.Ordinal))
        {
            throw Collision("column", name, column.SourceName, sourceName, table.Name);
        }

        return column;
    }

    private static void SetSystem(TableSchema table, Dictionary<string, object?> row, string name, object value)
    {
        var column = table.Column(name);
        if (column is null)
        {
            column = new ColumnSchema { Name = name, SourceName = name, Nullable = false };
            table.Columns.Add(column);
        }

        // System values are already canonical: text ids and a bigint list index.
        var type = value is long ? DataType.Bigint : DataType.Text;
        if (column.Type is { } existing && existing != type)
        {
            throw new SchemaException(
                $"Column '{name}' of table '{table.Name}' is a Sluice system column of type {existing}, but the item gave '{value}'. Rename that field in the resource.")
            { Table = table.Name };
        }

        column.Type = type;
        row[name] = value;
    }

    private string RootId(TableSchema table, Dictionary<string, object?> row, IReadOnlyDictionary<string, object?> item)
    {
        if (table.WriteDisposition == WriteDisposition.Merge && table.MergeStrategy == MergeStrategy.Scd2)
        {
            // A version is identified by its content, nested data included: an unchanged row keeps its id.
            return RowIds.FromKey([JsonSerializer.Serialize(item)]);
        }

        if (table.WriteDisposition == WriteDisposition.Merge && table.MergeStrategy is MergeStrategy.Upsert or MergeStrategy.InsertOnly)
        {
            var keys = table.PrimaryKey.Select(k => row.TryGetValue(k, out var v) && v is not null ? DataTypeInference.ToText(v) : string.Empty);
            return RowIds.FromKey(keys);
        }

        return RootIds?.Invoke() ?? RowIds.Random();
    }

    private static void CheckKeys(TableSchema table, Dictionary<string, object?> row)
    {
        foreach (var column in table.Columns)
        {
            if (!column.PrimaryKey && !column.MergeKey)
            {
                continue;
            }

            if (!row.TryGetValue(column.Name, out var value) || value is null)
            {
                throw new SchemaException(
                    $"Key column '{column.SourceName}' of table '{table.Name}' is NULL or missing in an item; keys are NOT NULL because merges match on them. Give every item a value for '{column.SourceName}', or remove it from ResourceHints.PrimaryKey/MergeKey.")
                { Table = table.Name };
            }
        }
    }

    private static SchemaException Collision(string kind, string name, string first, string second, string? table) =>
        new($"The source names '{first}' and '{second}' both normalise to the {kind} name '{name}'{(table is null ? string.Empty : " in table '" + table + "'")}; Athena folds names to lower case, so loading both would lose one. Rename one of them in the source, or map it with a distinct name before yielding the item.")
        {
            Table = table ?? name,
        };

    internal static string Describe(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
}
