using System.Globalization;
using Sluice.Catalog;
using Sluice.Errors;
using Sluice.Sql;

namespace Sluice.Transform;

/// <summary>
/// Applies a model's materialization as Athena SQL. Readers never see a missing or half-built table when a table is
/// replaced: the new data is written under a fresh location first (CTAS into a staging name), then switched in by one
/// atomic catalog call (<see cref="ICatalogWriter.ReplaceTableAsync"/>), or, on engines without catalog writes, by DDL
/// (Hive: <c>ALTER TABLE ... SET LOCATION</c> and partition repointing; Iceberg: renames). Superseded data is deleted
/// afterwards only from locations Sluice created (see Materializer.Reclaim).
/// </summary>
internal sealed partial class Materializer
{
    private readonly TransformProject _project;
    private readonly NodeExecution _exec;
    private readonly TransformNode _node;

    public Materializer(TransformProject project, NodeExecution exec, TransformNode node)
    {
        _project = project;
        _exec = exec;
        _node = node;
    }

    private DbtRelation Relation => TransformCompiler.RelationOf(_node);

    private bool IsIceberg => string.Equals(_node.ConfigString("table_type"), "iceberg", StringComparison.OrdinalIgnoreCase);

    public async Task ViewAsync(string sql)
    {
        var existing = await _exec.GetTableAsync(_node.Schema, _node.Alias).ConfigureAwait(false);
        IReadOnlyList<CatalogTable> history = [];
        if (existing is not null && !existing.IsView && _exec.CatalogWriter is not null)
        {
            // A table becomes a view: the view is created under a staging name and swapped in by one catalog call, so
            // readers see the table until the view takes its place. Owned table data is reclaimed afterwards.
            var staging = StagingRelation();
            await _exec.ExecuteAsync($"CREATE OR REPLACE VIEW {staging.DmlName} AS\n{sql}").ConfigureAwait(false);
            var replacement = new TableReplacement(_node.Schema, _node.Alias, staging.Identifier) { ExpectedVersionId = existing.VersionId };
            var view = await _exec.CatalogAsync(
                $"ReplaceTable {Relation.DmlName} by view {staging.Identifier} (expected version {existing.VersionId})",
                (writer, ct) => writer.ReplaceTableAsync(replacement, ct)).ConfigureAwait(false);
            history = await _exec.Catalog.GetTableVersionsAsync(_node.Schema, _node.Alias, _exec.CancellationToken).ConfigureAwait(false);
            await ReclaimAsync(history.Where(v => v.VersionId != view.VersionId).ToList(), current: null).ConfigureAwait(false);
            return;
        }

        if (existing is not null && !existing.IsView)
        {
            // A table becomes a view: Athena cannot replace a table by a view in one statement. Its data is reclaimed
            // afterwards under the usual rules (only locations Sluice created, versions_to_keep honoured).
            history = await _exec.Catalog.GetTableVersionsAsync(_node.Schema, _node.Alias, _exec.CancellationToken).ConfigureAwait(false);
            await _exec.ExecuteAsync("DROP TABLE " + Relation.DdlName).ConfigureAwait(false);
        }

        await _exec.ExecuteAsync($"CREATE OR REPLACE VIEW {Relation.DmlName} AS\n{sql}").ConfigureAwait(false);
        if (history.Count > 0)
        {
            await ReclaimAsync(history, current: null).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Builds the table from <paramref name="sql"/> (plus <paramref name="moreBatches"/> inserted before it is published).
    /// With catalog writes: a first build is one CTAS; a rebuild is one CTAS into a staging table at a fresh location and
    /// one atomic catalog replace (no statement), then superseded data Sluice owns is reclaimed (see Materializer.Reclaim).
    /// </summary>
    public async Task TableAsync(string sql, IReadOnlyList<string>? moreBatches = null)
    {
        if (_exec.CatalogWriter is null)
        {
            await TableByStatementsAsync(sql, moreBatches).ConfigureAwait(false);
            return;
        }

        var existing = await _exec.GetTableAsync(_node.Schema, _node.Alias).ConfigureAwait(false);
        var batches = moreBatches ?? [];
        if (existing is null && batches.Count == 0 && !ForceBatch)
        {
            var first = NewLocation();
            try
            {
                await _exec.ExecuteAsync(Ctas(Relation, sql, first.Uri)).ConfigureAwait(false);
                await RecordOwnershipAsync(first).ConfigureAwait(false);
                return;
            }
            catch (Sluice.Engines.EngineException e) when (IsTooManyPartitions(e) && StringList("partitioned_by").Count > 0)
            {
                // Nothing was created (a failed CTAS leaves no table); build in batches in a staging table instead.
            }
        }

        var staging = StagingRelation();
        var location = NewLocation();
        await CtasBatchedAsync(staging, sql, location.Uri).ConfigureAwait(false);
        foreach (var batch in batches)
        {
            await _exec.ExecuteAsync($"INSERT INTO {staging.DmlName}\n{batch}").ConfigureAwait(false);
        }

        await ReplaceAsync(staging, existing, location).ConfigureAwait(false);
    }

    /// <summary>The table as DDL statements, for engines without catalog writes (3 statements for a Hive rebuild, 4 for Iceberg).</summary>
    private async Task TableByStatementsAsync(string sql, IReadOnlyList<string>? moreBatches)
    {
        var existing = await _exec.GetTableAsync(_node.Schema, _node.Alias).ConfigureAwait(false);
        var batches = moreBatches ?? [];
        if (existing is null && batches.Count == 0 && !ForceBatch)
        {
            try
            {
                await _exec.ExecuteAsync(Ctas(Relation, sql, NewLocation().Uri)).ConfigureAwait(false);
                return;
            }
            catch (Sluice.Engines.EngineException e) when (IsTooManyPartitions(e) && StringList("partitioned_by").Count > 0)
            {
                // Nothing was created (a failed CTAS leaves no table); build in batches in a staging table instead.
            }
        }

        if (existing is { IsView: true })
        {
            // A view becomes a table: the view is dropped first (Athena has no swap between a view and a table).
            await _exec.ExecuteAsync("DROP VIEW " + Relation.DdlName).ConfigureAwait(false);
            await TableByStatementsAsync(sql, moreBatches).ConfigureAwait(false);
            return;
        }

        var staging = StagingRelation();
        await CtasBatchedAsync(staging, sql, NewLocation().Uri).ConfigureAwait(false);
        foreach (var batch in batches)
        {
            await _exec.ExecuteAsync($"INSERT INTO {staging.DmlName}\n{batch}").ConfigureAwait(false);
        }

        if (IsIceberg)
        {
            await PublishIcebergAsync(staging, existing).ConfigureAwait(false);
        }
        else
        {
            await PublishHiveAsync(staging, existing).ConfigureAwait(false);
        }
    }

    private DbtRelation StagingRelation() => Relation.WithIdentifier(_node.Alias + "__sluice_" + Guid.NewGuid().ToString("N")[..8]);

    private async Task PublishIcebergAsync(DbtRelation staging, CatalogTable? existing)
    {
        if (existing is null)
        {
            await _exec.ExecuteAsync($"ALTER TABLE {staging.DdlName} RENAME TO {Relation.DdlName}").ConfigureAwait(false);
            return;
        }

        if (existing.IsIceberg)
        {
            var backup = Relation.WithIdentifier(_node.Alias + "__sluice_old_" + Guid.NewGuid().ToString("N")[..8]);
            await _exec.ExecuteAsync($"ALTER TABLE {Relation.DdlName} RENAME TO {backup.DdlName}").ConfigureAwait(false);
            await _exec.ExecuteAsync($"ALTER TABLE {staging.DdlName} RENAME TO {Relation.DdlName}").ConfigureAwait(false);
            await _exec.ExecuteAsync("DROP TABLE " + backup.DdlName).ConfigureAwait(false);
            return;
        }

        // Hive to Iceberg: dropping the Hive table removes its catalog entry only; its files stay.
        await _exec.ExecuteAsync("DROP TABLE " + Relation.DdlName).ConfigureAwait(false);
        await _exec.ExecuteAsync($"ALTER TABLE {staging.DdlName} RENAME TO {Relation.DdlName}").ConfigureAwait(false);
    }

    private async Task PublishHiveAsync(DbtRelation staging, CatalogTable? existing)
    {
        var built = await _exec.GetTableAsync(staging.Schema, staging.Identifier).ConfigureAwait(false)
            ?? throw new TransformException($"The staging table {staging.DmlName} of '{_node.Name}' vanished before it could be published. Run the model again.");
        var location = built.StorageDescriptor.Location!;
        if (existing is null || existing.IsIceberg || !SameKeys(existing, built))
        {
            if (existing is not null)
            {
                // Iceberg to Hive, or new partition keys: the table is re-registered over the new files.
                await _exec.ExecuteAsync("DROP TABLE " + Relation.DdlName).ConfigureAwait(false);
            }

            var columns = string.Join(", ", built.StorageDescriptor.Columns.Select(c => SqlRender.DdlIdentifier(c.Name) + " " + c.Type));
            var partitioned = built.PartitionKeys.Count == 0
                ? string.Empty
                : " PARTITIONED BY (" + string.Join(", ", built.PartitionKeys.Select(c => SqlRender.DdlIdentifier(c.Name) + " " + c.Type)) + ")";
            await _exec.ExecuteAsync(
                $"CREATE EXTERNAL TABLE {Relation.DdlName} ({columns}){partitioned} STORED AS PARQUET LOCATION {SqlRender.HiveStringLiteral(location)}").ConfigureAwait(false);
            await RepointPartitionsAsync(staging, built, null).ConfigureAwait(false);
        }
        else
        {
            if (!SameColumns(existing.StorageDescriptor.Columns, built.StorageDescriptor.Columns))
            {
                var columns = string.Join(", ", built.StorageDescriptor.Columns.Select(c => SqlRender.DdlIdentifier(c.Name) + " " + c.Type));
                await _exec.ExecuteAsync($"ALTER TABLE {Relation.DdlName} REPLACE COLUMNS ({columns})").ConfigureAwait(false);
            }

            await _exec.ExecuteAsync($"ALTER TABLE {Relation.DdlName} SET LOCATION {SqlRender.HiveStringLiteral(location)}").ConfigureAwait(false);
            await RepointPartitionsAsync(staging, built, existing).ConfigureAwait(false);
        }

        // The staging entry goes; its files now belong to the published table (a Hive DROP TABLE keeps files).
        await _exec.ExecuteAsync("DROP TABLE " + staging.DdlName).ConfigureAwait(false);
        if (existing is { IsHive: true, StorageDescriptor.Location: { } old })
        {
            _exec.Logs.Add($"previous data of {Relation.DmlName} kept at {old}");
        }
    }

    /// <summary>
    /// Points the table's partitions at the staging table's: existing ones by <c>SET LOCATION</c> (each switch is atomic),
    /// new ones added in one statement, vanished ones dropped (the catalog entries only).
    /// </summary>
    private async Task RepointPartitionsAsync(DbtRelation staging, CatalogTable built, CatalogTable? existing, bool dropVanished = true)
    {
        if (built.PartitionKeys.Count == 0)
        {
            return;
        }

        var fresh = await _exec.GetPartitionsAsync(staging.Schema, staging.Identifier).ConfigureAwait(false);
        var old = existing is null ? [] : await _exec.GetPartitionsAsync(existing.DatabaseName, existing.Name).ConfigureAwait(false);
        var oldKeys = old.ToDictionary(p => string.Join('\u0001', p.Values), StringComparer.Ordinal);
        var added = new List<CatalogPartition>();
        foreach (var partition in fresh)
        {
            if (oldKeys.Remove(string.Join('\u0001', partition.Values)))
            {
                await _exec.ExecuteAsync(
                    $"ALTER TABLE {Relation.DdlName} PARTITION ({Spec(built, partition)}) SET LOCATION {SqlRender.HiveStringLiteral(partition.Location)}").ConfigureAwait(false);
            }
            else
            {
                added.Add(partition);
            }
        }

        if (added.Count > 0)
        {
            await _exec.ExecuteAsync($"ALTER TABLE {Relation.DdlName} ADD IF NOT EXISTS " + string.Join(" ", added.Select(p =>
                $"PARTITION ({Spec(built, p)}) LOCATION {SqlRender.HiveStringLiteral(p.Location)}"))).ConfigureAwait(false);
        }

        if (dropVanished && oldKeys.Count > 0)
        {
            await _exec.ExecuteAsync($"ALTER TABLE {Relation.DdlName} DROP IF EXISTS " + string.Join(", ", oldKeys.Values.Select(p =>
                $"PARTITION ({Spec(built, p)})"))).ConfigureAwait(false);
        }
    }

    private static string Spec(CatalogTable table, CatalogPartition partition) => string.Join(", ", table.PartitionKeys.Select((k, i) =>
        SqlRender.DdlIdentifier(k.Name) + "=" + SqlRender.HiveStringLiteral(partition.Values[i])));

    private static bool SameKeys(CatalogTable a, CatalogTable b) => SameColumns(a.PartitionKeys, b.PartitionKeys);

    private static bool SameColumns(IReadOnlyList<CatalogColumn> a, IReadOnlyList<CatalogColumn> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Name == p.Second.Name && string.Equals(p.First.Type, p.Second.Type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The CTAS for <paramref name="relation"/> with the model's table configs, at <paramref name="location"/> (a fresh one).</summary>
    private string Ctas(DbtRelation relation, string sql, string location, bool partitioned = true)
    {
        var properties = new List<string>();
        var partitions = partitioned ? StringList("partitioned_by") : [];
        if (IsIceberg)
        {
            properties.Add("table_type = 'ICEBERG'");
            properties.Add("is_external = false");
            properties.Add("location = " + SqlRender.StringLiteral(location));
            if (partitions.Count > 0)
            {
                properties.Add("partitioning = ARRAY[" + string.Join(", ", partitions.Select(SqlRender.StringLiteral)) + "]");
            }
        }
        else
        {
            properties.Add("table_type = 'HIVE'");
            if (_exec.EnforcedOutputLocation is null)
            {
                // Under a workgroup that enforces its output location, Athena rejects external_location and chooses it.
                properties.Add("external_location = " + SqlRender.StringLiteral(location));
            }
            if (partitions.Count > 0)
            {
                properties.Add("partitioned_by = ARRAY[" + string.Join(", ", partitions.Select(SqlRender.StringLiteral)) + "]");
            }

            if (StringList("bucketed_by") is { Count: > 0 } buckets && _node.Config.GetValueOrDefault("bucket_count") is long count)
            {
                properties.Add("bucketed_by = ARRAY[" + string.Join(", ", buckets.Select(SqlRender.StringLiteral)) + "]");
                properties.Add("bucket_count = " + SqlRender.IntegerLiteral(count));
            }
        }

        properties.Add("format = " + SqlRender.StringLiteral((_node.ConfigString("format") ?? "parquet").ToUpperInvariant()));
        if (_node.ConfigString("write_compression") is { } compression)
        {
            properties.Add("write_compression = " + SqlRender.StringLiteral(compression.ToUpperInvariant()));
        }

        if (_node.ConfigString("field_delimiter") is { } delimiter)
        {
            properties.Add("field_delimiter = " + SqlRender.StringLiteral(delimiter));
        }

        if (_node.Config.GetValueOrDefault("table_properties") is OrderedDictionary<string, object?> extra)
        {
            // Athena's Iceberg table properties (vacuum_*, optimize_*, write_target_data_file_size_bytes) go into WITH as given.
            foreach (var (key, value) in extra)
            {
                if (!key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    throw new CompileException($"table_properties key '{key}' of '{_node.Name}' is not a property name (letters, digits and '_').", _node.OriginalFilePath);
                }

                properties.Add(key + " = " + (value is long number ? SqlRender.IntegerLiteral(number) : SqlRender.StringLiteral(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty)));
            }
        }

        return $"CREATE TABLE {relation.DmlName}\nWITH (\n  {string.Join(",\n  ", properties)}\n)\nAS\n{sql}";
    }

    /// <summary>
    /// Where new table data goes: the root (<c>s3_tmp_table_dir</c> for temporary relations, <c>s3_data_dir</c> from the
    /// model or the target, else <c>&lt;s3_staging_dir&gt;/tables</c>), then <c>s3_data_naming</c>, always ending in a fresh
    /// unique folder so a build never writes into, or deletes from, a location that holds other data.
    /// </summary>
    /// <remarks>
    /// A location Sluice chose (from <c>s3_data_dir</c>/<c>s3_tmp_table_dir</c> and the naming scheme) is
    /// <see cref="NewTableLocation.Owned"/>: Sluice records it on the table and may delete it once superseded. A location
    /// under a user's <c>external_location</c> is never owned, so Sluice never deletes it.
    /// </remarks>
    /// <param name="temporary">For a temporary relation (<c>s3_tmp_table_dir</c>).</param>
    /// <param name="upload">For objects Sluice puts itself (a seed's upload), not for a CTAS.</param>
    private NewTableLocation NewLocation(bool temporary = false, bool upload = false)
    {
        var target = _project.Target;
        var root = (temporary ? target.S3TmpTableDir : null) ?? _node.ConfigString("s3_data_dir") ?? target.DataRoot;
        root = root.TrimEnd('/');
        var naming = _node.ConfigString("s3_data_naming") ?? target.S3DataNaming;
        var unique = Guid.NewGuid().ToString("N");
        if (!IsIceberg && !upload && _exec.EnforcedOutputLocation is { } enforced)
        {
            // The workgroup puts the data under <enforced>tables/<query-id>/: Athena's location, never Sluice's to delete.
            return new NewTableLocation(enforced.TrimEnd('/') + "/tables/", Owned: false);
        }

        if (_node.ConfigString("external_location") is { } external && !temporary)
        {
            return new NewTableLocation(external.TrimEnd('/') + "/" + unique, Owned: false);
        }

        return new NewTableLocation(
            naming switch
            {
                "unique" => $"{root}/{unique}",
                "table" or "table_unique" => $"{root}/{_node.Alias}/{unique}",
                _ => $"{root}/{_node.Schema}/{_node.Alias}/{unique}",
            },
            Owned: true);
    }

    /// <summary>A fresh table location and whether Sluice owns it.</summary>
    private sealed record NewTableLocation(string Uri, bool Owned);

    private List<string> StringList(string key) => _node.Config.GetValueOrDefault(key) switch
    {
        List<object?> list => list.Select(x => Convert.ToString(x, CultureInfo.InvariantCulture) ?? string.Empty).Where(x => x.Length > 0).ToList(),
        string single when single.Length > 0 => [single],
        _ => [],
    };

    private static string Columns(IEnumerable<string> names, string? prefix = null) =>
        string.Join(", ", names.Select(n => (prefix is null ? string.Empty : prefix + ".") + SqlRender.DmlIdentifier(n)));
}
