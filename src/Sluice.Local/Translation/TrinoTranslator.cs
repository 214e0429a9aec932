using Sluice.DuckDb;

namespace Sluice.Local.Translation;

/// <summary>
/// The seam between Athena's SQL and DuckDB: every query, view body, CTAS/INSERT source and DML statement the engine
/// runs passes through <see cref="Translate"/>, and every connection is set up by <see cref="ConfigureSession"/>.
/// The layer has three parts (athena.md §9): session settings, the <c>trino</c> macro schema that shadows DuckDB's
/// built-ins through the search path (<see cref="TrinoMacros"/>), C# scalar functions (<see cref="TrinoScalarFunctions"/>),
/// and a token-level rewrite for syntax and calls DuckDB reads differently (<see cref="TrinoRewriter"/>).
/// See docs/athena-sql.md for what is covered and what is not.
/// </summary>
internal static class TrinoTranslator
{
    /// <summary>DuckDB SQL with Trino's semantics for one Athena query or DML statement.</summary>
    public static string Translate(string athenaSql) => TrinoRewriter.Rewrite(athenaSql);

    /// <summary>Session settings, macros and functions every engine connection needs.</summary>
    public static void ConfigureSession(DuckDbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);

        // Athena runs in UTC; Trino's integer division truncates toward zero (DuckDB's `/` would return a DOUBLE).
        connection.Execute("SET TimeZone = 'UTC'");
        connection.Execute("SET integer_division = true");

        // Data files are never rewritten in place, so their footers can be cached between queries.
        connection.Execute("SET parquet_metadata_cache = true");
        TrinoScalarFunctions.Register(connection);

        // Macro bodies are checked when created, so the schema must be on the path while later macros use earlier ones.
        connection.Execute($"CREATE SCHEMA IF NOT EXISTS {TrinoMacros.Schema}");
        connection.Execute(SearchPath(null));
        foreach (var statement in TrinoMacros.Statements())
        {
            connection.Execute(statement);
        }
    }

    /// <summary>
    /// The search path for a statement run in <paramref name="database"/>: the database's schema first (for tables),
    /// then the <c>trino</c> macros, then the in-memory main schema. <c>USE</c> resets the search path, so the engine
    /// runs this after every <c>USE</c>.
    /// </summary>
    public static string SearchPath(string? database)
    {
        var schemas = database is null
            ? $"{TrinoMacros.Schema},memory.main"
            : $"awsdatacatalog.\"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{TrinoMacros.Schema},memory.main";
        return $"SET search_path = {Sluice.Sql.SqlRender.StringLiteral(schemas)}";
    }
}
