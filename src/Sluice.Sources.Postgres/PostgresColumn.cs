using System.Globalization;
using Sluice.Schema;

namespace Sluice.Sources.Postgres;

/// <summary>How one PostgreSQL column is read and which Sluice type it loads as.</summary>
internal sealed record PostgresColumn(string Name, string TypeName, string FormattedType, char Category, char Kind, int TypeModifier)
{
    /// <summary>numeric(p, s) fits Sluice's decimal(38,9) and .NET's decimal exactly when p ≤ 28 and s ≤ 9.</summary>
    private bool ExactDecimal => TypeModifier >= 4 && Precision <= 28 && Scale <= 9;

    public int Precision => ((TypeModifier - 4) >> 16) & 0xFFFF;

    public int Scale => (TypeModifier - 4) & 0xFFFF;

    public DataType Type => Read switch
    {
        ReadAs.Bool => DataType.Bool,
        ReadAs.Int16 or ReadAs.Int32 or ReadAs.Int64 => DataType.Bigint,
        ReadAs.Float or ReadAs.Double => DataType.Double,
        ReadAs.Decimal => DataType.Decimal,
        ReadAs.TimestampTz or ReadAs.Timestamp => DataType.Timestamp,
        ReadAs.Date => DataType.Date,
        ReadAs.Bytes => DataType.Binary,
        ReadAs.Json or ReadAs.JsonOfArray => DataType.Json,
        _ => DataType.Text,
    };

    public ReadAs Read => Category == 'A' ? ReadAs.JsonOfArray : TypeName switch
    {
        "bool" => ReadAs.Bool,
        "int2" => ReadAs.Int16,
        "int4" => ReadAs.Int32,
        "int8" => ReadAs.Int64,
        "float4" => ReadAs.Float,
        "float8" => ReadAs.Double,
        "numeric" => ExactDecimal ? ReadAs.Decimal : ReadAs.TextCast,
        "timestamptz" => ReadAs.TimestampTz,
        "timestamp" => ReadAs.Timestamp,
        "date" => ReadAs.Date,
        "bytea" => ReadAs.Bytes,
        "json" or "jsonb" => ReadAs.Json,
        "text" or "varchar" or "bpchar" or "name" or "char" => ReadAs.Text,
        _ => ReadAs.TextCast,
    };

    /// <summary>The expression in the SELECT list: the column, or a cast for types read as text or JSON.</summary>
    public string SelectExpression => Read switch
    {
        ReadAs.TextCast => $"{PostgresSql.Quote(Name)}::text",
        ReadAs.Json => $"{PostgresSql.Quote(Name)}::text",
        ReadAs.JsonOfArray => $"to_json({PostgresSql.Quote(Name)})::text",
        _ => PostgresSql.Quote(Name),
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} {FormattedType} -> {Type}");
}

internal enum ReadAs
{
    Bool,
    Int16,
    Int32,
    Int64,
    Float,
    Double,
    Decimal,
    TimestampTz,
    Timestamp,
    Date,
    Bytes,
    Json,
    JsonOfArray,
    Text,
    TextCast,
}

internal static class PostgresSql
{
    /// <summary>A double-quoted identifier, quotes doubled.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
