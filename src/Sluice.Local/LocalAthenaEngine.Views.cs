using System.Text;
using System.Text.Json;
using Sluice.Catalog;
using Sluice.Engines;
using Sluice.Local.Hive;
using Sluice.Local.Translation;
using Sluice.Sql.Ast;

namespace Sluice.Local;

public sealed partial class LocalAthenaEngine
{
    private LocalStatementOutcome CreateView(CreateViewStatement statement, StatementScope scope)
    {
        var (database, name) = Resolve(statement.View, scope);
        UseDatabase(scope.Database);
        RequireDatabase(database);
        var existing = _store.GetTable(database, name);
        if (existing is not null && (!statement.OrReplace || !existing.IsView))
        {
            throw existing.IsView
                ? new EngineException("TABLE_ALREADY_EXISTS", $"View 'awsdatacatalog.{database}.{name}' already exists")
                : new EngineException("TABLE_ALREADY_EXISTS", $"Table 'awsdatacatalog.{database}.{name}' already exists");
        }

        var body = TrinoTranslator.Translate(statement.Query.Text);
        var columns = DescribeQuery(body, new AthenaColumnNames(statement.Query.Text));
        body = $"SELECT * FROM ({body}) AS sluice_named({string.Join(", ", columns.Select(c => Quote(c.Name)))})";
        var original = JsonSerializer.Serialize(new
        {
            originalSql = statement.Query.Text,
            catalog = "awsdatacatalog",
            schema = scope.Database,
            columns = columns.Select(c => new { name = c.Name, type = DuckDbTypeNames.Trino(c.Type) }),
        });
        var view = new CatalogTable
        {
            DatabaseName = database,
            Name = name,
            TableType = TableTypes.VirtualView,
            StorageDescriptor = new StorageDescriptor { Columns = columns.Select(c => new CatalogColumn(c.Name, c.HiveType)).ToList() },
            Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["presto_view"] = "true", ["comment"] = "Presto View" },
            // Athena's Glue form of a view: the definition as base64 JSON inside a comment (athena.md §4).
            ViewOriginalText = "/* Presto View: " + Convert.ToBase64String(Encoding.UTF8.GetBytes(original)) + " */",
            ViewExpandedText = "/* Presto View */",
        };
        _store.InTransaction(() =>
        {
            _store.PutTable(view);
            _connection.Execute($"CREATE OR REPLACE VIEW {Relation(database, name)} AS {body}");
        });
        return LocalStatementOutcome.Ddl();
    }

    private LocalStatementOutcome DropView(DropViewStatement statement, StatementScope scope)
    {
        var (database, name) = Resolve(statement.View, scope);
        RequireDatabase(database);
        var existing = _store.GetTable(database, name);
        if (existing is null || !existing.IsView)
        {
            return statement.IfExists && existing is null
                ? LocalStatementOutcome.Ddl()
                : throw new EngineException("TABLE_NOT_FOUND", $"View 'awsdatacatalog.{database}.{name}' does not exist");
        }

        _store.InTransaction(() =>
        {
            _store.DeleteTable(database, name);
            _connection.Execute($"DROP VIEW {Relation(database, name)}");
        });
        return LocalStatementOutcome.Ddl();
    }
}
