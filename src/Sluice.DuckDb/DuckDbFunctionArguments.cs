using Sluice.DuckDb.Vectors;

namespace Sluice.DuckDb;

/// <summary>The arguments of one row of a scalar function call. Valid only during the call.</summary>
public sealed class DuckDbFunctionArguments
{
    private readonly VectorReader[] _columns;

    internal DuckDbFunctionArguments(VectorReader[] columns) => _columns = columns;

    internal ulong Row { get; set; }

    public int Count => _columns.Length;

    public DuckDbColumnType TypeOf(int index) => _columns[index].Type;

    public bool IsNull(int index) => !_columns[index].IsValid(Row);

    public object? GetValue(int index) => _columns[index].GetValue(Row);

    public string GetString(int index) => _columns[index].Type.Id == DuckDbTypeId.Varchar
        ? _columns[index].GetString(Row)
        : Convert.ToString(GetValue(index), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    public long GetInt64(int index) => _columns[index].Type.Id switch
    {
        DuckDbTypeId.BigInt => _columns[index].Raw<long>(Row),
        DuckDbTypeId.Integer => _columns[index].Raw<int>(Row),
        _ => Convert.ToInt64(GetValue(index), System.Globalization.CultureInfo.InvariantCulture),
    };

    public double GetDouble(int index) => _columns[index].Type.Id == DuckDbTypeId.Double
        ? _columns[index].Raw<double>(Row)
        : Convert.ToDouble(GetValue(index), System.Globalization.CultureInfo.InvariantCulture);
}
