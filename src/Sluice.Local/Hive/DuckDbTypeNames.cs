using System.Globalization;
using Sluice.DuckDb;
using Sluice.Sql;
using Sluice.Sql.Types;

namespace Sluice.Local.Hive;

/// <summary>Maps Athena types to DuckDB's, and DuckDB result types back to the Trino names Athena reports.</summary>
internal static class DuckDbTypeNames
{
    /// <summary>The DuckDB type for an Athena type (Hive or Trino spelling parsed into <see cref="SqlType"/>).</summary>
    public static string From(SqlType type) => type switch
    {
        PrimitiveType p => p.Kind switch
        {
            PrimitiveTypeKind.Boolean => "BOOLEAN",
            PrimitiveTypeKind.TinyInt => "TINYINT",
            PrimitiveTypeKind.SmallInt => "SMALLINT",
            PrimitiveTypeKind.Integer => "INTEGER",
            PrimitiveTypeKind.BigInt => "BIGINT",
            PrimitiveTypeKind.Real => "FLOAT",
            PrimitiveTypeKind.Double => "DOUBLE",
            PrimitiveTypeKind.Date => "DATE",
            PrimitiveTypeKind.Binary => "BLOB",
            _ => throw new NotSupportedException($"No DuckDB type for {type}."),
        },
        DecimalType d => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({d.Precision},{d.Scale})"),
        VarcharType or CharType => "VARCHAR",
        TimestampType t => t.WithTimeZone ? "TIMESTAMPTZ" : "TIMESTAMP",
        ArrayType a => From(a.ElementType) + "[]",
        MapType m => $"MAP({From(m.KeyType)}, {From(m.ValueType)})",
        StructType s => "STRUCT(" + string.Join(", ", s.Fields.Select((f, i) =>
            SqlRender.DmlIdentifier(f.Name ?? string.Create(CultureInfo.InvariantCulture, $"field{i}")) + " " + From(f.Type))) + ")",
        _ => "VARCHAR",
    };

    public static string FromHive(string hiveType) => From(SqlType.ParseHive(hiveType));

    /// <summary>The Trino type name Athena shows for a DuckDB result column.</summary>
    public static string Trino(DuckDbColumnType type) => type.Id switch
    {
        _ when type.IsJson => "json",
        DuckDbTypeId.Boolean => "boolean",
        DuckDbTypeId.TinyInt or DuckDbTypeId.UTinyInt => "tinyint",
        DuckDbTypeId.SmallInt or DuckDbTypeId.USmallInt => "smallint",
        DuckDbTypeId.Integer or DuckDbTypeId.UInteger => "integer",
        DuckDbTypeId.BigInt or DuckDbTypeId.UBigInt => "bigint",
        // DuckDB widens integer sums and counts to HUGEINT where Trino returns bigint.
        DuckDbTypeId.HugeInt or DuckDbTypeId.UHugeInt => "bigint",
        DuckDbTypeId.Float => "real",
        DuckDbTypeId.Double => "double",
        DuckDbTypeId.Decimal => string.Create(CultureInfo.InvariantCulture, $"decimal({type.DecimalWidth},{type.DecimalScale})"),
        DuckDbTypeId.Varchar or DuckDbTypeId.Enum => "varchar",
        DuckDbTypeId.Blob => "varbinary",
        DuckDbTypeId.Date => "date",
        DuckDbTypeId.Time or DuckDbTypeId.TimeNs => "time(3)",
        DuckDbTypeId.TimeTz => "time(3) with time zone",
        DuckDbTypeId.Timestamp or DuckDbTypeId.TimestampMs or DuckDbTypeId.TimestampS => "timestamp(3)",
        DuckDbTypeId.TimestampNs => "timestamp(9)",
        DuckDbTypeId.TimestampTz => "timestamp(3) with time zone",
        DuckDbTypeId.Interval => "interval day to second",
        DuckDbTypeId.Uuid => "uuid",
        DuckDbTypeId.List or DuckDbTypeId.Array => "array(" + Trino(type.ElementType!) + ")",
        DuckDbTypeId.Map => "map(" + Trino(type.KeyType!) + ", " + Trino(type.ValueType!) + ")",
        DuckDbTypeId.Struct => "row(" + string.Join(", ", type.Fields.Select(f => f.Name + " " + Trino(f.Type))) + ")",
        DuckDbTypeId.SqlNull => "unknown",
        _ => "varchar",
    };

    /// <summary>The Hive/Glue type for a DuckDB result column (CTAS records these in the catalog).</summary>
    public static string Hive(DuckDbColumnType type) => type.Id switch
    {
        _ when type.IsJson => "string",
        DuckDbTypeId.Boolean => "boolean",
        DuckDbTypeId.TinyInt or DuckDbTypeId.UTinyInt => "tinyint",
        DuckDbTypeId.SmallInt or DuckDbTypeId.USmallInt => "smallint",
        DuckDbTypeId.Integer => "int",
        DuckDbTypeId.UInteger or DuckDbTypeId.BigInt or DuckDbTypeId.UBigInt => "bigint",
        // Integer sums and counts (HUGEINT in DuckDB) are bigint in Trino, so a CTAS records them as bigint.
        DuckDbTypeId.HugeInt or DuckDbTypeId.UHugeInt => "bigint",
        DuckDbTypeId.Float => "float",
        DuckDbTypeId.Double => "double",
        DuckDbTypeId.Decimal => string.Create(CultureInfo.InvariantCulture, $"decimal({type.DecimalWidth},{type.DecimalScale})"),
        DuckDbTypeId.Blob => "binary",
        DuckDbTypeId.Date => "date",
        DuckDbTypeId.Timestamp or DuckDbTypeId.TimestampMs or DuckDbTypeId.TimestampS or DuckDbTypeId.TimestampNs or DuckDbTypeId.TimestampTz => "timestamp",
        DuckDbTypeId.List or DuckDbTypeId.Array => "array<" + Hive(type.ElementType!) + ">",
        DuckDbTypeId.Map => "map<" + Hive(type.KeyType!) + "," + Hive(type.ValueType!) + ">",
        DuckDbTypeId.Struct => "struct<" + string.Join(",", type.Fields.Select(f => f.Name + ":" + Hive(f.Type))) + ">",
        _ => "string",
    };
}
