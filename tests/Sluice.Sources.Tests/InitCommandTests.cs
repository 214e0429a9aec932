using System.Globalization;
using System.Text.Json;
using Sluice.Configuration.Toml;

namespace Sluice.Sources.Tests;

public sealed class InitCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sluice-init-" + Guid.NewGuid().ToString("N"));

    public InitCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Init_chess_athena_scaffolds_a_project_whose_pipeline_runs_against_the_api_and_loads_rows()
    {
        var init = await Cli.RunAsync(_folder, null, "init", "chess", "athena");
        Assert.True(init.ExitCode == 0, init.Error);
        Assert.Contains("Next: sluice pipeline run chess -p chess_pipeline -d chess_players_games_data", init.Output, StringComparison.Ordinal);

        var config = TomlReader.ReadFile(Path.Combine(_folder, ".sluice", "config.toml"));
        var secretsText = await File.ReadAllTextAsync(Path.Combine(_folder, ".sluice", "secrets.toml"));
        var secrets = TomlReader.Parse(secretsText);
        Assert.True(((TomlTable)config["destination"]).ContainsKey("athena"));
        Assert.Equal("2024/01", ((TomlTable)((TomlTable)config["sources"])["chess"])["start_month"]);
        foreach (var section in new[] { "[destination.filesystem.credentials]", "[destination.athena.credentials]", "[sources.chess]" })
        {
            Assert.Contains(section, secretsText, StringComparison.Ordinal);
        }

        // Placeholders only: no credential has a value until the user sets one.
        Assert.Empty(((TomlTable)((TomlTable)secrets["destination"])["athena"]).Values.OfType<TomlTable>().SelectMany(t => t.Values));

        using var chess = new ChessFixture("magnuscarlsen", "vincentkeymer", "dommarajugukesh", "rpragchess");
        chess.AddGame("magnuscarlsen", "vincentkeymer", new DateTimeOffset(2024, 1, 10, 18, 0, 0, TimeSpan.Zero));
        chess.AddGame("dommarajugukesh", "rpragchess", new DateTimeOffset(2024, 2, 3, 9, 30, 0, TimeSpan.Zero));
        chess.AddGame("rpragchess", "magnuscarlsen", new DateTimeOffset(2023, 11, 1, 9, 30, 0, TimeSpan.Zero));
        var environment = new Dictionary<string, string> { ["SOURCES__CHESS__BASE_URL"] = chess.BaseUrl.ToString() };

        var run = await Cli.RunAsync(_folder, environment, "pipeline", "run", "chess", "-p", "chess_pipeline", "-d", "chess_players_games_data");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("players_profiles: 4 row(s)", run.Output, StringComparison.Ordinal);

        var query = await Cli.RunAsync(_folder, null, "query", "--format", "csv", "-d", "chess_players_games_data",
            "SELECT white__username, black__username, white__result FROM players_games ORDER BY end_time");
        Assert.True(query.ExitCode == 0, query.Error);
        Assert.Equal("white__username,black__username,white__result\nmagnuscarlsen,vincentkeymer,win\ndommarajugukesh,rpragchess,win\n", Cli.Lines(query.Output));
        var profiles = await Cli.RunAsync(_folder, null, "query", "--format", "csv", "-d", "chess_players_games_data", "SELECT count(*) AS n, min(title) AS t FROM players_profiles");
        Assert.Equal("n,t\n4,GM\n", Cli.Lines(profiles.Output));

        // The second run is incremental: January is not asked for again, nothing is doubled.
        chess.AddGame("vincentkeymer", "magnuscarlsen", new DateTimeOffset(2024, 2, 20, 12, 0, 0, TimeSpan.Zero));
        var before = chess.Requests.Count;
        var again = await Cli.RunAsync(_folder, environment, "pipeline", "run", "chess", "-p", "chess_pipeline", "-d", "chess_players_games_data");
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.DoesNotContain(chess.Requests.Skip(before), r => r.Path.EndsWith("/2024/01", StringComparison.Ordinal));
        var count = await Cli.RunAsync(_folder, null, "query", "--format", "csv", "-d", "chess_players_games_data", "SELECT count(*) AS n FROM players_games");
        Assert.Equal("n\n3\n", Cli.Lines(count.Output));
    }

    [Fact]
    public async Task Init_rest_api_scaffolds_a_declarative_source_that_pages_through_the_api()
    {
        var init = await Cli.RunAsync(_folder, null, "init", "rest_api", "athena");
        Assert.True(init.ExitCode == 0, init.Error);

        using var server = new TestHttpServer(request =>
        {
            var offset = int.Parse(request.Param("offset") ?? "0", CultureInfo.InvariantCulture);
            var limit = int.Parse(request.Param("limit")!, CultureInfo.InvariantCulture);
            var total = request.Path.EndsWith("/pokemon", StringComparison.Ordinal) ? 150 : 64;
            var results = Enumerable.Range(offset + 1, Math.Max(0, Math.Min(limit, total - offset))).Select(i => new { name = "n" + i.ToString(CultureInfo.InvariantCulture), url = request.Path + "/" + i.ToString(CultureInfo.InvariantCulture) + "/" });
            var next = offset + limit < total ? $"http://{request.Headers["Host"]}{request.Path}?offset={offset + limit}&limit={limit}" : null;
            return TestHttpServer.Reply.Json(JsonSerializer.Serialize(new { count = total, next, previous = (string?)null, results }));
        });
        var environment = new Dictionary<string, string> { ["SOURCES__REST_API__CLIENT__BASE_URL"] = new Uri(server.BaseUrl, "api/v2/").ToString() };
        var run = await Cli.RunAsync(_folder, environment, "pipeline", "run", "rest_api", "-p", "rest_api_pipeline", "-d", "rest_api_data");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);

        var query = await Cli.RunAsync(_folder, null, "query", "--format", "csv", "-d", "rest_api_data",
            "SELECT (SELECT count(*) FROM pokemon) AS pokemon, (SELECT count(DISTINCT name) FROM berry) AS berries");
        Assert.Equal("pokemon,berries\n150,64\n", Cli.Lines(query.Output));
        Assert.Equal(["0", "100"], server.Requests.Where(r => r.Path == "/api/v2/pokemon").Select(r => r.Param("offset") ?? "0"));

        // write_disposition = "replace" from resource_defaults: a rerun keeps one copy.
        var again = await Cli.RunAsync(_folder, environment, "pipeline", "run", "rest_api", "-p", "rest_api_pipeline", "-d", "rest_api_data");
        Assert.True(again.ExitCode == 0, again.Error);
        var count = await Cli.RunAsync(_folder, null, "query", "--format", "csv", "-d", "rest_api_data", "SELECT count(*) AS n FROM pokemon");
        Assert.Equal("n\n150\n", Cli.Lines(count.Output));
    }

    [Fact]
    public async Task Init_filesystem_runs_on_its_sample_and_unknown_names_are_refused()
    {
        var init = await Cli.RunAsync(_folder, null, "init", "filesystem", "athena");
        Assert.True(init.ExitCode == 0, init.Error);
        var run = await Cli.RunAsync(_folder, null, "pipeline", "run", "filesystem", "-p", "filesystem_pipeline", "-d", "filesystem_data");
        Assert.True(run.ExitCode == 0, run.Error);
        var query = await Cli.RunAsync(_folder, null, "query", "--format", "csv", "-d", "filesystem_data", "SELECT username, rating FROM players ORDER BY rating DESC");
        Assert.Equal("username,rating\nmagnus,2830\nhikaru,2800\n", Cli.Lines(query.Output));

        // A second init of another source adds its section to the existing files and keeps the rest.
        var second = await Cli.RunAsync(_folder, null, "init", "chess", "athena");
        Assert.Contains("added [sources.chess] to .sluice/config.toml", second.Output, StringComparison.Ordinal);
        var config = TomlReader.ReadFile(Path.Combine(_folder, ".sluice", "config.toml"));
        Assert.True(((TomlTable)config["sources"]).ContainsKey("filesystem"));
        Assert.True(((TomlTable)config["sources"]).ContainsKey("chess"));

        var unknown = await Cli.RunAsync(_folder, null, "init", "salesforce", "athena");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("Unknown source 'salesforce'. Sluice ships these sources: chess, rest_api, sql_database, filesystem", unknown.Error, StringComparison.Ordinal);
        var destination = await Cli.RunAsync(_folder, null, "init", "chess", "bigquery");
        Assert.Equal(1, destination.ExitCode);
        Assert.Contains("Unknown destination 'bigquery'", destination.Error, StringComparison.Ordinal);
    }
    [Fact]
    public async Task A_rest_api_token_comes_from_secrets_or_the_environment_and_never_from_config_toml()
    {
        Assert.Equal(0, (await Cli.RunAsync(_folder, null, "init", "rest_api", "athena")).ExitCode);
        using var server = new TestHttpServer(request => request.Headers.GetValueOrDefault("Authorization") == "Bearer env-token-4242"
            ? TestHttpServer.Reply.Json("{\"results\": [{\"name\": \"a\"}], \"next\": null}")
            : new(401, "{\"detail\": \"Invalid token.\"}"));
        var config = Path.Combine(_folder, ".sluice", "config.toml");
        var text = await File.ReadAllTextAsync(config);

        await File.WriteAllTextAsync(config, text.Replace("# auth = { type = \"bearer\" }", "auth = { type = \"bearer\", token = \"committed-token-1\" }", StringComparison.Ordinal));
        var refused = await Cli.RunAsync(_folder, null, "pipeline", "run", "rest_api", "-p", "api", "-d", "api_data");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("sources.rest_api.client.auth.token is set in config.toml", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("committed-token-1", refused.Error, StringComparison.Ordinal);

        await File.WriteAllTextAsync(config, text.Replace("# auth = { type = \"bearer\" }", "auth = { type = \"bearer\" }", StringComparison.Ordinal));
        var missing = await Cli.RunAsync(_folder, new Dictionary<string, string> { ["SOURCES__REST_API__CLIENT__BASE_URL"] = server.BaseUrl.ToString() }, "pipeline", "run", "rest_api", "-p", "api", "-d", "api_data");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("sources.rest_api.client.auth.token is not set; put it in .sluice/secrets.toml", missing.Error, StringComparison.Ordinal);

        var environment = new Dictionary<string, string>
        {
            ["SOURCES__REST_API__CLIENT__BASE_URL"] = server.BaseUrl.ToString(),
            ["SOURCES__REST_API__CLIENT__AUTH__TOKEN"] = "env-token-4242",
        };
        var run = await Cli.RunAsync(_folder, environment, "pipeline", "run", "rest_api", "-p", "api", "-d", "api_data");
        Assert.True(run.ExitCode == 0, run.Error);
        var query = await Cli.RunAsync(_folder, null, "query", "--format", "csv", "-d", "api_data", "SELECT (SELECT count(*) FROM pokemon) AS p, (SELECT count(*) FROM berry) AS b");
        Assert.Equal("p,b\n1,1\n", Cli.Lines(query.Output));
        Assert.DoesNotContain("env-token-4242", run.Output + run.Error, StringComparison.Ordinal);
    }
}
