namespace Sluice.Sql;

/// <summary>Athena's <c>QueryExecution.StatementType</c> (athena.md §7).</summary>
public enum SqlStatementType
{
    /// <summary>Data definition: CREATE, ALTER, DROP, MSCK, CTAS.</summary>
    Ddl,

    /// <summary>Queries and data changes: SELECT, INSERT, UPDATE, DELETE, MERGE, OPTIMIZE, VACUUM.</summary>
    Dml,

    /// <summary>SHOW, DESCRIBE, EXPLAIN.</summary>
    Utility,
}
