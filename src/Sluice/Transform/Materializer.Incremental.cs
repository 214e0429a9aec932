using Sluice.Catalog;
using Sluice.Engines;
using Sluice.Errors;
using Sluice.Sql;

namespace Sluice.Transform;

/// <summary>Incremental models: append, insert_overwrite (Hive, partition by partition) and merge (Iceberg).</summary>
internal sealed partial class Materializer
{
    /// <summary>True when the model will run incrementally: an existing table, and no full refresh.</summary>
    public static bool WillRunIncrementally(TransformNode node, CatalogTable? existing, bool fullRefreshFlag) =>
        node.Materialized == "incremental" && existing is not null && !existing.IsView
        && !(node.Config.GetValueOrDefault("full_refresh") is bool configured ? configured : fullRefreshFlag);

    public async Task IncrementalAsync(string sql, bool incremental)
    {
        var strategy = Strategy();
        if (!incremental)
        {
            await TableAsync(sql).ConfigureAwait(false);
            return;
        }

        var existing = (await _exec.GetTableAsync(_node.Schema, _node.Alias).ConfigureAwait(false))!;
        if (existing.IsIceberg != IsIceberg)
        {
            throw new TransformException(
                $"Incremental model '{_node.Name}' is configured as {(IsIceberg ? "Iceberg" : "Hive")} but {Relation.DmlName} is {(existing.IsIceberg ? "Iceberg" : "Hive")}. Run it once with --full-refresh to rebuild it.");
        }

        var targetColumns = existing.AllColumns.Select(c => c.Name).ToList();
        var columns = await SchemaChangeAsync(sql, existing).ConfigureAwait(false) ?? targetColumns;
        var source = $"SELECT {Columns(columns)} FROM (\n{sql}\n) AS dbt_source";
        switch (strategy)
        {
            case "append":
                await InsertBatchedAsync(Columns(columns), source).ConfigureAwait(false);
                break;
            case "insert_overwrite" when existing.PartitionKeys.Count == 0:
                // dbt-athena appends when an insert_overwrite model has no partitions; Sluice does the same and says so.
                _exec.Logs.Add($"'{_node.Name}' uses insert_overwrite without partitioned_by: rows are appended (as dbt-athena does).");
                await InsertBatchedAsync(Columns(columns), source).ConfigureAwait(false);
                break;
            case "insert_overwrite":
                await InsertOverwriteAsync(source, existing).ConfigureAwait(false);
                break;
            case "merge":
                await MergeAsync(source, columns).ConfigureAwait(false);
                break;
        }
    }

    private string Strategy()
    {
        var strategy = _node.ConfigString("incremental_strategy") ?? (IsIceberg ? (_node.Config.ContainsKey("unique_key") ? "merge" : "append") : "insert_overwrite");
        if (strategy == "microbatch")
        {
            strategy = IsIceberg ? "merge" : "insert_overwrite";
        }

        var valid = IsIceberg ? new[] { "append", "merge" } : ["append", "insert_overwrite"];
        if (!valid.Contains(strategy, StringComparer.Ordinal))
        {
            throw new CompileException(
                $"incremental_strategy '{strategy}' is not valid for {(IsIceberg ? "Iceberg" : "Hive")} model '{_node.Name}'. Use one of: {string.Join(", ", valid)}"
                + (IsIceberg ? "." : ", or set table_type='iceberg' to use merge."),
                _node.OriginalFilePath);
        }

        if (strategy == "merge" && UniqueKey().Count == 0)
        {
            throw new CompileException($"The merge strategy of '{_node.Name}' needs unique_key. Add unique_key='<column>' to its config.", _node.OriginalFilePath);
        }

        return strategy;
    }

    private List<string> UniqueKey() => StringList("unique_key");

    /// <summary>Writes the new partitions under a fresh location, then points each partition at its new data (one atomic switch per partition).</summary>
    private async Task InsertOverwriteAsync(string source, CatalogTable existing)
    {
        var staging = StagingRelation();
        var location = NewLocation();
        await CtasBatchedAsync(staging, source, location.Uri).ConfigureAwait(false);
        if (_exec.CatalogWriter is not null)
        {
            await InsertOverwriteByCatalogAsync(staging, existing, location).ConfigureAwait(false);
            return;
        }

        var built = (await _exec.GetTableAsync(staging.Schema, staging.Identifier).ConfigureAwait(false))!;
        await RepointPartitionsAsync(staging, built, existing, dropVanished: false).ConfigureAwait(false);
        await _exec.ExecuteAsync("DROP TABLE " + staging.DdlName).ConfigureAwait(false);
    }

    private async Task MergeAsync(string source, List<string> columns)
    {
        var keys = UniqueKey();
        var on = string.Join(" AND ", keys.Select(k => $"target.{SqlRender.DmlIdentifier(k)} = src.{SqlRender.DmlIdentifier(k)}"));
        foreach (var predicate in StringList("incremental_predicates"))
        {
            on += " AND (" + predicate + ")";
        }

        var update = columns.Where(c => !keys.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (StringList("merge_update_columns") is { Count: > 0 } only)
        {
            update = update.Where(c => only.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        }

        if (StringList("merge_exclude_columns") is { Count: > 0 } excluded)
        {
            update = update.Where(c => !excluded.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        }

        var sql = $"MERGE INTO {Relation.DmlName} AS target\nUSING (\n{source}\n) AS src\nON ({on})\n";
        if (update.Count > 0)
        {
            sql += "WHEN MATCHED THEN UPDATE SET " + string.Join(", ", update.Select(c => $"{SqlRender.DmlIdentifier(c)} = src.{SqlRender.DmlIdentifier(c)}")) + "\n";
        }

        sql += $"WHEN NOT MATCHED THEN INSERT ({Columns(columns)}) VALUES ({Columns(columns, "src")})";
        await _exec.ExecuteAsync(sql).ConfigureAwait(false);
    }

    /// <summary>
    /// on_schema_change: <c>ignore</c> (default) inserts the table's columns; <c>fail</c> stops on any difference;
    /// <c>append_new_columns</c> adds new columns; <c>sync_all_columns</c> also drops removed ones (Iceberg) or replaces
    /// the column list (Hive). Returns the columns to insert, or null for the table's own.
    /// </summary>
    private async Task<List<string>?> SchemaChangeAsync(string sql, CatalogTable existing)
    {
        var mode = _node.ConfigString("on_schema_change") ?? "ignore";
        if (mode is not ("fail" or "append_new_columns" or "sync_all_columns"))
        {
            return null;
        }

        var probe = await _exec.ExecuteAsync($"SELECT * FROM (\n{sql}\n) AS dbt_source LIMIT 0", countRows: false).ConfigureAwait(false);
        var sourceColumns = probe.Columns.ToList();
        var target = existing.AllColumns.ToList();
        var added = sourceColumns.Where(s => !target.Any(t => string.Equals(t.Name, s.Name, StringComparison.OrdinalIgnoreCase))).ToList();
        var removed = target.Where(t => !sourceColumns.Any(s => string.Equals(t.Name, s.Name, StringComparison.OrdinalIgnoreCase))).ToList();
        if (added.Count == 0 && removed.Count == 0)
        {
            return null;
        }

        if (mode == "fail")
        {
            throw new TransformException(
                $"The source and target schemas on incremental model '{_node.Name}' are out of sync: new columns [{string.Join(", ", added.Select(c => c.Name))}], "
                + $"removed columns [{string.Join(", ", removed.Select(c => c.Name))}]. Set on_schema_change to append_new_columns or sync_all_columns, or run with --full-refresh.");
        }

        if (added.Count > 0)
        {
            await _exec.ExecuteAsync($"ALTER TABLE {Relation.DdlName} ADD COLUMNS ({string.Join(", ", added.Select(c => SqlRender.DdlIdentifier(c.Name) + " " + HiveType(c)))})").ConfigureAwait(false);
        }

        if (mode == "sync_all_columns" && removed.Count > 0)
        {
            if (existing.IsIceberg)
            {
                foreach (var column in removed)
                {
                    await _exec.ExecuteAsync($"ALTER TABLE {Relation.DdlName} DROP COLUMN {SqlRender.DdlIdentifier(column.Name)}").ConfigureAwait(false);
                }
            }
            else
            {
                var kept = existing.StorageDescriptor.Columns.Where(c => !removed.Contains(c)).Select(c => SqlRender.DdlIdentifier(c.Name) + " " + c.Type)
                    .Concat(added.Select(c => SqlRender.DdlIdentifier(c.Name) + " " + HiveType(c)));
                await _exec.ExecuteAsync($"ALTER TABLE {Relation.DdlName} REPLACE COLUMNS ({string.Join(", ", kept)})").ConfigureAwait(false);
            }

            return KeysLast(target.Where(t => !removed.Contains(t)).Select(t => t.Name).Concat(added.Select(a => a.Name)), existing);
        }

        return KeysLast(target.Where(t => !removed.Contains(t)).Select(t => t.Name).Concat(added.Select(a => a.Name)), existing);
    }

    /// <summary>Added columns join the data columns: a Hive table's partition keys stay last, as its CTAS and INSERT need them.</summary>
    private static List<string> KeysLast(IEnumerable<string> columns, CatalogTable existing)
    {
        var keys = existing.PartitionKeys.Select(k => k.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var list = columns.ToList();
        return list.Where(c => !keys.Contains(c)).Concat(list.Where(keys.Contains)).ToList();
    }

    /// <summary>Trino result types as Hive DDL types (<c>varchar</c> to <c>string</c>, <c>integer</c> to <c>int</c>).</summary>
    internal static string HiveType(ResultColumn column)
    {
        var type = column.Type.ToLowerInvariant();
        return type switch
        {
            _ when type.StartsWith("varchar", StringComparison.Ordinal) || type.StartsWith("char", StringComparison.Ordinal) => "string",
            "integer" => "int",
            "decimal" => $"decimal({column.Precision},{column.Scale})",
            _ when type.StartsWith("timestamp", StringComparison.Ordinal) => "timestamp",
            _ => type,
        };
    }
}
