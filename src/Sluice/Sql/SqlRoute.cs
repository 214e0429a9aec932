namespace Sluice.Sql;

/// <summary>Which of Athena's front ends a statement goes to (athena.md §1).</summary>
public enum SqlRoute
{
    /// <summary>Hive DDL: backtick identifiers, backslash escapes in strings, no <c>/* */</c> comments.</summary>
    HiveDdl,

    /// <summary>A Trino statement Sluice parses itself: CTAS, views, INSERT, UPDATE, DELETE, MERGE.</summary>
    Trino,

    /// <summary><c>OPTIMIZE</c> and <c>VACUUM</c>: Athena statements with unquoted names.</summary>
    Utility,

    /// <summary>A Trino query (SELECT, WITH, VALUES, EXPLAIN, ...) passed on as text.</summary>
    Query,
}
