using Sluice.Sql.Ast;
using Sluice.Sql.Lexing;

namespace Sluice.Sql.Parsing;

// Hive DDL statements other than CREATE TABLE and ALTER TABLE: databases, DROP, SHOW, DESCRIBE, MSCK.
internal sealed partial class SqlParser
{
    /// <summary>Parses one Hive DDL statement (athena.md §1: DESCRIBE, SHOW, MSCK, CREATE/ALTER/DROP without SELECT).</summary>
    public SqlStatement ParseHiveStatement()
    {
        SqlStatement statement;
        var first = Current;
        if (Accept("CREATE"))
        {
            statement = At("DATABASE") || At("SCHEMA") ? CreateDatabase() : CreateTable(first);
        }
        else if (Accept("DROP"))
        {
            statement = Drop();
        }
        else if (Accept("ALTER"))
        {
            statement = AlterTable();
        }
        else if (Accept("SHOW"))
        {
            statement = Show();
        }
        else if (Accept("DESCRIBE") || Accept("DESC"))
        {
            statement = Describe();
        }
        else if (Accept("MSCK"))
        {
            Require("REPAIR", "TABLE");
            statement = new MsckRepairTableStatement(TableName());
        }
        else
        {
            throw Mismatch();
        }

        RequireEnd();
        return statement;
    }

    private CreateDatabaseStatement CreateDatabase()
    {
        Advance(); // DATABASE | SCHEMA
        var ifNotExists = IfNotExists();
        var name = CatalogName();
        var comment = OptionalString("COMMENT");
        var location = OptionalString("LOCATION");
        IReadOnlyList<SqlProperty> properties = [];
        if (Accept("WITH"))
        {
            Require("DBPROPERTIES");
            properties = PropertyList().Select(p => p.Property).ToList();
        }

        return new CreateDatabaseStatement(name, ifNotExists, comment, location, properties);
    }

    private bool IfNotExists()
    {
        if (!Accept("IF"))
        {
            return false;
        }

        Require("NOT", "EXISTS");
        return true;
    }

    private bool IfExists()
    {
        if (!Accept("IF"))
        {
            return false;
        }

        Require("EXISTS");
        return true;
    }

    private SqlStatement Drop()
    {
        if (Accept("DATABASE") || Accept("SCHEMA"))
        {
            var ifExists = IfExists();
            var name = CatalogName();
            var cascade = false;
            if (Accept("CASCADE"))
            {
                cascade = true;
            }
            else
            {
                Accept("RESTRICT");
            }

            return new DropDatabaseStatement(name, ifExists, cascade);
        }

        if (Accept("TABLE"))
        {
            var ifExists = IfExists();
            return new DropTableStatement(TableName(), ifExists);
        }

        Require("VIEW");
        var viewIfExists = IfExists();
        return new DropViewStatement(TableName(), viewIfExists);
    }

    private SqlStatement Show()
    {
        if (Accept("DATABASES") || Accept("SCHEMAS"))
        {
            return new ShowDatabasesStatement(OptionalPattern());
        }

        if (Accept("TABLES"))
        {
            var database = InDatabase();
            return new ShowTablesStatement(database, OptionalPattern());
        }

        if (Accept("VIEWS"))
        {
            var database = InDatabase();
            return new ShowViewsStatement(database, OptionalString("LIKE"));
        }

        if (Accept("COLUMNS"))
        {
            if (!Accept("IN"))
            {
                Require("FROM");
            }

            var table = TableName();
            if (InDatabase() is { } database)
            {
                table = table with { Database = database };
            }

            return new ShowColumnsStatement(table);
        }

        if (Accept("CREATE"))
        {
            if (Accept("VIEW"))
            {
                return new ShowCreateViewStatement(TableName());
            }

            Require("TABLE");
            return new ShowCreateTableStatement(TableName());
        }

        if (Accept("PARTITIONS"))
        {
            return new ShowPartitionsStatement(TableName());
        }

        Require("TBLPROPERTIES");
        var name = TableName();
        string? key = null;
        if (AcceptSymbol("("))
        {
            key = StringLiteral();
            RequireSymbol(")");
        }

        return new ShowTblPropertiesStatement(name, key);
    }

    private string? InDatabase() => Accept("IN") || Accept("FROM") ? CatalogName() : null;

    // Hive: SHOW DATABASES|TABLES [LIKE] 'pattern'; LIKE is optional.
    private string? OptionalPattern()
    {
        if (Accept("LIKE"))
        {
            return StringLiteral();
        }

        Expect("<string>");
        return Current.Kind == SqlTokenKind.String ? Advance().Value : null;
    }

    private DescribeStatement Describe()
    {
        var format = Accept("FORMATTED") ? DescribeFormat.Formatted : Accept("EXTENDED") ? DescribeFormat.Extended : DescribeFormat.Default;
        var table = TableName();
        string? column = null;
        if (!AtEnd)
        {
            column = Identifier();
        }

        return new DescribeStatement(table, format, column);
    }

    /// <summary><c>('k'='v', ...)</c> with the key tokens (for error positions).</summary>
    private List<(SqlProperty Property, SqlToken KeyToken)> PropertyList()
    {
        RequireSymbol("(");
        var properties = new List<(SqlProperty, SqlToken)>();
        do
        {
            var keyToken = Current;
            var key = StringLiteral();
            RequireSymbol("=");
            properties.Add((new SqlProperty(key, StringLiteral()), keyToken));
        }
        while (AcceptSymbol(","));

        RequireSymbol(")");
        return properties;
    }

    private PartitionSpec PartitionSpec()
    {
        Require("PARTITION");
        RequireSymbol("(");
        var values = new List<PartitionValue>();
        do
        {
            var column = Identifier();
            RequireSymbol("=");
            values.Add(new PartitionValue(column, PartitionValue()));
        }
        while (AcceptSymbol(","));

        RequireSymbol(")");
        return new PartitionSpec(values);
    }

    // Hive partition values are constants: strings, numbers (optionally negative), booleans.
    private string PartitionValue()
    {
        Expect("<constant>");
        var token = Current;
        if (token.Kind is SqlTokenKind.String or SqlTokenKind.Number)
        {
            return Advance().Value;
        }

        if (token.IsSymbol("-") && PeekToken(1).Kind == SqlTokenKind.Number)
        {
            Advance();
            return "-" + Advance().Value;
        }

        if (token.IsKeyword("TRUE") || token.IsKeyword("FALSE"))
        {
            return Advance().Value.ToLowerInvariant();
        }

        throw Mismatch();
    }
}
