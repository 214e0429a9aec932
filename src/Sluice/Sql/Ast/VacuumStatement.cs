namespace Sluice.Sql.Ast;

/// <summary><c>VACUUM t</c>.</summary>
public sealed record VacuumStatement(QualifiedName Table) : SqlStatement(SqlRoute.Utility, SqlStatementType.Dml);
