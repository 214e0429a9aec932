using Sluice.Extract;

namespace Sluice.Sources.Postgres;

/// <summary>Which tables of one PostgreSQL schema to load, and how (dlt's <c>sql_database</c> source).</summary>
public sealed record PostgresSourceOptions
{
    /// <summary>An Npgsql connection string; its password is never shown in a message.</summary>
    public required string ConnectionString { get; init; }

    public string Schema { get; init; } = "public";

    /// <summary>The tables (or views) to load; null loads every table of <see cref="Schema"/>.</summary>
    public IReadOnlyList<string>? Tables { get; init; }

    /// <summary>Incremental loading per table: the cursor column (the hint's <c>CursorPath</c>), pushed into the query as <c>WHERE cursor &gt;= last value</c>.</summary>
    public IReadOnlyDictionary<string, IncrementalHint> Incremental { get; init; } = new Dictionary<string, IncrementalHint>();

    /// <summary>Hints per table; the table name, declared column types and (when none is given) the primary key are filled in from the catalog.</summary>
    public IReadOnlyDictionary<string, ResourceHints> Hints { get; init; } = new Dictionary<string, ResourceHints>();

    /// <summary>Hints for tables without an entry in <see cref="Hints"/>.</summary>
    public ResourceHints DefaultHints { get; init; } = new();

    /// <summary>Rows per batch handed to extract; rows are streamed, never the whole table held.</summary>
    public int ChunkSize { get; init; } = 10_000;
}
