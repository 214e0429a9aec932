using Sluice.Engines;
using Sluice.Templating;

namespace Sluice.Transform;

/// <summary>
/// The result of <c>run_query()</c> and <c>load_result(name).table</c>, shaped like dbt's agate table: it iterates
/// and indexes as its rows; <c>.rows</c>, <c>.columns</c> (each with <c>.name</c> and <c>.values()</c>) and
/// <c>.column_names</c> are attributes.
/// </summary>
internal sealed class AgateTable : List<object?>, IJinjaObject
{
    private readonly QueryResult _result;

    public AgateTable(QueryResult result)
    {
        _result = result;
        AddRange(result.Rows.Select(r => (object?)r.Select(Normalize).ToList()));
    }

    public bool TryGetAttribute(string name, out object? value)
    {
        value = name switch
        {
            "rows" => this.ToList(),
            "column_names" => _result.Columns.Select(c => (object?)c.Name).ToList(),
            "column_types" => _result.Columns.Select(c => (object?)c.Type).ToList(),
            "columns" => _result.Columns.Select((c, i) => (object?)new HostObject(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = c.Name,
                ["data_type"] = c.Type,
                ["values"] = new JinjaFunction("values", _ => this.Select(r => ((List<object?>)r!)[i]).ToList()),
            })).ToList(),
            "print_table" => new JinjaFunction("print_table", _ => string.Empty),
            _ => null,
        };
        return value is not null;
    }

    /// <summary>Engine values as template values: integers as long, decimals as double, other values unchanged.</summary>
    private static object? Normalize(object? value) => value switch
    {
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        sbyte sb => (long)sb,
        float f => (double)f,
        decimal d => (double)d,
        _ => value,
    };
}
