using Sluice.Sql;
using Sluice.Sql.Types;

namespace Sluice.Tests.Sql;

public class SqlTypeTests
{
    [Theory]
    [InlineData("string", "string", "varchar")]
    [InlineData("STRING", "string", "varchar")]
    [InlineData("int", "int", "integer")]
    [InlineData("integer", "int", "integer")]
    [InlineData("tinyint", "tinyint", "tinyint")]
    [InlineData("smallint", "smallint", "smallint")]
    [InlineData("bigint", "bigint", "bigint")]
    [InlineData("boolean", "boolean", "boolean")]
    [InlineData("float", "float", "real")]
    [InlineData("double", "double", "double")]
    [InlineData("double precision", "double", "double")]
    [InlineData("binary", "binary", "varbinary")]
    [InlineData("date", "date", "date")]
    [InlineData("timestamp", "timestamp", "timestamp")]
    [InlineData("decimal", "decimal(10,0)", "decimal(10,0)")]
    [InlineData("decimal(10, 2)", "decimal(10,2)", "decimal(10,2)")]
    [InlineData("decimal(38)", "decimal(38,0)", "decimal(38,0)")]
    [InlineData("char(3)", "char(3)", "char(3)")]
    [InlineData("varchar(65535)", "varchar(65535)", "varchar(65535)")]
    [InlineData("array<string>", "array<string>", "array(varchar)")]
    [InlineData("array < array < int > >", "array<array<int>>", "array(array(integer))")]
    [InlineData("map<string,int>", "map<string,int>", "map(varchar, integer)")]
    [InlineData("struct<a:int,b:array<string>>", "struct<a:int,b:array<string>>", "row(a integer, b array(varchar))")]
    public void Parses_hive_types(string text, string hive, string trino)
    {
        var type = SqlType.ParseHive(text);
        Assert.Equal(hive, type.ToHiveString());
        Assert.Equal(trino, type.ToTrinoString());
        // Round trips: both renderings parse back to the same type.
        Assert.Equal(type, SqlType.ParseHive(hive));
        Assert.Equal(type, SqlType.ParseTrino(trino));
    }

    [Theory]
    [InlineData("varchar", "string", "varchar")]
    [InlineData("integer", "int", "integer")]
    [InlineData("INT", "int", "integer")]
    [InlineData("real", "float", "real")]
    [InlineData("varbinary", "binary", "varbinary")]
    [InlineData("decimal", "decimal(38,0)", "decimal(38,0)")]
    [InlineData("char", "char(1)", "char(1)")]
    [InlineData("varchar(10)", "varchar(10)", "varchar(10)")]
    [InlineData("array(integer)", "array<int>", "array(integer)")]
    [InlineData("map(varchar, integer)", "map<string,int>", "map(varchar, integer)")]
    [InlineData("row(a integer, b row(c varchar))", "struct<a:int,b:struct<c:string>>", "row(a integer, b row(c varchar))")]
    [InlineData("row(\"Order\" bigint)", "struct<Order:bigint>", "row(\"Order\" bigint)")]
    [InlineData("timestamp(3)", "timestamp", "timestamp(3)")]
    [InlineData("timestamp(6) without time zone", "timestamp", "timestamp(6)")]
    public void Parses_trino_types(string text, string hive, string trino)
    {
        var type = SqlType.ParseTrino(text);
        Assert.Equal(hive, type.ToHiveString());
        Assert.Equal(trino, type.ToTrinoString());
        Assert.Equal(type, SqlType.ParseTrino(trino));
    }

    [Fact]
    public void Struct_field_names_are_rendered_raw_for_glue_and_quoted_for_trino()
    {
        var type = SqlType.ParseHive("struct< a : int COMMENT 'x', `b c` : map<string, struct<d:binary>> >");
        Assert.Equal("struct<a:int,b c:map<string,struct<d:binary>>>", type.ToHiveString());
        Assert.Equal("row(a integer, \"b c\" map(varchar, row(d varbinary)))", type.ToTrinoString());
        Assert.Equal("x", Assert.IsType<StructType>(type).Fields[0].Comment);
        Assert.Equal(type, SqlType.ParseTrino(type.ToTrinoString()));
    }

    [Fact]
    public void Glue_type_strings_may_use_reserved_words_as_field_names_ddl_may_not()
    {
        var type = SqlType.ParseHive("struct<date:string,_col0:int,`order`:bigint>");
        Assert.Equal("struct<date:string,_col0:int,order:bigint>", type.ToHiveString());
        Assert.Equal("row(date varchar, _col0 integer, \"order\" bigint)", type.ToTrinoString());
        var error = Assert.Throws<SqlException>(() => SqlStatementParser.Parse("CREATE EXTERNAL TABLE t (s struct<date:string>)"));
        Assert.Equal("line 1:35: mismatched input 'date'. Expecting: <identifier>", error.Message);
        Assert.Equal("date", ((StructType)((Sluice.Sql.Ast.CreateExternalTableStatement)SqlStatementParser.Parse(
            "CREATE EXTERNAL TABLE t (s struct<`date`:string>)")).Columns[0].Type).Fields[0].Name);
    }

    [Fact]
    public void Timestamp_with_time_zone_has_no_hive_spelling()
    {
        var type = SqlType.ParseTrino("timestamp(3) with time zone");
        Assert.Equal(new TimestampType(3, true), type);
        Assert.Equal("timestamp(3) with time zone", type.ToTrinoString());
        var error = Assert.Throws<SqlException>(type.ToHiveString);
        Assert.Equal(SqlErrorNames.NotSupported, error.ErrorName);
        Assert.Equal("Unsupported Hive type: timestamp(3) with time zone", error.Message);
    }

    [Fact]
    public void Anonymous_row_fields_render_in_trino_only()
    {
        var type = SqlType.ParseTrino("row(integer, double precision, timestamp with time zone)");
        Assert.Equal("row(integer, double, timestamp with time zone)", type.ToTrinoString());
        Assert.Throws<SqlException>(type.ToHiveString);
    }

    [Fact]
    public void Struct_types_compare_by_fields()
    {
        Assert.Equal(SqlType.ParseHive("struct<a:int>"), SqlType.ParseTrino("row(a integer)"));
        Assert.NotEqual(SqlType.ParseHive("struct<a:int>"), SqlType.ParseHive("struct<b:int>"));
        Assert.Equal(SqlType.ParseHive("struct<a:int>").GetHashCode(), SqlType.ParseTrino("row(a int)").GetHashCode());
    }

    [Theory]
    [InlineData("decimal(39,0)", "line 1:9: Decimal precision out of allowed range [1,38]")]
    [InlineData("decimal(5,6)", "line 1:11: Decimal scale must be less than or equal to precision")]
    [InlineData("char(256)", "line 1:6: Char length 256 out of allowed range [1, 255]")]
    [InlineData("varchar(0)", "line 1:9: Varchar length 0 out of allowed range [1, 65535]")]
    [InlineData("varchar", "line 1:8: mismatched input '<EOF>'. Expecting: '('")]
    [InlineData("array(int)", "line 1:6: mismatched input '('. Expecting: '<'")]
    [InlineData("real", "line 1:1: mismatched input 'real'. Expecting: <type>")]
    [InlineData("timestamp(3)", "line 1:10: mismatched input '('. Expecting: <EOF>")]
    [InlineData("struct<>", "line 1:7: mismatched input '<>'. Expecting: '<'")]
    [InlineData("map<string int>", "line 1:12: mismatched input 'int'. Expecting: ','")]
    public void Rejects_invalid_hive_types(string text, string message)
    {
        var error = Assert.Throws<SqlException>(() => SqlType.ParseHive(text));
        Assert.Equal(SqlErrorNames.SyntaxError, error.ErrorName);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Unknown_trino_type_is_type_not_found()
    {
        var error = Assert.Throws<SqlException>(() => SqlType.ParseTrino("array(strin)"));
        Assert.Equal(SqlErrorNames.TypeNotFound, error.ErrorName);
        Assert.Equal("line 1:7: Unknown type: strin", error.Message);
    }

    [Theory]
    [InlineData("decimal(40,2)", "line 1:9: DECIMAL precision must be in range [1, 38]: 40")]
    [InlineData("timestamp(13)", "line 1:11: TIMESTAMP precision must be in range [0, 12]: 13")]
    public void Rejects_out_of_range_trino_parameters(string text, string message)
    {
        var error = Assert.Throws<SqlException>(() => SqlType.ParseTrino(text));
        Assert.Equal(SqlErrorNames.NotSupported, error.ErrorName);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Trino_type_uses_trino_spelling_in_to_string() =>
        Assert.Equal("map(varchar, array(integer))", SqlType.ParseHive("map<string,array<int>>").ToString());
}
