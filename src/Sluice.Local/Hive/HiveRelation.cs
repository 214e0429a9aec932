using System.Globalization;
using System.Text;
using Sluice.Catalog;
using Sluice.Local.Storage;
using Sluice.Sql;
using Sluice.Storage;

namespace Sluice.Local.Hive;

/// <summary>
/// Builds the DuckDB view through which a Hive table is read: the catalog's columns cast to the catalog's types, read
/// from files listed by a C# function at every query (so new files are visible at once, and hidden files are skipped as
/// on Athena). Only registered partitions are read: those under the table location in canonical <c>k=v/</c> folders
/// are read in one scan with Hive partitioning; any other (a partition with its own LOCATION, or a value Hive escapes)
/// gets its own UNION ALL branch with its values as typed constants.
/// </summary>
internal static class HiveRelation
{
    /// <summary><c>sluice_files(template, folder)</c>: the template, then every data file under the folder.</summary>
    public const string FilesFunction = "sluice_files";

    /// <summary><c>sluice_partition_files(template, root, folders[])</c>: the template, then the data files of each registered partition folder.</summary>
    public const string PartitionFilesFunction = "sluice_partition_files";

    /// <summary>The partition value the template file's folders carry; it has no rows, so the value is never seen.</summary>
    public const string TemplatePartitionValue = "__sluice_template__";

    public static string ViewSql(LakehouseFolder lakehouse, CatalogTable table, IReadOnlyList<CatalogPartition> partitions, string templatePath, bool unionByName)
    {
        var target = Qualified(table.DatabaseName, table.Name);
        var storage = HiveStorage.Of(table);
        var columns = table.StorageDescriptor.Columns;
        var sql = new StringBuilder($"CREATE OR REPLACE VIEW {target} AS ");
        if (table.PartitionKeys.Count == 0)
        {
            var files = $"{FilesFunction}({Literal(templatePath)}, {Literal(lakehouse.LocalPath(table.StorageDescriptor.Location!))})";
            sql.Append(string.Create(CultureInfo.InvariantCulture, $"SELECT {string.Join(", ", DataColumns(table, storage))} FROM {storage.Reader(files, columns, string.Empty, unionByName)}"));
            return sql.ToString();
        }

        var keys = table.PartitionKeys.Select(k => k.Name).ToList();
        var root = S3Uri.Parse(table.StorageDescriptor.Location!).AsFolder();
        var canonical = new List<string>();
        var separate = new List<CatalogPartition>();
        foreach (var partition in partitions)
        {
            var folder = HivePartitionPath.Folder(keys, partition.Values);
            var isCanonical = string.Equals(partition.Location, root.Combine(folder).AsFolder().ToString(), StringComparison.Ordinal) &&
                partition.Values.All(v => v.Length > 0 && string.Equals(HivePartitionPath.Escape(v), v, StringComparison.Ordinal));
            if (isCanonical)
            {
                canonical.Add(folder);
            }
            else
            {
                separate.Add(partition);
            }
        }

        // One scan over every canonical partition; the template (in k=__sluice_template__ folders) keeps it non-empty.
        var list = "[" + string.Join(", ", canonical.Select(Literal)) + "]::VARCHAR[]";
        var partitioned = $"{PartitionFilesFunction}({Literal(PartitionedTemplatePath(templatePath, keys))}, {Literal(lakehouse.LocalPath(root))}, {list})";
        var hiveTypes = "{" + string.Join(", ", keys.Select(k => Literal(k) + ": VARCHAR")) + "}";
        // DuckDB evaluates filters on partition values while pruning files, the template's folder included: a key with a
        // registered NULL partition needs the CASE, and a key that is not a string must not cast '__sluice_template__'
        // to a date or number. A bare string column lets DuckDB prune files on it.
        var keyColumns = table.PartitionKeys.Select((k, i) =>
            partitions.Any(p => p.Values[i] == HivePartitionPath.DefaultPartitionName)
                ? $"CAST(CASE WHEN {Quote(k.Name)} IN ({Literal(HivePartitionPath.DefaultPartitionName)}, {Literal(TemplatePartitionValue)}) THEN NULL ELSE {Quote(k.Name)} END AS {DuckDbTypeNames.FromHive(k.Type)}) AS {Quote(k.Name)}"
                : string.Equals(DuckDbTypeNames.FromHive(k.Type), "VARCHAR", StringComparison.OrdinalIgnoreCase)
                    ? $"CAST({Quote(k.Name)} AS VARCHAR) AS {Quote(k.Name)}"
                    // NULLIF: the template's folder value is never a value of the key's type.
                    : $"CAST(NULLIF({Quote(k.Name)}, {Literal(TemplatePartitionValue)}) AS {DuckDbTypeNames.FromHive(k.Type)}) AS {Quote(k.Name)}");
        sql.Append(string.Create(CultureInfo.InvariantCulture,
            $"SELECT {string.Join(", ", DataColumns(table, storage).Concat(keyColumns))} FROM {storage.Reader(partitioned, columns, $"hive_partitioning = true, hive_types = {hiveTypes}, hive_types_autocast = false", unionByName)}"));

        foreach (var partition in separate)
        {
            var constants = table.PartitionKeys.Select((k, i) =>
            {
                var value = partition.Values[i] == HivePartitionPath.DefaultPartitionName ? "NULL" : Literal(partition.Values[i]);
                return $"CAST({value} AS {DuckDbTypeNames.FromHive(k.Type)}) AS {Quote(k.Name)}";
            });
            var files = $"{FilesFunction}({Literal(templatePath)}, {Literal(lakehouse.LocalPath(partition.Location))})";
            sql.Append(string.Create(CultureInfo.InvariantCulture,
                $" UNION ALL SELECT {string.Join(", ", DataColumns(table, storage).Concat(constants))} FROM {storage.Reader(files, columns, string.Empty, unionByName)}"));
        }

        return sql.ToString();
    }

    public static string Qualified(string database, string table) =>
        "awsdatacatalog." + SqlRender.DmlIdentifier(database) + "." + SqlRender.DmlIdentifier(table);

    /// <summary>The copy of the template that sits in <c>k=__sluice_template__/</c> folders, for partitioned scans.</summary>
    public static string PartitionedTemplatePath(string templatePath, IReadOnlyList<string> keys) =>
        Path.Combine(
            Path.GetDirectoryName(templatePath)!,
            Path.GetFileNameWithoutExtension(templatePath),
            Path.Combine(keys.Select(k => HivePartitionPath.Escape(k) + "=" + TemplatePartitionValue).ToArray()),
            "template" + Path.GetExtension(templatePath));

    /// <summary>Writes the zero-row Parquet file that carries the table's columns and types.</summary>
    public static string TemplateSql(CatalogTable table, string templatePath)
    {
        var columns = table.StorageDescriptor.Columns.Select(c =>
            $"CAST(NULL AS {DuckDbTypeNames.FromHive(c.Type)}) AS {Quote(c.Name)}");
        var list = table.StorageDescriptor.Columns.Count == 0 ? "NULL AS \"$sluice_empty\"" : string.Join(", ", columns);
        return $"COPY (SELECT {list} WHERE false) TO {Literal(templatePath)} (FORMAT parquet)";
    }

    private static IEnumerable<string> DataColumns(CatalogTable table, HiveStorage storage) =>
        table.StorageDescriptor.Columns.Select(c => $"{storage.Convert(c)} AS {Quote(c.Name)}");

    private static string Quote(string name) => SqlRender.DmlIdentifier(name);

    private static string Literal(string value) => SqlRender.StringLiteral(value);
}
