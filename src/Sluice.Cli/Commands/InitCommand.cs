using System.CommandLine;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice init &lt;source&gt; athena</c> (dlt's <c>dlt init chess athena</c>): scaffolds a runnable project for
/// one of the sources that ship with Sluice — <c>.sluice/config.toml</c> with the source's section and the Athena
/// destination, <c>.sluice/secrets.toml</c> with placeholders only, and (for <c>filesystem</c>) a sample data file.
/// The pipeline is the source's <c>[sources.&lt;source&gt;]</c> section, run by
/// <c>sluice pipeline run &lt;source&gt; -p &lt;source&gt;_pipeline -d &lt;dataset&gt;</c>. Existing files are kept;
/// a missing source section is appended to them.
/// </summary>
public static class InitCommand
{
    private sealed record Template(string Dataset, string Config, string Secrets, string? SampleFile = null, string? SampleText = null);

    public static Command Create(CliHost host)
    {
        var source = new Argument<string>("source") { Description = $"The source: {string.Join(", ", ConfiguredSources.Names)}." };
        var destination = new Argument<string>("destination") { Description = "The destination: athena." };
        var command = new Command("init", "Create a runnable project for a source and the Athena destination: .sluice/config.toml, .sluice/secrets.toml (placeholders only) and the pipeline to run.")
        {
            source, destination,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(source)!;
            var target = parse.GetValue(destination)!;
            if (!ConfiguredSources.IsSourceName(name))
            {
                throw new CliException($"Unknown source '{name}'. Sluice ships these sources: {string.Join(", ", ConfiguredSources.Names)}; for your own files use 'sluice pipeline run <files>'.");
            }

            if (!string.Equals(target, "athena", StringComparison.Ordinal))
            {
                throw new CliException($"Unknown destination '{target}'. Sluice loads into athena (the local engine stands in for it offline): run 'sluice init {name} athena'.");
            }

            var template = Templates(name);
            var folder = Path.Combine(host.WorkingDirectory, ".sluice");
            Directory.CreateDirectory(folder);
            var done = new List<string>();
            await Write(Path.Combine(folder, "config.toml"), DestinationConfig, template.Config, name, done, host, cancellationToken).ConfigureAwait(false);
            await Write(Path.Combine(folder, "secrets.toml"), DestinationSecrets, template.Secrets, name, done, host, cancellationToken).ConfigureAwait(false);
            if (template.SampleFile is not null && !File.Exists(Path.Combine(host.WorkingDirectory, template.SampleFile)))
            {
                var sample = Path.Combine(host.WorkingDirectory, template.SampleFile);
                Directory.CreateDirectory(Path.GetDirectoryName(sample)!);
                await File.WriteAllTextAsync(sample, template.SampleText, cancellationToken).ConfigureAwait(false);
                done.Add("created " + template.SampleFile);
            }

            await host.Output.WriteLineAsync(done.Count == 0 ? "Nothing to do: the files exist and have the source's section." : string.Join(Environment.NewLine, done)).ConfigureAwait(false);
            await host.Output.WriteLineAsync($"Pipeline: source '{name}' reads [sources.{name}] in .sluice/config.toml; put credentials in .sluice/secrets.toml.").ConfigureAwait(false);
            await host.Output.WriteLineAsync($"Next: sluice pipeline run {name} -p {name}_pipeline -d {template.Dataset}").ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task Write(string path, string header, string section, string source, List<string> done, CliHost host, CancellationToken cancellationToken)
    {
        var relative = Path.GetRelativePath(host.WorkingDirectory, path);
        if (!File.Exists(path))
        {
            await File.WriteAllTextAsync(path, header + section, cancellationToken).ConfigureAwait(false);
            done.Add("created " + relative);
            return;
        }

        var existing = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        if (!existing.Contains($"[sources.{source}", StringComparison.Ordinal) && !existing.Contains($"[[sources.{source}", StringComparison.Ordinal))
        {
            await File.AppendAllTextAsync(path, (existing.EndsWith('\n') || existing.Length == 0 ? string.Empty : "\n") + "\n" + section, cancellationToken).ConfigureAwait(false);
            done.Add($"added [sources.{source}] to {relative}");
        }
    }

    private const string DestinationConfig = """
        # Sluice reads dlt's sections (docs/configuration.md). Environment variables override these files,
        # for example DESTINATION__FILESYSTEM__BUCKET_URL or SOURCES__CHESS__BASE_URL.
        [destination.filesystem]
        bucket_url = "s3://sluice-lake"   # where table data lives (locally: <lakehouse>/s3/sluice-lake)
        layout = "{table_name}/{load_id}.{file_id}.{ext}"

        [destination.athena]
        # query_result_bucket = "s3://[results_bucket_name]"
        # athena_work_group = "primary"
        # force_iceberg = "False"

        """;

    private const string DestinationSecrets = """
        # Secrets: never commit this file. Sluice never logs these values.
        # Remove the credentials sections (or leave the keys commented out) to use the AWS credential chain.
        [destination.filesystem.credentials]
        # aws_access_key_id = "please set me up!"
        # aws_secret_access_key = "please set me up!"

        [destination.athena.credentials]
        # aws_access_key_id = "please set me up!"
        # aws_secret_access_key = "please set me up!"
        # region_name = "please set me up!"   # for example "eu-central-1"

        """;

    private static Template Templates(string source) => source switch
    {
        "chess" => new Template(
            "chess_players_games_data",
            """
            # The chess.com public API: player profiles and their monthly game archives (incremental by month).
            [sources.chess]
            players = ["magnuscarlsen", "vincentkeymer", "dommarajugukesh", "rpragchess"]
            start_month = "2024/01"      # first archive month to load (YYYY/MM); remove to load all
            # end_month = "2024/12"
            # base_url = "https://api.chess.com/pub/"

            """,
            """
            [sources.chess]
            # The chess.com public API needs no credentials.

            """),
        "rest_api" => new Template(
            "rest_api_data",
            """
            # A declarative REST API source (dlt's rest_api); see docs/sources.md for every key.
            [sources.rest_api.client]
            base_url = "https://pokeapi.co/api/v2/"
            # auth = { type = "bearer" }             # bearer | api_key (name, location = header|query) | http_basic (username)
            # headers = { User-Agent = "sluice" }
            paginator = { type = "json_link", next_url_path = "next" }

            [sources.rest_api.resource_defaults]
            endpoint = { params = { limit = 100 }, data_selector = "results" }
            write_disposition = "replace"

            [[sources.rest_api.resources]]
            name = "pokemon"
            endpoint = { path = "pokemon" }

            [[sources.rest_api.resources]]
            name = "berry"
            endpoint = { path = "berry" }
            # incremental: endpoint = { path = "events", incremental = { cursor_path = "updated_at", start_param = "since", initial_value = "2024-01-01T00:00:00Z" } }

            """,
            """
            [sources.rest_api.client.auth]
            # token = "please set me up!"       # for type = "bearer"
            # api_key = "please set me up!"     # for type = "api_key"
            # password = "please set me up!"    # for type = "http_basic"

            """),
        "sql_database" => new Template(
            "sql_data",
            """
            # Tables of a PostgreSQL schema.
            [sources.sql_database]
            schema = "public"
            # table_names = ["family", "clan"]   # default: every table of the schema
            chunk_size = 10000
            # write_disposition = "merge"         # append (default) | replace | merge (on each table's primary key)

            [sources.sql_database.incremental]
            # family = "updated"                  # table = cursor column: only rows at or after the last loaded value

            """,
            """
            [sources.sql_database.credentials]
            drivername = "postgresql"
            database = "please set me up!"
            password = "please set me up!"
            username = "please set me up!"
            host = "please set me up!"
            port = 5432
            # or instead of the table: credentials = "postgresql://user:password@host:5432/database"

            """),
        _ => new Template(
            "filesystem_data",
            """
            # Files from a local folder: .jsonl/.ndjson, .json and .csv, one table per file.
            [sources.filesystem]
            bucket_url = "data"
            file_glob = "*.jsonl"

            """,
            """
            [sources.filesystem.credentials]
            # Local folders need no credentials.

            """,
            Path.Combine("data", "players.jsonl"),
            """
            {"username": "magnus", "rating": 2830, "joined": "2010-01-01T00:00:00Z", "titles": ["GM"]}
            {"username": "hikaru", "rating": 2800, "joined": "2012-05-01T00:00:00Z", "titles": ["GM"], "country": "US"}

            """),
    };
}
