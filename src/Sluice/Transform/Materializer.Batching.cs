using System.Text;
using Sluice.Engines;
using Sluice.Sql;

namespace Sluice.Transform;

/// <summary>
/// More partitions than one statement may write (Athena: 100 open writers): the CTAS is retried as a CTAS of the first
/// batch of partition values plus one INSERT per further batch, each batch bounded by the engine's partition limit and
/// query size. Batches go into an unpublished staging table, so readers never see a partly loaded table.
/// </summary>
internal sealed partial class Materializer
{
    private bool ForceBatch => _node.Config.GetValueOrDefault("force_batch") is true;

    private static bool IsTooManyPartitions(EngineException e) => e.ErrorName.EndsWith("_TOO_MANY_OPEN_PARTITIONS", StringComparison.Ordinal);

    /// <summary>CTAS <paramref name="relation"/>; on too many partitions (or with <c>force_batch</c>), in batches.</summary>
    private async Task CtasBatchedAsync(DbtRelation relation, string sql, string location)
    {
        if (!ForceBatch || StringList("partitioned_by").Count == 0)
        {
            try
            {
                await _exec.ExecuteAsync(Ctas(relation, sql, location)).ConfigureAwait(false);
                return;
            }
            catch (EngineException e) when (IsTooManyPartitions(e) && StringList("partitioned_by").Count > 0)
            {
                _exec.Logs.Add($"'{_node.Name}' writes more partitions than one statement may ({e.ErrorName}); writing in batches.");
            }
        }

        var batches = await PartitionBatchesAsync(sql).ConfigureAwait(false);
        var first = true;
        foreach (var predicate in batches)
        {
            var batch = $"SELECT * FROM (\n{sql}\n) AS dbt_source\nWHERE {predicate}";
            await _exec.ExecuteAsync(first ? Ctas(relation, batch, location) : $"INSERT INTO {relation.DmlName}\n{batch}").ConfigureAwait(false);
            first = false;
        }
    }

    /// <summary>INSERT <paramref name="source"/> into the model's table; on too many partitions, one INSERT per batch.</summary>
    private async Task InsertBatchedAsync(string columns, string source)
    {
        try
        {
            await _exec.ExecuteAsync($"INSERT INTO {Relation.DmlName} ({columns})\n{source}").ConfigureAwait(false);
        }
        catch (EngineException e) when (IsTooManyPartitions(e) && StringList("partitioned_by").Count > 0)
        {
            _exec.Logs.Add($"'{_node.Name}' writes more partitions than one statement may ({e.ErrorName}); inserting in batches.");
            foreach (var predicate in await PartitionBatchesAsync(source).ConfigureAwait(false))
            {
                await _exec.ExecuteAsync($"INSERT INTO {Relation.DmlName} ({columns})\nSELECT * FROM (\n{source}\n) AS dbt_batch\nWHERE {predicate}").ConfigureAwait(false);
            }
        }
    }

    /// <summary>One predicate per batch over the partition columns' distinct values (NULL-aware, typed literals).</summary>
    private async Task<List<string>> PartitionBatchesAsync(string sql)
    {
        var keys = StringList("partitioned_by").Select(PartitionExpression).ToList();
        var select = string.Join(", ", keys.Select((k, i) => $"{k} AS p{i}"));
        var distinct = await _exec.ExecuteAsync(
            $"SELECT DISTINCT {select} FROM (\n{sql}\n) AS dbt_source ORDER BY {string.Join(", ", keys.Select((_, i) => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))}",
            countRows: false).ConfigureAwait(false);
        var limit = _exec.MaxOpenPartitions;
        var budget = _exec.MaxQueryBytes / 2 - Encoding.UTF8.GetByteCount(sql);
        var batches = new List<string>();
        var current = new List<string>();
        var size = 0;
        for (var row = 0; row < distinct.Rows.Count; row++)
        {
            var values = distinct.RenderRow(row);
            var condition = "(" + string.Join(" AND ", keys.Select((k, i) => values[i] is null
                ? $"{k} IS NULL"
                : $"{k} = {TypedLiteral(values[i]!, distinct.Columns[i].Type)}")) + ")";
            var bytes = Encoding.UTF8.GetByteCount(condition) + 4;
            if (current.Count > 0 && (current.Count >= limit || size + bytes > budget))
            {
                batches.Add(string.Join(" OR ", current));
                current.Clear();
                size = 0;
            }

            current.Add(condition);
            size += bytes;
        }

        if (current.Count > 0)
        {
            batches.Add(string.Join(" OR ", current));
        }

        return batches.Count > 0 ? batches : ["1 = 1"];
    }

    /// <summary>A partition column or an Iceberg transform as a query expression (<c>day(ts)</c> is <c>date_trunc('day', ts)</c>).</summary>
    private static string PartitionExpression(string key)
    {
        var open = key.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return SqlRender.DmlIdentifier(key.Trim());
        }

        var transform = key[..open].Trim().ToLowerInvariant();
        var argument = key[(open + 1)..key.LastIndexOf(')')].Split(',')[0].Trim();
        return transform is "year" or "month" or "day" or "hour"
            ? $"date_trunc('{transform}', {SqlRender.DmlIdentifier(argument)})"
            : SqlRender.DmlIdentifier(argument);
    }

    private static string TypedLiteral(string text, string type)
    {
        var lower = type.ToLowerInvariant();
        return lower switch
        {
            "tinyint" or "smallint" or "integer" or "bigint" => text,
            "boolean" => text,
            _ when lower.StartsWith("varchar", StringComparison.Ordinal) || lower.StartsWith("char", StringComparison.Ordinal) => SqlRender.StringLiteral(text),
            _ => $"CAST({SqlRender.StringLiteral(text)} AS {type})",
        };
    }
}
