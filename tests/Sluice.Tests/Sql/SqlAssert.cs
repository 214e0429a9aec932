using Sluice.Sql;
using Sluice.Sql.Ast;

namespace Sluice.Tests.Sql;

internal static class SqlAssert
{
    public static T Parses<T>(string sql)
        where T : SqlStatement => Assert.IsType<T>(SqlStatementParser.Parse(sql));

    public static SqlException Fails(string sql, string errorName, string message)
    {
        var error = Assert.Throws<SqlException>(() => SqlStatementParser.Parse(sql));
        Assert.Equal(message, error.Message);
        Assert.Equal(errorName, error.ErrorName);
        return error;
    }
}
