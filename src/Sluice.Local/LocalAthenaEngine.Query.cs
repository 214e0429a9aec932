using Sluice.Engines;
using Sluice.Local.Hive;
using Sluice.Local.Translation;
using Sluice.Sql.Ast;

namespace Sluice.Local;

public sealed partial class LocalAthenaEngine
{
    private LocalStatementOutcome Query(string sql, StatementScope scope, CancellationToken cancellationToken)
    {
        UseDatabase(scope.Database);
        using var reader = _connection.Query(TrinoTranslator.Translate(sql), cancellationToken);
        var names = new AthenaColumnNames(sql);
        var columns = new ResultColumn[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
        {
            var type = reader.GetColumnType(i);
            columns[i] = new ResultColumn(names.Name(reader.GetName(i), i), DuckDbTypeNames.Trino(type))
            {
                Precision = type.Id == DuckDb.DuckDbTypeId.Decimal ? type.DecimalWidth : 0,
                Scale = type.Id == DuckDb.DuckDbTypeId.Decimal ? type.DecimalScale : 0,
            };
        }

        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[columns.Length];
            reader.GetValues(row);
            rows.Add(row);
        }

        return new LocalStatementOutcome(columns, rows, StatementType.Dml);
    }

    /// <summary>UPDATE, DELETE and MERGE: Iceberg tables only, as on Athena engine v3.</summary>
    private LocalStatementOutcome ModifyIceberg(QualifiedName target, string verb, StatementScope scope, CancellationToken cancellationToken)
    {
        var (database, name) = Resolve(target, scope);
        var table = RequireTable(database, name);
        if (!table.IsIceberg)
        {
            throw AthenaErrors.NotSupported("Modifying Hive table rows is only supported for transactional tables");
        }

        UseDatabase(scope.Database);
        var rows = _store.InTransaction(() => _connection.Execute(TrinoTranslator.Translate(scope.Sql), cancellationToken));
        _ = verb;
        return LocalStatementOutcome.Written(rows);
    }

    private LocalStatementOutcome Optimize(QualifiedName target, StatementScope scope)
    {
        var (database, name) = Resolve(target, scope);
        var table = RequireTable(database, name);
        if (!table.IsIceberg)
        {
            throw AthenaErrors.NotSupported($"OPTIMIZE is supported for Iceberg tables only; '{database}.{name}' is a Hive table.");
        }

        // Iceberg data lives in DuckDB, which keeps its own storage compact; there is nothing to rewrite.
        return new LocalStatementOutcome([], [], StatementType.Dml);
    }

    private LocalStatementOutcome Vacuum(QualifiedName target, StatementScope scope)
    {
        var (database, name) = Resolve(target, scope);
        var table = RequireTable(database, name);
        if (!table.IsIceberg)
        {
            throw AthenaErrors.NotSupported($"VACUUM is supported for Iceberg tables only; '{database}.{name}' is a Hive table.");
        }

        _connection.Execute("CHECKPOINT awsdatacatalog");
        return new LocalStatementOutcome([], [], StatementType.Dml);
    }
}
