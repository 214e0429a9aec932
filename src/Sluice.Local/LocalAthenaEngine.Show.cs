using System.Globalization;
using System.Text;
using Sluice.Catalog;
using Sluice.Engines;
using Sluice.Local.Hive;
using Sluice.Sql;
using Sluice.Sql.Ast;

namespace Sluice.Local;

public sealed partial class LocalAthenaEngine
{
    private LocalStatementOutcome ShowTables(ShowTablesStatement statement, StatementScope scope)
    {
        var database = Fold(statement.Database ?? scope.Database);
        RequireDatabase(database);
        return LocalStatementOutcome.Lines("tab_name", _store.GetTables(database).Select(t => t.Name).Where(n => HivePattern.Matches(statement.Pattern, n)));
    }

    private LocalStatementOutcome ShowViews(ShowViewsStatement statement, StatementScope scope)
    {
        var database = Fold(statement.Database ?? scope.Database);
        RequireDatabase(database);
        return LocalStatementOutcome.Lines("views", _store.GetTables(database).Where(t => t.IsView).Select(t => t.Name).Where(n => HivePattern.Matches(statement.Pattern, n)));
    }

    private LocalStatementOutcome ShowColumns(ShowColumnsStatement statement, StatementScope scope)
    {
        var (database, name) = Resolve(statement.Table, scope);
        var table = RequireTable(database, name);
        return LocalStatementOutcome.Lines("field", table.AllColumns.Select(c => c.Name));
    }

    private LocalStatementOutcome ShowPartitions(ShowPartitionsStatement statement, StatementScope scope)
    {
        var (database, name) = Resolve(statement.Table, scope);
        var table = RequireTable(database, name);
        if (table.PartitionKeys.Count == 0)
        {
            throw new EngineException("NOT_SUPPORTED", $"Table {database}.{name} is not partitioned");
        }

        var keys = table.PartitionKeys.Select(k => k.Name).ToList();
        return LocalStatementOutcome.Lines("partition", _store.GetPartitions(database, name).Select(p => HivePartitionPath.Folder(keys, p.Values)));
    }

    private LocalStatementOutcome ShowTableProperties(ShowTblPropertiesStatement statement, StatementScope scope)
    {
        var (database, name) = Resolve(statement.Table, scope);
        var table = RequireTable(database, name);
        if (statement.Key is { } key)
        {
            return LocalStatementOutcome.Lines("prpt_value", [table.Parameters.TryGetValue(key, out var value)
                ? value
                : $"Table {database}.{name} does not have property: {key}"]);
        }

        return LocalStatementOutcome.Lines("prpt_name", table.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "\t" + p.Value));
    }

    private LocalStatementOutcome Describe(DescribeStatement statement, StatementScope scope)
    {
        var (database, name) = Resolve(statement.Table, scope);
        var table = RequireTable(database, name);
        static string Row(string a, string b, string? c) => string.Create(CultureInfo.InvariantCulture, $"{a,-20}\t{b,-20}\t{c ?? string.Empty}");
        if (statement.Column is { } column)
        {
            var match = table.AllColumns.FirstOrDefault(c => string.Equals(c.Name, Fold(column), StringComparison.Ordinal))
                ?? throw new EngineException("COLUMN_NOT_FOUND", $"Column '{column}' cannot be resolved");
            return LocalStatementOutcome.Lines("col_name", [Row(match.Name, match.Type, match.Comment)]);
        }

        var lines = table.AllColumns.Select(c => Row(c.Name, c.Type, c.Comment)).ToList();
        if (table.PartitionKeys.Count > 0)
        {
            lines.Add(string.Empty);
            lines.Add("# Partition Information");
            lines.Add(Row("# col_name", "data_type", "comment"));
            lines.Add(string.Empty);
            lines.AddRange(table.PartitionKeys.Select(c => Row(c.Name, c.Type, c.Comment)));
        }

        if (statement.Format != DescribeFormat.Default)
        {
            lines.Add(string.Empty);
            lines.Add("# Detailed Table Information");
            lines.Add(Row("Database:", database, null));
            lines.Add(Row("Table Type:", table.IsIceberg ? "ICEBERG" : table.TableType, null));
            lines.Add(Row("Location:", table.StorageDescriptor.Location ?? string.Empty, null));
            lines.Add("Table Parameters:");
            lines.AddRange(table.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => Row(string.Empty, p.Key, p.Value)));
            lines.Add(Row("SerDe Library:", table.StorageDescriptor.SerdeInfo?.SerializationLibrary ?? string.Empty, null));
            lines.Add(Row("InputFormat:", table.StorageDescriptor.InputFormat ?? string.Empty, null));
            lines.Add(Row("OutputFormat:", table.StorageDescriptor.OutputFormat ?? string.Empty, null));
        }

        return LocalStatementOutcome.Lines("col_name", lines);
    }

    private LocalStatementOutcome ShowCreateTable(QualifiedName tableName, StatementScope scope)
    {
        var (database, name) = Resolve(tableName, scope);
        var table = RequireTable(database, name);
        return LocalStatementOutcome.Lines("createtab_stmt", ShowCreate(table).Split('\n'));
    }

    internal static string ShowCreate(CatalogTable table)
    {
        var name = SqlRender.DdlIdentifier(table.DatabaseName) + "." + SqlRender.DdlIdentifier(table.Name);
        if (table.IsView)
        {
            return $"CREATE VIEW {name} AS\n{ViewSql(table)}";
        }

        var text = new StringBuilder(table.IsIceberg ? $"CREATE TABLE {name} (\n" : $"CREATE EXTERNAL TABLE {name}(\n");
        text.Append(string.Join(",\n", table.StorageDescriptor.Columns.Select(c =>
            $"  {SqlRender.DdlIdentifier(c.Name)} {c.Type}" + (c.Comment is null ? string.Empty : " COMMENT " + SqlRender.HiveStringLiteral(c.Comment)))));
        text.Append(')');
        if (table.Description is { } comment)
        {
            text.Append("\nCOMMENT ").Append(SqlRender.HiveStringLiteral(comment));
        }

        if (table.PartitionKeys.Count > 0)
        {
            text.Append("\nPARTITIONED BY (\n").Append(string.Join(",\n", table.PartitionKeys.Select(c => $"  {SqlRender.DdlIdentifier(c.Name)} {c.Type}"))).Append(')');
        }
        else if (table.IsIceberg && table.Parameters.TryGetValue("sluice.partitioning", out var spec))
        {
            text.Append("\nPARTITIONED BY (").Append(spec).Append(')');
        }

        if (table.StorageDescriptor.NumberOfBuckets > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nCLUSTERED BY (\n  {string.Join(",\n  ", table.StorageDescriptor.BucketColumns.Select(SqlRender.DdlIdentifier))})\nINTO {table.StorageDescriptor.NumberOfBuckets} BUCKETS");
        }

        if (!table.IsIceberg)
        {
            text.Append("\nROW FORMAT SERDE \n  ").Append(SqlRender.HiveStringLiteral(table.StorageDescriptor.SerdeInfo?.SerializationLibrary ?? HiveFormats.ParquetSerDe));
            text.Append("\nSTORED AS INPUTFORMAT \n  ").Append(SqlRender.HiveStringLiteral(table.StorageDescriptor.InputFormat ?? HiveFormats.ParquetInput));
            text.Append(" \nOUTPUTFORMAT \n  ").Append(SqlRender.HiveStringLiteral(table.StorageDescriptor.OutputFormat ?? HiveFormats.ParquetOutput));
        }

        text.Append("\nLOCATION\n  ").Append(SqlRender.HiveStringLiteral(table.StorageDescriptor.Location ?? string.Empty));
        var properties = table.Parameters.Where(p => !p.Key.StartsWith("sluice.", StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        if (properties.Count > 0)
        {
            text.Append("\nTBLPROPERTIES (\n").Append(string.Join(",\n", properties.Select(p =>
                $"  {SqlRender.HiveStringLiteral(p.Key)}={SqlRender.HiveStringLiteral(p.Key == TableTypes.TableTypeParameter ? p.Value.ToLowerInvariant() : p.Value)}"))).Append(')');
        }

        return text.ToString();
    }

    private static string ViewSql(CatalogTable view)
    {
        const string prefix = "/* Presto View: ";
        var encoded = view.ViewOriginalText?.Replace(prefix, string.Empty, StringComparison.Ordinal).Replace(" */", string.Empty, StringComparison.Ordinal);
        if (encoded is null)
        {
            return string.Empty;
        }

        using var json = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(encoded));
        return json.RootElement.GetProperty("originalSql").GetString() ?? string.Empty;
    }
}
