using System.Data;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Npgsql;
using Sluice.Extract;
using Sluice.Schema;

namespace Sluice.Sources.Postgres;

/// <summary>
/// Tables of a PostgreSQL schema as resources (dlt's <c>sql_database</c>). Columns are read from the catalog when
/// the resources are made and declared with their Sluice types: bool, integers → bigint, float → double,
/// numeric(p,s) with p ≤ 28 and s ≤ 9 → decimal (others, and unconstrained numeric, → text, so no digit is lost),
/// timestamptz and timestamp (taken as UTC) → timestamp, date → date, bytea → binary, json/jsonb and arrays → json,
/// everything else (uuid, time, interval, enums, ...) → text. Rows are streamed from one query per table and
/// handed to extract in batches of <see cref="PostgresSourceOptions.ChunkSize"/>. An incremental table reads
/// <c>WHERE cursor &gt;= last value ORDER BY cursor</c>, the last value coming from the pipeline state at extract time.
/// </summary>
public static class PostgresSource
{
    /// <summary>One resource per table (named after it).</summary>
    /// <param name="options">Connection, schema, tables and hints.</param>
    /// <param name="state">Reads the pipeline state at extract time (<c>() => pipeline.State</c>), for incremental tables.</param>
    /// <param name="cancellationToken">Cancels the catalog queries.</param>
    public static async Task<IReadOnlyList<Resource>> ResourcesAsync(PostgresSourceOptions options, Func<PipelineState>? state = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ChunkSize <= 0)
        {
            throw new SourceException($"ChunkSize is {options.ChunkSize}; set PostgresSourceOptions.ChunkSize to a positive number of rows.");
        }

        Dictionary<string, List<PostgresColumn>> columns;
        Dictionary<string, List<string>> keys;
        Dictionary<string, char> kinds;
        var dataSource = Open(options.ConnectionString);
        await using (dataSource.ConfigureAwait(false))
        {
            var connection = await Connect(dataSource, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                (columns, kinds) = await ColumnsAsync(connection, options.Schema, cancellationToken).ConfigureAwait(false);
                keys = await PrimaryKeysAsync(connection, options.Schema, cancellationToken).ConfigureAwait(false);
            }
        }

        var tables = options.Tables ?? kinds.Where(k => k.Value is 'r' or 'p').Select(k => k.Key).Order(StringComparer.Ordinal).ToList();
        var missing = tables.Where(t => !columns.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            throw new SourceException(
                $"Schema '{options.Schema}' has no table or view named {string.Join(", ", missing.Select(m => "'" + m + "'"))}; it has: {(columns.Count == 0 ? "(nothing)" : string.Join(", ", columns.Keys.Order(StringComparer.Ordinal)))}. Fix the table list (names are case-sensitive).");
        }

        foreach (var (table, hint) in options.Incremental)
        {
            if (!tables.Contains(table, StringComparer.Ordinal))
            {
                throw new SourceException($"An incremental cursor is set for table '{table}', which is not among the tables loaded ({string.Join(", ", tables)}).");
            }

            if (!columns[table].Any(c => c.Name == hint.CursorPath))
            {
                throw new SourceException($"Table '{options.Schema}.{table}' has no column '{hint.CursorPath}' for the incremental cursor; its columns are: {string.Join(", ", columns[table].Select(c => c.Name))}.");
            }
        }

        var resources = new List<Resource>();
        foreach (var table in tables)
        {
            var hints = options.Hints.GetValueOrDefault(table) ?? options.DefaultHints;
            var declared = new Dictionary<string, DataType>(StringComparer.Ordinal);
            foreach (var column in columns[table])
            {
                declared[column.Name] = column.Type;
            }

            foreach (var (name, type) in hints.Columns)
            {
                declared[name] = type;
            }

            hints = hints with
            {
                TableName = hints.TableName ?? (hints.TableNameSelector is null ? table : null),
                Columns = declared,
                PrimaryKey = hints.PrimaryKey.Count > 0 ? hints.PrimaryKey : keys.GetValueOrDefault(table) ?? [],
                Incremental = options.Incremental.GetValueOrDefault(table) ?? hints.Incremental,
            };
            var reader = new TableReader(options, table, columns[table], hints.Incremental, state);
            resources.Add(Resource.From(table, reader.Rows(CancellationToken.None), hints)); // extract passes its token through WithCancellation
        }

        return resources;
    }

    private static NpgsqlDataSource Open(string connectionString)
    {
        try
        {
            return NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException error)
        {
            throw new SourceException($"The PostgreSQL connection string is not valid: {error.Message.Split('(')[0].Trim()}. Write it as Host=...;Port=5432;Database=...;Username=...;Password=... .", innerException: null);
        }
    }

    internal static async Task<NpgsqlConnection> Connect(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (var utc = new NpgsqlCommand("SET TIME ZONE 'UTC'", connection))
            {
                await utc.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch (NpgsqlException error)
        {
            var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            throw new SourceException(
                $"Cannot connect to PostgreSQL at {builder.Host}:{builder.Port} (database '{builder.Database}', user '{builder.Username}'): {Safe(error.Message, builder.Password)}. Check that the server runs and the credentials in [sources.sql_database.credentials] are right.",
                isTransient: error.IsTransient);
        }
    }

    internal static string Safe(string message, string? password) =>
        string.IsNullOrEmpty(password) ? message : message.Replace(password, "***", StringComparison.Ordinal);

    private static async Task<(Dictionary<string, List<PostgresColumn>>, Dictionary<string, char>)> ColumnsAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT c.relname, c.relkind::text, a.attname, t.typname, format_type(a.atttypid, a.atttypmod), t.typcategory::text, t.typtype::text, a.atttypmod
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            ORDER BY c.relname, a.attnum
            """;
        var columns = new Dictionary<string, List<PostgresColumn>>(StringComparer.Ordinal);
        var kinds = new Dictionary<string, char>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = schema } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var table = reader.GetString(0);
            kinds[table] = reader.GetString(1)[0];
            if (!columns.TryGetValue(table, out var list))
            {
                columns[table] = list = [];
            }

            list.Add(new PostgresColumn(reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)[0], reader.GetString(6)[0], reader.GetInt32(7)));
        }

        return (columns, kinds);
    }

    private static async Task<Dictionary<string, List<string>>> PrimaryKeysAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT c.relname, a.attname
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey::int2[])
            WHERE i.indisprimary AND n.nspname = $1
            ORDER BY c.relname, array_position(i.indkey::int2[], a.attnum)
            """;
        var keys = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = schema } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var table = reader.GetString(0);
            if (!keys.TryGetValue(table, out var list))
            {
                keys[table] = list = [];
            }

            list.Add(reader.GetString(1));
        }

        return keys;
    }

    /// <summary>Streams one table's rows in batches; each enumeration runs the query again.</summary>
    private sealed class TableReader(PostgresSourceOptions options, string table, IReadOnlyList<PostgresColumn> columns, IncrementalHint? incremental, Func<PipelineState>? state)
    {
        public async IAsyncEnumerable<object?> Rows([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var dataSource = Open(options.ConnectionString);
            await using (dataSource.ConfigureAwait(false))
            {
                var connection = await Connect(dataSource, cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    var sql = $"SELECT {string.Join(", ", columns.Select(c => c.SelectExpression))} FROM {PostgresSql.Quote(options.Schema)}.{PostgresSql.Quote(table)}";
                    await using var command = new NpgsqlCommand(sql, connection);
                    if (incremental is not null)
                    {
                        var cursor = columns.First(c => c.Name == incremental.CursorPath);
                        var saved = state?.Invoke().Incremental(table, incremental.CursorPath);
                        var start = saved is not null && saved.TryGetValue("last_value", out var last) && last is not null ? last : incremental.InitialValue;
                        var op = incremental.LastValueFunction == LastValueFunction.Max ? ">=" : "<=";
                        if (start is not null)
                        {
                            command.CommandText += $" WHERE {PostgresSql.Quote(cursor.Name)} {op} $1";
                            command.Parameters.Add(new NpgsqlParameter { Value = Parameter(start, cursor, table) });
                        }

                        command.CommandText += $" ORDER BY {PostgresSql.Quote(cursor.Name)} {(incremental.LastValueFunction == LastValueFunction.Max ? "ASC" : "DESC")}";
                    }

                    NpgsqlDataReader reader;
                    try
                    {
                        reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
                    }
                    catch (PostgresException error)
                    {
                        throw new SourceException($"Reading table '{options.Schema}.{table}' failed: {error.MessageText} ({error.SqlState}).", isTransient: error.IsTransient);
                    }

                    await using (reader.ConfigureAwait(false))
                    {
                        var batch = new List<object?>(Math.Min(options.ChunkSize, 1024));
                        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            var row = new Dictionary<string, object?>(columns.Count, StringComparer.Ordinal);
                            for (var i = 0; i < columns.Count; i++)
                            {
                                row[columns[i].Name] = await ValueAsync(reader, i, columns[i], cancellationToken).ConfigureAwait(false);
                            }

                            batch.Add(row);
                            if (batch.Count >= options.ChunkSize)
                            {
                                yield return batch;
                                batch = new List<object?>(options.ChunkSize);
                            }
                        }

                        if (batch.Count > 0)
                        {
                            yield return batch;
                        }
                    }
                }
            }
        }

        private async Task<object?> ValueAsync(NpgsqlDataReader reader, int ordinal, PostgresColumn column, CancellationToken cancellationToken)
        {
            if (await reader.IsDBNullAsync(ordinal, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            try
            {
                return column.Read switch
                {
                    ReadAs.Bool => reader.GetBoolean(ordinal),
                    ReadAs.Int16 => (long)reader.GetInt16(ordinal),
                    ReadAs.Int32 => (long)reader.GetInt32(ordinal),
                    ReadAs.Int64 => reader.GetInt64(ordinal),
                    ReadAs.Float => (double)reader.GetFloat(ordinal),
                    ReadAs.Double => reader.GetDouble(ordinal),
                    ReadAs.Decimal => reader.GetDecimal(ordinal),
                    ReadAs.TimestampTz => reader.GetFieldValue<DateTime>(ordinal),
                    ReadAs.Timestamp => DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc),
                    ReadAs.Date => reader.GetFieldValue<DateOnly>(ordinal),
                    ReadAs.Bytes => reader.GetFieldValue<byte[]>(ordinal),
                    ReadAs.Json or ReadAs.JsonOfArray => JsonNode.Parse(reader.GetString(ordinal)),
                    _ => reader.GetString(ordinal),
                };
            }
            catch (Exception error) when (error is InvalidCastException or OverflowException or System.Text.Json.JsonException)
            {
                throw new SourceException(
                    $"A value of column '{column.Name}' ({column.FormattedType}) in table '{options.Schema}.{table}' cannot be read as {column.Type}: {error.Message}. Declare the column as text in the table's hints, or fix the value.");
            }
        }

        private object Parameter(object value, PostgresColumn cursor, string tableName) => (cursor.Read, value) switch
        {
            (ReadAs.TimestampTz, DateTime d) => DateTime.SpecifyKind(d, DateTimeKind.Utc),
            (ReadAs.Timestamp, DateTime d) => DateTime.SpecifyKind(d, DateTimeKind.Unspecified),
            (ReadAs.TimestampTz, DateTimeOffset o) => o.UtcDateTime,
            (ReadAs.Timestamp, DateTimeOffset o) => DateTime.SpecifyKind(o.UtcDateTime, DateTimeKind.Unspecified),
            (ReadAs.Date, DateTime d) => DateOnly.FromDateTime(d),
            (ReadAs.Date, DateOnly d) => d,
            (ReadAs.Int16 or ReadAs.Int32 or ReadAs.Int64, IConvertible n) => Convert.ToInt64(n, System.Globalization.CultureInfo.InvariantCulture),
            (ReadAs.Decimal, IConvertible n) => Convert.ToDecimal(n, System.Globalization.CultureInfo.InvariantCulture),
            (ReadAs.Float or ReadAs.Double, IConvertible n) => Convert.ToDouble(n, System.Globalization.CultureInfo.InvariantCulture),
            (ReadAs.Text, _) => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            _ => throw new SourceException(
                $"The incremental cursor '{cursor.Name}' of table '{options.Schema}.{tableName}' is {cursor.FormattedType}, which cannot be compared with the saved value '{value}'. Use a timestamp, date, number or text column as cursor."),
        };
    }
}
