using Sluice.Sql.Lexing;
using Sluice.Sql.Types;

namespace Sluice.Sql.Parsing;

// Data types: Hive spellings in DDL column lists, Trino spellings for expressions and views (athena.md §5).
internal sealed partial class SqlParser
{
    /// <summary>Parses a whole text as one type (for <see cref="SqlType.ParseHive"/> and <see cref="SqlType.ParseTrino"/>).</summary>
    public SqlType ParseStandaloneType()
    {
        _typeTextOnly = true;
        var type = Hive ? HiveType() : TrinoType();
        Expect("<EOF>");
        if (Current.Kind != SqlTokenKind.EndOfInput)
        {
            throw Mismatch();
        }

        return type;
    }

    private SqlType HiveType()
    {
        Expect("<type>");
        var token = Current;
        if (token.Kind != SqlTokenKind.Word)
        {
            throw Mismatch();
        }

        switch (token.Value.ToLowerInvariant())
        {
            case "tinyint": Advance(); return new PrimitiveType(PrimitiveTypeKind.TinyInt);
            case "smallint": Advance(); return new PrimitiveType(PrimitiveTypeKind.SmallInt);
            case "int" or "integer": Advance(); return new PrimitiveType(PrimitiveTypeKind.Integer);
            case "bigint": Advance(); return new PrimitiveType(PrimitiveTypeKind.BigInt);
            case "boolean": Advance(); return new PrimitiveType(PrimitiveTypeKind.Boolean);
            case "float": Advance(); return new PrimitiveType(PrimitiveTypeKind.Real);
            case "double":
                Advance();
                Accept("PRECISION");
                return new PrimitiveType(PrimitiveTypeKind.Double);
            case "string": Advance(); return VarcharType.Unbounded;
            case "binary": Advance(); return new PrimitiveType(PrimitiveTypeKind.Binary);
            case "date": Advance(); return new PrimitiveType(PrimitiveTypeKind.Date);
            case "timestamp": Advance(); return TimestampType.Plain;
            case "decimal" or "numeric":
                return HiveDecimal();
            case "char" or "varchar":
                {
                    Advance();
                    RequireSymbol("(");
                    var lengthToken = Current;
                    var length = IntegerLiteral();
                    RequireSymbol(")");
                    var isChar = token.Value.Equals("char", StringComparison.OrdinalIgnoreCase);
                    var max = isChar ? 255 : 65535;
                    if (length < 1 || length > max)
                    {
                        throw Error(lengthToken, SqlErrorNames.SyntaxError,
                            $"{(isChar ? "Char" : "Varchar")} length {length} out of allowed range [1, {max}]");
                    }

                    return isChar ? new CharType(length) : new VarcharType(length);
                }

            case "array":
                {
                    Advance();
                    RequireSymbol("<");
                    var element = HiveType();
                    RequireSymbol(">");
                    return new ArrayType(element);
                }

            case "map":
                {
                    Advance();
                    RequireSymbol("<");
                    var key = HiveType();
                    RequireSymbol(",");
                    var value = HiveType();
                    RequireSymbol(">");
                    return new MapType(key, value);
                }

            case "struct":
                {
                    Advance();
                    RequireSymbol("<");
                    var fields = new List<StructField>();
                    do
                    {
                        var name = _typeTextOnly ? StructFieldName() : Identifier();
                        RequireSymbol(":");
                        var type = HiveType();
                        fields.Add(new StructField(name, type, OptionalString("COMMENT")));
                    }
                    while (AcceptSymbol(","));

                    RequireSymbol(">");
                    return new StructType(fields);
                }

            default:
                throw Mismatch();
        }
    }

    // Glue stores type strings unquoted, so a field of a type read from Glue may be a DDL reserved word or start
    // with '_' (struct<date:string,_col0:int>); in DDL text the same field needs backticks.
    private string StructFieldName()
    {
        Expect("<identifier>");
        if (Current.Kind is SqlTokenKind.Word or SqlTokenKind.BacktickIdentifier && Current.Value.Length > 0)
        {
            return Advance().Value;
        }

        throw Mismatch();
    }

    private DecimalType HiveDecimal()
    {
        Advance();
        // Hive's default is decimal(10,0).
        int precision = 10, scale = 0;
        if (AcceptSymbol("("))
        {
            var precisionToken = Current;
            precision = IntegerLiteral();
            if (precision is < 1 or > 38)
            {
                throw Error(precisionToken, SqlErrorNames.SyntaxError, "Decimal precision out of allowed range [1,38]");
            }

            if (AcceptSymbol(","))
            {
                var scaleToken = Current;
                scale = IntegerLiteral();
                if (scale > precision)
                {
                    throw Error(scaleToken, SqlErrorNames.SyntaxError, "Decimal scale must be less than or equal to precision");
                }
            }

            RequireSymbol(")");
        }

        return new DecimalType(precision, scale);
    }

    private SqlType TrinoType()
    {
        Expect("<type>");
        var token = Current;
        if (token.Kind != SqlTokenKind.Word)
        {
            throw Mismatch();
        }

        var name = token.Value.ToLowerInvariant();
        Advance();
        switch (name)
        {
            case "boolean": return new PrimitiveType(PrimitiveTypeKind.Boolean);
            case "tinyint": return new PrimitiveType(PrimitiveTypeKind.TinyInt);
            case "smallint": return new PrimitiveType(PrimitiveTypeKind.SmallInt);
            case "integer" or "int": return new PrimitiveType(PrimitiveTypeKind.Integer);
            case "bigint": return new PrimitiveType(PrimitiveTypeKind.BigInt);
            case "real": return new PrimitiveType(PrimitiveTypeKind.Real);
            case "double":
                Accept("PRECISION");
                return new PrimitiveType(PrimitiveTypeKind.Double);
            case "varbinary": return new PrimitiveType(PrimitiveTypeKind.Binary);
            case "date": return new PrimitiveType(PrimitiveTypeKind.Date);
            case "decimal":
                {
                    // Trino's default is decimal(38,0).
                    int precision = 38, scale = 0;
                    if (AcceptSymbol("("))
                    {
                        var precisionToken = Current;
                        precision = IntegerLiteral();
                        if (precision is < 1 or > 38)
                        {
                            throw Error(precisionToken, SqlErrorNames.NotSupported, $"DECIMAL precision must be in range [1, 38]: {precision}");
                        }

                        if (AcceptSymbol(","))
                        {
                            var scaleToken = Current;
                            scale = IntegerLiteral();
                            if (scale > precision)
                            {
                                throw Error(scaleToken, SqlErrorNames.NotSupported, $"DECIMAL scale must be in range [0, precision ({precision})]: {scale}");
                            }
                        }

                        RequireSymbol(")");
                    }

                    return new DecimalType(precision, scale);
                }

            case "varchar" or "char":
                {
                    int? length = null;
                    if (AcceptSymbol("("))
                    {
                        var lengthToken = Current;
                        length = IntegerLiteral();
                        if (length < 1)
                        {
                            throw Error(lengthToken, SqlErrorNames.NotSupported, $"{name.ToUpperInvariant()} length must be at least 1");
                        }

                        RequireSymbol(")");
                    }

                    return name == "char" ? new CharType(length ?? 1) : new VarcharType(length);
                }

            case "timestamp":
                {
                    int? precision = null;
                    if (AcceptSymbol("("))
                    {
                        var precisionToken = Current;
                        precision = IntegerLiteral();
                        if (precision > 12)
                        {
                            throw Error(precisionToken, SqlErrorNames.NotSupported, $"TIMESTAMP precision must be in range [0, 12]: {precision}");
                        }

                        RequireSymbol(")");
                    }

                    var withTimeZone = false;
                    if (Accept("WITH"))
                    {
                        Require("TIME", "ZONE");
                        withTimeZone = true;
                    }
                    else if (Accept("WITHOUT"))
                    {
                        Require("TIME", "ZONE");
                    }

                    return new TimestampType(precision, withTimeZone);
                }

            case "array":
                {
                    RequireSymbol("(");
                    var element = TrinoType();
                    RequireSymbol(")");
                    return new ArrayType(element);
                }

            case "map":
                {
                    RequireSymbol("(");
                    var key = TrinoType();
                    RequireSymbol(",");
                    var value = TrinoType();
                    RequireSymbol(")");
                    return new MapType(key, value);
                }

            case "row":
                {
                    RequireSymbol("(");
                    var fields = new List<StructField>();
                    do
                    {
                        fields.Add(RowField());
                    }
                    while (AcceptSymbol(","));

                    RequireSymbol(")");
                    return new StructType(fields);
                }

            default:
                throw Error(token, SqlErrorNames.TypeNotFound, $"Unknown type: {name}");
        }
    }

    // row(a integer) names its fields, row(integer) does not. A field is named when an identifier is followed by
    // something that can start a type; "double precision" and "timestamp with time zone" are types, not names.
    private StructField RowField()
    {
        var next = PeekToken(1);
        var named = (Current.Kind == SqlTokenKind.QuotedIdentifier ||
                     (Current.Kind == SqlTokenKind.Word && next.Kind == SqlTokenKind.Word &&
                      !next.IsKeyword("PRECISION") && !next.IsKeyword("WITH") && !next.IsKeyword("WITHOUT")));
        var name = named ? Identifier() : null;
        return new StructField(name, TrinoType());
    }
}
