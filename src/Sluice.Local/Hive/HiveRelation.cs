using System.Globalization;
using System.Text;
using Sluice.Catalog;
using Sluice.Local.Storage;
using Sluice.Sql;

namespace Sluice.Local.Hive;

/// <summary>
/// Builds the DuckDB view through which a Hive table is read: the catalog's columns cast to the catalog's types, read
/// from <c>sluice_files(template, folder)</c> (evaluated at every query, so new files are visible at once), one
/// UNION ALL branch per registered partition with its values as typed constants.
/// </summary>
internal static class HiveRelation
{
    public const string FilesFunction = "sluice_files";

    public static string ViewSql(LakehouseFolder lakehouse, CatalogTable table, IReadOnlyList<CatalogPartition> partitions, string templatePath)
    {
        var target = Qualified(table.DatabaseName, table.Name);
        var sql = new StringBuilder($"CREATE OR REPLACE VIEW {target} AS ");
        if (table.PartitionKeys.Count == 0)
        {
            sql.Append(Branch(table, templatePath, LocalFolder(lakehouse, table.StorageDescriptor.Location), null));
            return sql.ToString();
        }

        // The empty branch fixes the view's columns when no partition is registered yet.
        sql.Append(Branch(table, templatePath, null, null)).Append(" WHERE false");
        foreach (var partition in partitions)
        {
            sql.Append(" UNION ALL ").Append(Branch(table, templatePath, LocalFolder(lakehouse, partition.Location), partition.Values));
        }

        return sql.ToString();
    }

    public static string Qualified(string database, string table) =>
        "awsdatacatalog." + SqlRender.DmlIdentifier(database) + "." + SqlRender.DmlIdentifier(table);

    /// <summary>Writes the zero-row Parquet file that carries the table's columns and types.</summary>
    public static string TemplateSql(CatalogTable table, string templatePath)
    {
        var columns = table.StorageDescriptor.Columns.Select(c =>
            $"CAST(NULL AS {DuckDbTypeNames.FromHive(c.Type)}) AS {SqlRender.DmlIdentifier(c.Name)}");
        var list = table.StorageDescriptor.Columns.Count == 0 ? "NULL AS \"$sluice_empty\"" : string.Join(", ", columns);
        return $"COPY (SELECT {list} WHERE false) TO {SqlRender.StringLiteral(templatePath)} (FORMAT parquet)";
    }

    private static string Branch(CatalogTable table, string templatePath, string? folder, IReadOnlyList<string>? partitionValues)
    {
        var select = new List<string>();
        foreach (var column in table.StorageDescriptor.Columns)
        {
            select.Add($"CAST({SqlRender.DmlIdentifier(column.Name)} AS {DuckDbTypeNames.FromHive(column.Type)}) AS {SqlRender.DmlIdentifier(column.Name)}");
        }

        for (var i = 0; i < table.PartitionKeys.Count; i++)
        {
            var key = table.PartitionKeys[i];
            var value = partitionValues is null || partitionValues[i] == HivePartitionPath.DefaultPartitionName
                ? "NULL"
                : SqlRender.StringLiteral(partitionValues[i]);
            select.Add($"CAST({value} AS {DuckDbTypeNames.FromHive(key.Type)}) AS {SqlRender.DmlIdentifier(key.Name)}");
        }

        var files = $"{FilesFunction}({SqlRender.StringLiteral(templatePath)}, {(folder is null ? "NULL" : SqlRender.StringLiteral(folder))})";
        return string.Create(CultureInfo.InvariantCulture, $"SELECT {string.Join(", ", select)} FROM read_parquet({files}, union_by_name = true)");
    }

    private static string? LocalFolder(LakehouseFolder lakehouse, string? location) =>
        location is null ? null : lakehouse.LocalPath(location);
}
