using System.Text.RegularExpressions;
using Sluice.Errors;
using Sluice.Sql;

namespace Sluice.Transform;

/// <summary><c>persist_docs</c> (the relation's description as the table comment) and model contracts.</summary>
internal sealed partial class Materializer
{
    /// <summary>
    /// Sets the table's <c>comment</c> property to the model's description when <c>persist_docs: {relation: true}</c>,
    /// only when it changed (each change is a new Glue table version). Views keep their text: Athena has no view comments.
    /// </summary>
    public async Task PersistDocsAsync()
    {
        if (PersistedComment() is not { } comment)
        {
            return;
        }

        var table = await _exec.GetTableAsync(_node.Schema, _node.Alias).ConfigureAwait(false);
        if (table is null || table.IsView)
        {
            return;
        }

        if (table.Parameters.TryGetValue("comment", out var current) && current == comment)
        {
            return;
        }

        if (_exec.CatalogWriter is not null)
        {
            // Glue's UpdateTable, as dbt-athena does: a catalog call, not a statement.
            var parameters = table.Parameters.ToDictionary(StringComparer.Ordinal);
            parameters["comment"] = comment;
            await _exec.CatalogAsync($"UpdateTable {Relation.DmlName} (version {table.VersionId}): comment",
                (writer, ct) => writer.UpdateTableAsync(table with { Parameters = parameters }, table.VersionId, ct)).ConfigureAwait(false);
            return;
        }

        await _exec.ExecuteAsync($"ALTER TABLE {Relation.DdlName} SET TBLPROPERTIES ('comment' = {SqlRender.HiveStringLiteral(comment)})", countRows: false).ConfigureAwait(false);
    }

    /// <summary>The table comment <c>persist_docs: {relation: true}</c> asks for (whitespace collapsed, at most 255 characters), or null.</summary>
    private string? PersistedComment()
    {
        if (_node.Config.GetValueOrDefault("persist_docs") is not OrderedDictionary<string, object?> docs || docs.GetValueOrDefault("relation") is not true
            || string.IsNullOrWhiteSpace(_node.Description))
        {
            return null;
        }

        var comment = Whitespace().Replace(_node.Description.Trim(), " ");
        return comment.Length > 255 ? comment[..252] + "..." : comment;
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
