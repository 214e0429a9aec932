using Sluice.Sql.Ast;

namespace Sluice.Sql.Parsing;

// ALTER TABLE in Hive DDL (athena.md §2: Hive and Iceberg forms; which applies to which table is the engine's check).
internal sealed partial class SqlParser
{
    private AlterTableStatement AlterTable()
    {
        Require("TABLE");
        var table = TableName();
        return new AlterTableStatement(table, AlterAction());
    }

    private AlterTableAction AlterAction()
    {
        if (Accept("ADD"))
        {
            if (Accept("COLUMNS"))
            {
                return new AddColumnsAction(ColumnList());
            }

            var ifNotExists = IfNotExists();
            var partitions = new List<PartitionSpec>();
            do
            {
                var spec = PartitionSpec();
                partitions.Add(spec with { Location = OptionalString("LOCATION") });
            }
            while (At("PARTITION"));

            return new AddPartitionsAction(ifNotExists, partitions);
        }

        if (Accept("REPLACE"))
        {
            Require("COLUMNS");
            return new ReplaceColumnsAction(ColumnList());
        }

        if (Accept("DROP"))
        {
            if (Accept("COLUMN"))
            {
                return new DropColumnAction(Identifier());
            }

            var ifExists = IfExists();
            var partitions = new List<PartitionSpec> { PartitionSpec() };
            while (AcceptSymbol(","))
            {
                partitions.Add(PartitionSpec());
            }

            return new DropPartitionsAction(ifExists, partitions);
        }

        if (At("PARTITION"))
        {
            // Athena's forms: PARTITION (..) RENAME TO PARTITION (..) and PARTITION (..) SET LOCATION '..'.
            var spec = PartitionSpec();
            if (Accept("RENAME"))
            {
                Require("TO");
                return new RenamePartitionAction(spec, PartitionSpec());
            }

            Require("SET", "LOCATION");
            return new SetLocationAction(StringLiteral(), spec);
        }

        if (Accept("SET"))
        {
            if (Accept("LOCATION"))
            {
                return new SetLocationAction(StringLiteral(), null);
            }

            Require("TBLPROPERTIES");
            return new SetTablePropertiesAction(PropertyList().Select(p => p.Property).ToList());
        }

        if (Accept("UNSET"))
        {
            Require("TBLPROPERTIES");
            var ifExists = IfExists();
            RequireSymbol("(");
            var keys = new List<string> { StringLiteral() };
            while (AcceptSymbol(","))
            {
                keys.Add(StringLiteral());
            }

            RequireSymbol(")");
            return new UnsetTablePropertiesAction(ifExists, keys);
        }

        if (Accept("RENAME"))
        {
            Require("TO");
            return new RenameTableAction(TableName());
        }

        Require("CHANGE");
        Accept("COLUMN");
        var oldName = Identifier();
        var column = ColumnDefinition();
        var first = Accept("FIRST");
        var after = !first && Accept("AFTER") ? Identifier() : null;
        return new ChangeColumnAction(oldName, column, first, after);
    }

    private List<ColumnDefinition> ColumnList()
    {
        RequireSymbol("(");
        var columns = new List<ColumnDefinition> { ColumnDefinition() };
        while (AcceptSymbol(","))
        {
            columns.Add(ColumnDefinition());
        }

        RequireSymbol(")");
        return columns;
    }
}
