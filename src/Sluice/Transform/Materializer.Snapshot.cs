using System.Globalization;
using Sluice.Errors;
using Sluice.Sql;

namespace Sluice.Transform;

/// <summary>
/// Snapshots (type-2 history) with dbt's <c>timestamp</c> and <c>check</c> strategies. The new state of the snapshot
/// table (untouched rows, closed rows, new versions) is one SELECT published like a table rebuild, so readers see the
/// old history or the new one, never a half-applied change, on Hive and Iceberg alike.
/// </summary>
internal sealed partial class Materializer
{
    private static readonly string[] MetaColumns = ["dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to"];

    public async Task SnapshotAsync(string sql, DateTime snapshotTime)
    {
        var keys = StringList("unique_key");
        if (keys.Count == 0)
        {
            throw new CompileException($"Snapshot '{_node.Name}' needs unique_key in its config.", _node.OriginalFilePath);
        }

        var strategy = _node.ConfigString("strategy") ?? throw new CompileException(
            $"Snapshot '{_node.Name}' needs strategy='timestamp' (with updated_at) or strategy='check' (with check_cols).", _node.OriginalFilePath);
        var now = "CAST(" + SqlRender.StringLiteral(snapshotTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)) + " AS timestamp)";
        string updated;
        switch (strategy)
        {
            case "timestamp":
                updated = "CAST(src." + SqlRender.DmlIdentifier(_node.ConfigString("updated_at") ?? throw new CompileException(
                    $"Snapshot '{_node.Name}' uses the timestamp strategy and needs updated_at='<column>'.", _node.OriginalFilePath)) + " AS timestamp)";
                break;
            case "check":
                updated = now;
                break;
            default:
                throw new CompileException($"Snapshot strategy '{strategy}' of '{_node.Name}' is not supported. Use 'timestamp' or 'check'.", _node.OriginalFilePath);
        }

        var keyText = string.Join(" || '|' || ", keys.Select(k => $"coalesce(CAST(src.{SqlRender.DmlIdentifier(k)} AS varchar), '')"));
        var scdId = $"{keyText} || '|' || CAST({updated} AS varchar)";
        var existing = await _exec.GetTableAsync(_node.Schema, _node.Alias).ConfigureAwait(false);
        if (existing is null)
        {
            await TableAsync($"SELECT src.*, {scdId} AS dbt_scd_id, {updated} AS dbt_updated_at, {updated} AS dbt_valid_from, CAST(NULL AS timestamp) AS dbt_valid_to\nFROM (\n{sql}\n) AS src").ConfigureAwait(false);
            return;
        }

        var columns = existing.AllColumns.Select(c => c.Name).Where(c => !MetaColumns.Contains(c, StringComparer.Ordinal)).ToList();
        var join = string.Join(" AND ", keys.Select(k => $"cur.{SqlRender.DmlIdentifier(k)} = src.{SqlRender.DmlIdentifier(k)}")) + " AND cur.dbt_valid_to IS NULL";
        var changed = strategy == "timestamp"
            ? $"{updated} > cur.dbt_valid_from"
            : "NOT (" + string.Join(" AND ", CheckColumns(columns, keys).Select(c => $"cur.{SqlRender.DmlIdentifier(c)} IS NOT DISTINCT FROM src.{SqlRender.DmlIdentifier(c)}")) + ")";
        var invalidate = _node.Config.GetValueOrDefault("invalidate_hard_deletes") is true || _node.ConfigString("hard_deletes") == "invalidate";
        var firstKey = SqlRender.DmlIdentifier(keys[0]);
        var source = $"(\n{sql}\n)";
        var closeDeleted = invalidate ? $"\n    WHEN cur.dbt_valid_to IS NULL AND src.{firstKey} IS NULL THEN {now}" : string.Empty;
        var select = $"""
            SELECT {Columns(columns, "cur")}, cur.dbt_scd_id, cur.dbt_updated_at, cur.dbt_valid_from,
              CASE
                WHEN cur.dbt_valid_to IS NULL AND src.{firstKey} IS NOT NULL AND {changed} THEN {updated}{closeDeleted}
                ELSE cur.dbt_valid_to
              END AS dbt_valid_to
            FROM {Relation.DmlName} AS cur
            LEFT JOIN {source} AS src ON {join}
            UNION ALL
            SELECT {Columns(columns, "src")}, {scdId}, {updated}, {updated}, CAST(NULL AS timestamp)
            FROM {source} AS src
            LEFT JOIN {Relation.DmlName} AS cur ON {join}
            WHERE cur.{firstKey} IS NULL OR {changed}
            """;
        await TableAsync(select).ConfigureAwait(false);
    }

    private List<string> CheckColumns(List<string> columns, List<string> keys)
    {
        var configured = _node.Config.GetValueOrDefault("check_cols");
        if (configured is string all && all == "all")
        {
            return columns.Where(c => !keys.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        }

        var list = StringList("check_cols");
        return list.Count > 0
            ? list
            : throw new CompileException($"Snapshot '{_node.Name}' uses the check strategy and needs check_cols (a list of columns, or 'all').", _node.OriginalFilePath);
    }
}
