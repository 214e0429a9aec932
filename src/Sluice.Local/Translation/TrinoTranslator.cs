namespace Sluice.Local.Translation;

/// <summary>
/// The seam between Athena's SQL and DuckDB: every query, view body, CTAS/INSERT source and DML statement the engine
/// runs passes through <see cref="Translate"/>, and every connection is set up by <see cref="ConfigureSession"/>.
/// Today it sets the session (UTC) and passes text through; the Trino-semantics layer (athena.md §9) grows here.
/// </summary>
internal static class TrinoTranslator
{
    /// <summary>DuckDB SQL with Trino's semantics for one Athena query or DML statement.</summary>
    public static string Translate(string athenaSql) => athenaSql;

    /// <summary>Session settings, macros and functions every engine connection needs.</summary>
    public static void ConfigureSession(DuckDb.DuckDbConnection connection) =>
        // Data files are never rewritten in place, so their footers can be cached between queries.
        connection.Execute("SET TimeZone = 'UTC'; SET parquet_metadata_cache = true");
}
