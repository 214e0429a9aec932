using System.Globalization;
using System.Text.Json.Nodes;

namespace Sluice.Sources.Tests;

/// <summary>A local server that answers like chess.com's public API (<c>/pub/player/...</c>) with recorded-shaped JSON.</summary>
public sealed class ChessFixture : IDisposable
{
    private readonly Dictionary<string, SortedDictionary<string, List<JsonObject>>> _games = new(StringComparer.Ordinal);
    private readonly TestHttpServer _server;

    public ChessFixture(params string[] players)
    {
        foreach (var player in players)
        {
            _games[player] = new SortedDictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        }

        _server = new TestHttpServer(Answer);
    }

    public Uri BaseUrl => new(_server.BaseUrl, "pub/");

    public IReadOnlyCollection<TestHttpServer.Request> Requests => _server.Requests;

    /// <summary>Adds a game that <paramref name="white"/> played against <paramref name="black"/>, ending at <paramref name="end"/> (UTC).</summary>
    public void AddGame(string white, string black, DateTimeOffset end, string result = "win")
    {
        var month = end.ToString("yyyy'/'MM", CultureInfo.InvariantCulture);
        var uuid = Guid.NewGuid().ToString();
        var game = new JsonObject
        {
            ["url"] = $"https://www.chess.com/game/live/{end.ToUnixTimeSeconds()}",
            ["pgn"] = $"[Event \"Live Chess\"]\n[White \"{white}\"]\n[Black \"{black}\"]\n\n1. e4 e5 2. Nf3 Nc6 1-0",
            ["time_control"] = "180+2",
            ["end_time"] = end.ToUnixTimeSeconds(),
            ["rated"] = true,
            ["accuracies"] = new JsonObject { ["white"] = 91.5, ["black"] = 84.25 },
            ["tcn"] = "mC0KgvZJ",
            ["uuid"] = uuid,
            ["initial_setup"] = "rnbqkbnr/pppppppp/8/8/8/8/PPPPPPPP/RNBQKBNR w KQkq - 0 1",
            ["fen"] = "r1bqkbnr/pppp1ppp/2n5/4p3/4P3/5N2/PPPP1PPP/RNBQKB1R w KQkq -",
            ["time_class"] = "blitz",
            ["rules"] = "chess",
            ["white"] = new JsonObject { ["rating"] = 3250, ["result"] = result, ["@id"] = $"https://api.chess.com/pub/player/{white}", ["username"] = white, ["uuid"] = Guid.NewGuid().ToString() },
            ["black"] = new JsonObject { ["rating"] = 3180, ["result"] = result == "win" ? "resigned" : "win", ["@id"] = $"https://api.chess.com/pub/player/{black}", ["username"] = black, ["uuid"] = Guid.NewGuid().ToString() },
        };
        foreach (var player in new[] { white, black }.Where(_games.ContainsKey))
        {
            lock (_games)
            {
                if (!_games[player].TryGetValue(month, out var list))
                {
                    _games[player][month] = list = [];
                }

                list.Add((JsonObject)game.DeepClone());
            }
        }
    }

    private TestHttpServer.Reply Answer(TestHttpServer.Request request)
    {
        var parts = request.Path.Trim('/').Split('/');
        if (parts.Length < 3 || parts[0] != "pub" || parts[1] != "player" || !_games.TryGetValue(parts[2].ToLowerInvariant(), out var archives))
        {
            return new(404, "{\"code\": 0, \"message\": \"User \\\"" + (parts.Length > 2 ? parts[2] : string.Empty) + "\\\" not found.\"}");
        }

        var user = parts[2];
        lock (_games)
        {
            if (parts.Length == 3)
            {
                return TestHttpServer.Reply.Json(new JsonObject
                {
                    ["avatar"] = $"https://images.chesscomfiles.com/uploads/v1/user/{user}.jpeg",
                    ["player_id"] = Math.Abs(StringComparer.Ordinal.GetHashCode(user)) % 100_000_000,
                    ["@id"] = $"https://api.chess.com/pub/player/{user}",
                    ["url"] = $"https://www.chess.com/member/{user}",
                    ["name"] = user.ToUpperInvariant(),
                    ["username"] = user,
                    ["title"] = "GM",
                    ["followers"] = 1_234_567,
                    ["country"] = "https://api.chess.com/pub/country/NO",
                    ["location"] = "Oslo",
                    ["last_online"] = 1_700_000_000,
                    ["joined"] = 1_262_304_000,
                    ["status"] = "premium",
                    ["is_streamer"] = false,
                    ["verified"] = false,
                    ["league"] = "Legend",
                }.ToJsonString());
            }

            if (parts.Length == 5 && parts[3] == "games" && parts[4] == "archives")
            {
                var list = new JsonArray(archives.Keys.Select(m => (JsonNode)JsonValue.Create($"{BaseUrl}player/{user}/games/{m}")!).ToArray());
                return TestHttpServer.Reply.Json(new JsonObject { ["archives"] = list }.ToJsonString());
            }

            if (parts.Length == 6 && parts[3] == "games" && archives.TryGetValue(parts[4] + "/" + parts[5], out var games))
            {
                return TestHttpServer.Reply.Json(new JsonObject { ["games"] = new JsonArray(games.Select(g => (JsonNode)g.DeepClone()).ToArray()) }.ToJsonString());
            }
        }

        return new(404, "{\"code\": 0, \"message\": \"Data provider not found for key \\\"" + request.Path + "\\\".\"}");
    }

    public void Dispose() => _server.Dispose();
}
