using System.Globalization;
using System.Text.RegularExpressions;
using Sluice.Catalog;
using Sluice.Errors;
using Sluice.Sql;

namespace Sluice.Transform;

/// <summary><c>persist_docs</c> (the relation's description as the table comment) and model contracts.</summary>
internal sealed partial class Materializer
{
    /// <summary>
    /// <c>persist_docs</c> as dbt-athena writes it to Glue: with <c>relation: true</c> (and a description) the table's
    /// <c>Description</c> and <c>comment</c> parameter, plus the model's <c>meta</c>, <c>unique_id</c>,
    /// <c>materialized</c>, <c>dbt_project_name</c> and <c>dbt_project_version</c> as table parameters; with
    /// <c>columns: true</c> each documented column's comment. One UpdateTable, and only when something differs (each
    /// update is a new table version). A rebuild carries the docs through its swap, so nothing is left to update
    /// afterwards. Views keep their text: Athena has no view comments.
    /// </summary>
    public async Task PersistDocsAsync()
    {
        if (DocsToPersist() is not { } docs)
        {
            return;
        }

        var table = await _exec.GetTableAsync(_node.Schema, _node.Alias).ConfigureAwait(false);
        if (table is null || table.IsView)
        {
            return;
        }

        WarnAboutUndocumentedColumns(table, docs);
        var (updated, changes) = ApplyDocs(table, docs);
        if (changes.Count == 0)
        {
            return;
        }

        if (_exec.CatalogWriter is not null)
        {
            // Glue's UpdateTable, as dbt-athena does: a catalog call, not a statement.
            await _exec.CatalogAsync($"UpdateTable {Relation.DmlName} (version {table.VersionId}): {string.Join(", ", changes)}",
                (writer, ct) => writer.UpdateTableAsync(updated, table.VersionId, ct)).ConfigureAwait(false);
            return;
        }

        // Without catalog calls only table properties can be set by SQL; column comments need the catalog.
        var properties = docs.Parameters.Where(p => !table.Parameters.TryGetValue(p.Key, out var current) || current != p.Value)
            .Select(p => $"{SqlRender.HiveStringLiteral(p.Key)} = {SqlRender.HiveStringLiteral(p.Value)}").ToList();
        if (properties.Count > 0)
        {
            await _exec.ExecuteAsync($"ALTER TABLE {Relation.DdlName} SET TBLPROPERTIES ({string.Join(", ", properties)})", countRows: false).ConfigureAwait(false);
        }
    }

    /// <summary>What <c>persist_docs</c> asks the catalog to hold: description, table parameters, column comments.</summary>
    private sealed record PersistedDocs(string? Description, IReadOnlyDictionary<string, string> Parameters, IReadOnlyDictionary<string, string> ColumnComments);

    private PersistedDocs? _docs;
    private bool _docsResolved;

    /// <summary>The docs <c>persist_docs</c> asks for, or null when it asks for none (worked out once per node).</summary>
    private PersistedDocs? DocsToPersist()
    {
        if (!_docsResolved)
        {
            _docs = ResolveDocs();
            _docsResolved = true;
        }

        return _docs;
    }

    private PersistedDocs? ResolveDocs()
    {
        if (_node.Config.GetValueOrDefault("persist_docs") is not OrderedDictionary<string, object?> config)
        {
            return null;
        }

        string? description = null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (config.GetValueOrDefault("relation") is true && !string.IsNullOrWhiteSpace(_node.Description))
        {
            description = CatalogComment(_node.Description);
            parameters["comment"] = description;
            var meta = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
            if (_node.Config.GetValueOrDefault("meta") is OrderedDictionary<string, object?> configured)
            {
                foreach (var (key, value) in configured)
                {
                    meta[key] = value;
                }
            }

            meta["unique_id"] = _node.UniqueId;
            meta["materialized"] = _node.Materialized;
            meta["dbt_project_name"] = _project.Project.Name;
            meta["dbt_project_version"] = _project.Project.Yaml.GetValueOrDefault("version");
            foreach (var (key, value) in meta)
            {
                if (!IsValidParameterKey(key))
                {
                    _exec.Logs.Add($"WARNING: meta key '{key}' of {_node.UniqueId} cannot be a Glue table parameter (1-255 characters, no control characters) and is not persisted");
                }
                else if (ParameterValue(value) is { } text)
                {
                    parameters[key] = text;
                }
            }
        }

        var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (config.GetValueOrDefault("columns") is true)
        {
            foreach (var (name, column) in _node.Columns)
            {
                var text = column is OrderedDictionary<string, object?> c && c.GetValueOrDefault("description") is string d ? d : string.Empty;
                columns[name] = CatalogComment(text);
            }
        }

        return description is null && parameters.Count == 0 && columns.Count == 0 ? null : new PersistedDocs(description, parameters, columns);
    }

    /// <summary>The table with the docs applied, and the names of what changed (empty: nothing to update).</summary>
    private static (CatalogTable Table, List<string> Changes) ApplyDocs(CatalogTable table, PersistedDocs docs)
    {
        var changes = new List<string>();
        var description = table.Description;
        if (docs.Description is { } wanted && wanted != table.Description)
        {
            description = wanted;
            changes.Add("description");
        }

        var parameters = table.Parameters.ToDictionary(StringComparer.Ordinal);
        foreach (var (key, value) in docs.Parameters)
        {
            if (!parameters.TryGetValue(key, out var current) || current != value)
            {
                parameters[key] = value;
                changes.Add(key);
            }
        }

        var commented = 0;
        CatalogColumn Comment(CatalogColumn column)
        {
            if (!docs.ColumnComments.TryGetValue(column.Name, out var comment) || (column.Comment ?? string.Empty) == comment)
            {
                return column;
            }

            commented++;
            return column with { Comment = comment.Length == 0 ? null : comment };
        }

        var storage = table.StorageDescriptor with { Columns = table.StorageDescriptor.Columns.Select(Comment).ToList() };
        var partitionKeys = table.PartitionKeys.Select(Comment).ToList();
        if (commented > 0)
        {
            changes.Add(commented.ToString(CultureInfo.InvariantCulture) + " column comment(s)");
        }

        return (table with { Description = description, Parameters = parameters, StorageDescriptor = storage, PartitionKeys = partitionKeys }, changes);
    }

    /// <summary>dbt-athena warns about documented columns the built table does not have; so does Sluice.</summary>
    private void WarnAboutUndocumentedColumns(CatalogTable table, PersistedDocs docs)
    {
        foreach (var name in docs.ColumnComments.Keys)
        {
            if (!table.AllColumns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                _exec.Logs.Add($"WARNING: column '{name}' is documented for {_node.UniqueId} but {Relation.DmlName} has no such column; its description is not persisted");
            }
        }
    }

    /// <summary>A description as a catalog comment: whitespace collapsed, at most 255 characters (longer ones end in "...").</summary>
    private static string CatalogComment(string text)
    {
        var comment = Whitespace().Replace(text.Trim(), " ");
        return comment.Length > 255 ? comment[..252] + "..." : comment;
    }

    /// <summary>Glue's rule for parameter keys: 1 to 255 characters, no control characters other than tab.</summary>
    private static bool IsValidParameterKey(string key) =>
        key.Length is > 0 and <= 255 && key.All(c => c == '\t' || c >= ' ' && c != '\uFFFE' && c != '\uFFFF');

    /// <summary>A meta value as a table parameter: text as it is, lists and mappings as JSON, at most 512,000 characters.</summary>
    private static string? ParameterValue(object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s,
            bool b => b ? "True" : "False",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => Templating.Json.Serialize(value, null),
        };
        return text is { Length: > 512_000 } ? text[..512_000] : text;
    }

    /// <summary>
    /// <c>contract: {enforced: true}</c>: the model's columns must be exactly the documented ones with matching broad
    /// types (the type name before any parameters, as dbt-athena compares). Checked before anything is built.
    /// </summary>
    public async Task CheckContractAsync(string sql)
    {
        if (_node.Config.GetValueOrDefault("contract") is not OrderedDictionary<string, object?> contract || contract.GetValueOrDefault("enforced") is not true)
        {
            return;
        }

        var probe = await _exec.ExecuteAsync($"SELECT * FROM (\n{sql}\n) AS dbt_contract LIMIT 0", countRows: false).ConfigureAwait(false);
        var problems = new List<string>();
        foreach (var column in probe.Columns)
        {
            var declared = _node.Columns.FirstOrDefault(c => string.Equals(c.Key, column.Name, StringComparison.OrdinalIgnoreCase)).Value as OrderedDictionary<string, object?>;
            if (declared is null)
            {
                problems.Add($"column '{column.Name}' is not in the contract");
            }
            else if (declared.GetValueOrDefault("data_type") is string type && Broad(type) != Broad(column.Type))
            {
                problems.Add($"column '{column.Name}' is {column.Type}, the contract says {type}");
            }
        }

        foreach (var name in _node.Columns.Keys.Where(n => !probe.Columns.Any(c => string.Equals(c.Name, n, StringComparison.OrdinalIgnoreCase))))
        {
            problems.Add($"column '{name}' is in the contract but not in the model");
        }

        if (problems.Count > 0)
        {
            throw new CompileException(
                $"The contract of '{_node.Name}' is not met: {string.Join("; ", problems)}. Change the model or the columns in its YAML.", _node.OriginalFilePath);
        }
    }

    private static string Broad(string type)
    {
        var cut = type.IndexOfAny(['(', '<']);
        var broad = (cut < 0 ? type : type[..cut]).Trim().ToLowerInvariant();
        return broad switch
        {
            "int" => "integer",
            "string" or "char" => "varchar",
            "float" => "real",
            _ => broad,
        };
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
