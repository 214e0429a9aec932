using System.Security.Cryptography;
using System.Text;
using Sluice.Catalog;
using Sluice.Local.CatalogStore;
using Sluice.Local.Hive;
using Sluice.Sql;
using Sluice.Sql.Ast;

namespace Sluice.Local;

public sealed partial class LocalAthenaEngine
{
    internal async Task<T> ReadCatalogAsync<T>(Func<LocalCatalogStore, T> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return read(_store);
        }
        finally
        {
            _gate.Release();
        }
    }

    private (string Database, string Table) Resolve(QualifiedName name, StatementScope scope)
    {
        if (name.Catalog is not null && !string.Equals(Fold(name.Catalog), "awsdatacatalog", StringComparison.Ordinal))
        {
            throw new Engines.EngineException("CATALOG_NOT_FOUND", $"Catalog '{name.Catalog}' does not exist");
        }

        return (Fold(name.Database ?? scope.Database), Fold(name.Name));
    }

    private CatalogDatabase RequireDatabase(string database) =>
        _store.GetDatabase(database) ?? throw AthenaErrors.SchemaNotFound(database);

    private CatalogTable RequireTable(string database, string table)
    {
        RequireDatabase(database);
        return _store.GetTable(database, table) ?? throw AthenaErrors.TableNotFound(database, table);
    }

    /// <summary>Rewrites a Hive table's template file and view; runs inside the caller's transaction.</summary>
    private void RebuildHiveRelation(CatalogTable table)
    {
        var template = TemplatePath(table);
        if (!File.Exists(template))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(template)!);
            var partial = template + ".partial";
            if (HiveStorage.Of(table).IsParquet)
            {
                _connection.Execute(HiveRelation.TemplateSql(table, partial));
            }
            else
            {
                // Text and JSON readers take their columns from the view, so an empty file is the whole template.
                File.WriteAllBytes(partial, []);
            }

            File.Move(partial, template, overwrite: true);
        }

        if (table.PartitionKeys.Count > 0)
        {
            var partitioned = HiveRelation.PartitionedTemplatePath(template, table.PartitionKeys.Select(k => k.Name).ToList());
            if (!File.Exists(partitioned))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(partitioned)!);
                File.Copy(template, partitioned + ".partial", overwrite: true);
                File.Move(partitioned + ".partial", partitioned, overwrite: true);
            }
        }

        var partitions = table.PartitionKeys.Count == 0 ? [] : _store.GetPartitions(table.DatabaseName, table.Name);
        var unionByName = string.Equals(_store.GetMeta(UnionByNameKey(table)), "true", StringComparison.Ordinal);
        _connection.Execute(HiveRelation.ViewSql(_lakehouse, table, partitions, template, unionByName));
    }

    /// <summary>The zero-row Parquet file with the table's columns, named by a hash of them (rewritten only when they change).</summary>
    private string TemplatePath(CatalogTable table)
    {
        var storage = HiveStorage.Of(table);
        var signature = storage.Format + "\n" + string.Join("\n", table.StorageDescriptor.Columns.Select(c => c.Name + " " + c.Type));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signature)))[..16];
        return Path.Combine(_lakehouse.TemplatesRoot, table.DatabaseName, table.Name, hash + storage.TemplateExtension);
    }

    /// <summary>The catalog meta key that records that some file of the table lacks a catalog column.</summary>
    private static string UnionByNameKey(CatalogTable table) => "union_by_name:" + table.DatabaseName + "." + table.Name;

    /// <summary>
    /// Reads the table's files with union_by_name from now on (older files lack columns added since they were written);
    /// runs inside the caller's transaction.
    /// </summary>
    private void RequireUnionByName(CatalogTable table) => _store.SetMeta(UnionByNameKey(table), "true");

    /// <summary>
    /// After DuckDB reports a file that lacks a column, switches the table that owns the file to union_by_name.
    /// Returns false when no Hive table owns the file (the error is then the user's).
    /// </summary>
    private bool AdaptToSchemaMismatch(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, "could not be found in file \"([^\"]+)\"", System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return false;
        }

        var file = match.Groups[1].Value;
        foreach (var database in _store.GetDatabases())
        {
            foreach (var table in _store.GetTables(database.Name).Where(t => t.IsHive && t.StorageDescriptor.Location is not null))
            {
                var owns = file.StartsWith(_lakehouse.LocalPath(table.StorageDescriptor.Location!), StringComparison.Ordinal) ||
                    (table.PartitionKeys.Count > 0 && _store.GetPartitions(table.DatabaseName, table.Name)
                        .Any(p => file.StartsWith(_lakehouse.LocalPath(p.Location), StringComparison.Ordinal)));
                if (owns && !string.Equals(_store.GetMeta(UnionByNameKey(table)), "true", StringComparison.Ordinal))
                {
                    _store.InTransaction(() =>
                    {
                        RequireUnionByName(table);
                        RebuildHiveRelation(table);
                    });
                    return true;
                }
            }
        }

        return false;
    }

    private static string Relation(string database, string table) => HiveRelation.Qualified(database, table);

    private static string Quote(string identifier) => SqlRender.DmlIdentifier(identifier);
}
