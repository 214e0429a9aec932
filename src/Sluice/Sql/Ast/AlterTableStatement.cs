namespace Sluice.Sql.Ast;

/// <summary><c>ALTER TABLE t &lt;action&gt;</c>. Which actions a table format allows is the engine's check
/// (Iceberg: no REPLACE COLUMNS, no SET LOCATION; Hive: no DROP COLUMN).</summary>
public sealed record AlterTableStatement(QualifiedName Table, AlterTableAction Action)
    : SqlStatement(SqlRoute.HiveDdl, SqlStatementType.Ddl);
