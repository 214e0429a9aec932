using Sluice.Extract;
using Sluice.Schema;
using Sluice.Sources.Postgres;

namespace Sluice.Sources.Tests;

public sealed class PostgresSourceTests(PostgresCluster postgres) : LakehouseTest, IClassFixture<PostgresCluster>
{
    private async Task<string> DatabaseAsync(string setup)
    {
        var name = "db_" + Guid.NewGuid().ToString("N")[..12];
        await postgres.ExecuteAsync($"CREATE DATABASE {name}");
        await postgres.ExecuteAsync(setup, name);
        return postgres.ConnectionString(name);
    }

    [Fact]
    public async Task A_table_with_every_mapped_type_loads_with_its_types_and_values()
    {
        var connection = await DatabaseAsync("""
            CREATE TABLE types (
                id int4 PRIMARY KEY, small int2, big int8, flag bool, price numeric(12,2), huge numeric(40,20), plain numeric,
                ratio float8, r4 float4, label varchar(20), code char(3), at timestamptz, local_at timestamp, day date,
                doc jsonb, raw json, blob bytea, tags text[], scores int4[], uid uuid, clock time, span interval);
            INSERT INTO types VALUES
                (1, 7, 9000000000, true, 1234567890.12, 12345678901234567890.12345678901234567890, 3.14159265358979323846264338,
                 0.5, 1.25, 'café', 'ab', '2024-03-01 12:30:45.123456+02', '2024-03-01 08:00:00', '2024-02-29',
                 '{"a": {"b": [1, 2]}, "s": "x"}', '[1, "two"]', '\xdeadbeef', '{red,"green tea"}', '{1,NULL,3}',
                 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '13:45:00', '1 day 02:00:00'),
                (2, NULL, NULL, false, -0.01, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '{}', NULL, NULL, NULL, NULL);
            """);

        var pipeline = NewPipeline("pg_types");
        var resources = await PostgresSource.ResourcesAsync(new PostgresSourceOptions { ConnectionString = connection }, () => pipeline.State);
        Assert.Equal(["types"], resources.Select(r => r.Name));
        Assert.Equal(["id"], resources[0].Hints.PrimaryKey);
        var info = await pipeline.RunAsync(resources);
        Assert.Equal(2, info.Rows["types"]);
        Assert.False(info.Rows.ContainsKey("types__tags"));

        var columns = pipeline.Schema!.Tables.Single(t => t.Name == "types").Columns.ToDictionary(c => c.Name, c => c.Type);
        Assert.Equal(DataType.Bigint, columns["small"]);
        Assert.Equal(DataType.Bigint, columns["big"]);
        Assert.Equal(DataType.Bool, columns["flag"]);
        Assert.Equal(DataType.Decimal, columns["price"]);
        Assert.Equal(DataType.Text, columns["huge"]);
        Assert.Equal(DataType.Text, columns["plain"]);
        Assert.Equal(DataType.Double, columns["ratio"]);
        Assert.Equal(DataType.Timestamp, columns["at"]);
        Assert.Equal(DataType.Timestamp, columns["local_at"]);
        Assert.Equal(DataType.Date, columns["day"]);
        Assert.Equal(DataType.Json, columns["doc"]);
        Assert.Equal(DataType.Json, columns["raw"]);
        Assert.Equal(DataType.Binary, columns["blob"]);
        Assert.Equal(DataType.Json, columns["tags"]);
        Assert.Equal(DataType.Text, columns["uid"]);
        Assert.Equal(DataType.Text, columns["clock"]);

        Assert.Equal(
            ["1|7|9000000000|true|1234567890.120000000|12345678901234567890.12345678901234567890|3.14159265358979323846264338|0.5|1.25|café|ab |2024-03-01 10:30:45.123|2024-03-01 08:00:00.000|2024-02-29"],
            await RowsAsync("SELECT id, small, big, flag, price, huge, plain, ratio, r4, label, code, \"at\", local_at, \"day\" FROM types WHERE id = 1"));
        Assert.Equal(
            ["[1,2]|x|two|4|red|green tea|3|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11|13:45:00|1 day 02:00:00"],
            await RowsAsync("SELECT json_format(json_extract(doc, '$.a.b')), json_extract_scalar(doc, '$.s'), json_extract_scalar(raw, '$[1]'), length(blob), json_extract_scalar(tags, '$[0]'), json_extract_scalar(tags, '$[1]'), json_array_length(scores), uid, clock, span FROM types WHERE id = 1"));
        Assert.Equal(["2|false|-0.010000000|NULL|[]"], await RowsAsync("SELECT id, flag, price, small, tags FROM types WHERE id = 2"));
    }

    [Fact]
    public async Task An_incremental_table_reads_only_rows_at_or_after_the_last_cursor_and_loads_each_once()
    {
        var connection = await DatabaseAsync("""
            CREATE TABLE events (id bigint PRIMARY KEY, kind text, updated_at timestamptz NOT NULL);
            INSERT INTO events SELECT g, 'created', timestamptz '2024-01-01 00:00:00+00' + g * interval '1 hour' FROM generate_series(1, 5) g;
            """);
        var options = new PostgresSourceOptions
        {
            ConnectionString = connection,
            Tables = ["events"],
            Incremental = new Dictionary<string, IncrementalHint> { ["events"] = new() { CursorPath = "updated_at" } },
            Hints = new Dictionary<string, ResourceHints> { ["events"] = new() { WriteDisposition = WriteDisposition.Merge, TableFormat = TableFormat.Iceberg } },
        };

        var pipeline = NewPipeline("pg_events");
        await pipeline.RunAsync(await PostgresSource.ResourcesAsync(options, () => pipeline.State));
        Assert.Equal(["5|2024-01-01 05:00:00.000"], await RowsAsync("SELECT count(*), max(updated_at) FROM events"));

        // One row at the last cursor value (the boundary), one later, one update of an old row that moves its cursor.
        await postgres.ExecuteAsync("""
            INSERT INTO events VALUES (6, 'created', '2024-01-01 05:00:00+00'), (7, 'created', '2024-01-02 00:00:00+00');
            UPDATE events SET kind = 'changed', updated_at = '2024-01-03 00:00:00+00' WHERE id = 1;
            """, connection.Split("Database=")[1].Split(';')[0]);
        var info = await pipeline.RunAsync(await PostgresSource.ResourcesAsync(options, () => pipeline.State));
        Assert.Equal(3, info.Rows["events"]);
        Assert.Equal(["1|changed", "2|created", "3|created", "4|created", "5|created", "6|created", "7|created"], await RowsAsync("SELECT id, kind FROM events ORDER BY id"));

        info = await pipeline.RunAsync(await PostgresSource.ResourcesAsync(options, () => pipeline.State));
        Assert.False(info.Rows.TryGetValue("events", out var again) && again > 0);
        Assert.Equal(new DateTime(2024, 1, 3, 0, 0, 0, DateTimeKind.Utc), pipeline.State.Incremental("events", "updated_at")!["last_value"]);
    }

    [Fact]
    public async Task All_tables_of_a_schema_load_in_chunks_and_a_missing_table_is_named()
    {
        var connection = await DatabaseAsync("""
            CREATE SCHEMA shop;
            CREATE TABLE shop.customers (id int PRIMARY KEY, name text);
            CREATE TABLE shop.orders (id int PRIMARY KEY, customer_id int, total numeric(10,2));
            CREATE VIEW shop.big_orders AS SELECT * FROM shop.orders WHERE total > 100;
            INSERT INTO shop.customers SELECT g, 'customer ' || g FROM generate_series(1, 10) g;
            INSERT INTO shop.orders SELECT g, 1 + g % 10, g * 10.5 FROM generate_series(1, 25) g;
            """);
        var options = new PostgresSourceOptions { ConnectionString = connection, Schema = "shop", ChunkSize = 4 };
        var resources = await PostgresSource.ResourcesAsync(options);
        Assert.Equal(["customers", "orders"], resources.Select(r => r.Name));

        var batches = new List<int>();
        await foreach (var batch in resources[0].Items)
        {
            batches.Add(Assert.IsType<List<object?>>(batch).Count);
        }

        Assert.Equal([4, 4, 2], batches);

        await NewPipeline("pg_shop").RunAsync(resources);
        Assert.Equal(["10|25|3412.500000000"], await RowsAsync("SELECT (SELECT count(*) FROM customers), count(*), sum(total) FROM orders"));
        Assert.Equal(["customer 3|3|378.000000000"], await RowsAsync("SELECT c.name, count(*), sum(o.total) FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.id = 3 GROUP BY c.name"));

        var view = await PostgresSource.ResourcesAsync(options with { Tables = ["big_orders"] });
        Assert.Equal(["big_orders"], view.Select(r => r.Name));

        var missing = await Assert.ThrowsAsync<SourceException>(() => PostgresSource.ResourcesAsync(options with { Tables = ["orders", "invoices"] }));
        Assert.Contains("Schema 'shop' has no table or view named 'invoices'; it has: big_orders, customers, orders.", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_fails_naming_the_server_but_not_the_password()
    {
        var bad = postgres.ConnectionString().Replace("pg-pa55word", "wrong-secret-1", StringComparison.Ordinal);
        var error = await Assert.ThrowsAsync<SourceException>(() => PostgresSource.ResourcesAsync(new PostgresSourceOptions { ConnectionString = bad }));
        Assert.Contains($"Cannot connect to PostgreSQL at 127.0.0.1:{postgres.Port} (database 'postgres', user 'sluice')", error.Message, StringComparison.Ordinal);
        Assert.Contains("password authentication failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-1", error.ToString(), StringComparison.Ordinal);
    }
    [Fact]
    public async Task Init_sql_database_scaffolds_placeholders_that_must_be_set_and_the_pipeline_loads_the_tables()
    {
        var connection = await DatabaseAsync("""
            CREATE TABLE family (id int PRIMARY KEY, name text, updated timestamptz NOT NULL);
            INSERT INTO family VALUES (1, 'Ann', '2024-01-01 00:00:00+00'), (2, 'Bob', '2024-01-02 00:00:00+00');
            """);
        var database = connection.Split("Database=")[1].Split(';')[0];
        var folder = Path.Combine(Root, "project");
        Directory.CreateDirectory(folder);
        var init = await Cli.RunAsync(folder, null, "init", "sql_database", "athena");
        Assert.True(init.ExitCode == 0, init.Error);
        Assert.Contains("password = \"please set me up!\"", await File.ReadAllTextAsync(Path.Combine(folder, ".sluice", "secrets.toml")), StringComparison.Ordinal);

        var unset = await Cli.RunAsync(folder, null, "pipeline", "run", "sql_database", "-p", "sql_database_pipeline", "-d", "sql_data");
        Assert.Equal(1, unset.ExitCode);
        Assert.Contains("sources.sql_database.credentials.host still holds the placeholder", unset.Error, StringComparison.Ordinal);

        var config = Path.Combine(folder, ".sluice", "config.toml");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config)).Replace("# family = \"updated\"", "family = \"updated\"", StringComparison.Ordinal));
        var environment = new Dictionary<string, string>
        {
            ["SOURCES__SQL_DATABASE__CREDENTIALS"] = $"postgresql://sluice:pg-pa55word@127.0.0.1:{postgres.Port}/{database}",
        };
        var run = await Cli.RunAsync(folder, environment, "pipeline", "run", "sql_database", "-p", "sql_database_pipeline", "-d", "sql_data");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("family: 2 row(s)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("pg-pa55word", run.Output + run.Error, StringComparison.Ordinal);

        await postgres.ExecuteAsync("INSERT INTO family VALUES (3, 'Cy', '2024-01-03 00:00:00+00')", database);
        var again = await Cli.RunAsync(folder, environment, "pipeline", "run", "sql_database", "-p", "sql_database_pipeline", "-d", "sql_data");
        Assert.Contains("family: 1 row(s)", again.Output, StringComparison.Ordinal);
        var query = await Cli.RunAsync(folder, null, "query", "--format", "csv", "-d", "sql_data", "SELECT id, name FROM family ORDER BY id");
        Assert.Equal("id,name\n1,Ann\n2,Bob\n3,Cy\n", Cli.Lines(query.Output));
    }
}
