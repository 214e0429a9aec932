using Sluice.Catalog;
using Sluice.Engines;
using Sluice.Sql;
using Sluice.Sql.Ast;

namespace Sluice.Local;

public sealed partial class LocalAthenaEngine
{
    private LocalStatementOutcome CreateDatabase(CreateDatabaseStatement statement)
    {
        var name = Fold(statement.Name);
        if (_store.GetDatabase(name) is not null)
        {
            return statement.IfNotExists
                ? LocalStatementOutcome.Ddl()
                : throw new EngineException("SCHEMA_ALREADY_EXISTS", $"Schema '{name}' already exists");
        }

        _store.InTransaction(() =>
        {
            _store.PutDatabase(new CatalogDatabase(name)
            {
                Description = statement.Comment,
                LocationUri = statement.Location,
                Parameters = statement.Properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
                CreateTime = DateTimeOffset.UtcNow,
            });
            _connection.Execute($"CREATE SCHEMA awsdatacatalog.{Quote(name)}");
        });
        return LocalStatementOutcome.Ddl();
    }

    private LocalStatementOutcome DropDatabase(DropDatabaseStatement statement)
    {
        var name = Fold(statement.Name);
        if (_store.GetDatabase(name) is null)
        {
            return statement.IfExists ? LocalStatementOutcome.Ddl() : throw AthenaErrors.SchemaNotFound(name);
        }

        var tables = _store.GetTables(name);
        if (tables.Count > 0 && !statement.Cascade)
        {
            throw new EngineException(
                "SCHEMA_NOT_EMPTY",
                $"Schema '{name}' is not empty: it holds {tables.Count} table(s) or view(s). Drop them first, or use DROP DATABASE {name} CASCADE.");
        }

        _store.InTransaction(() =>
        {
            foreach (var table in tables)
            {
                // Hive tables keep their files (as on Athena); Iceberg data lives in the schema and goes with it.
                _store.DeleteTable(name, table.Name);
            }

            _store.DeleteDatabase(name);
            if (string.Equals(_usedDatabase, name, StringComparison.Ordinal))
            {
                _connection.Execute("USE memory.main");
                _usedDatabase = null;
            }

            _connection.Execute($"DROP SCHEMA awsdatacatalog.{Quote(name)} CASCADE");
        });
        return LocalStatementOutcome.Ddl();
    }

    private LocalStatementOutcome ShowDatabases(ShowDatabasesStatement statement) =>
        LocalStatementOutcome.Lines("database_name", _store.GetDatabases().Select(d => d.Name).Where(n => HivePattern.Matches(statement.Pattern, n)));
}
