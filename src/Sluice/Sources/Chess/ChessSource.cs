using System.Globalization;
using Sluice.Extract;
using Sluice.Schema;
using Sluice.Sources.RestApi;

namespace Sluice.Sources.Chess;

/// <summary>
/// The chess.com public API (dlt's <c>chess</c> source) as a configuration of <see cref="RestApiSource"/>:
/// <c>players_profiles</c> (<c>player/{username}</c>, replaced on every run) and <c>players_games</c> (the monthly
/// archives <c>player/{username}/games/{YYYY}/{MM}</c>, merged on <c>uuid</c>, incrementally). Games are incremental by archive
/// month: archives before the month of the last loaded game's <c>end_time</c> are not requested, and games of the
/// months that are read again are filtered by the cursor, so nothing is loaded twice.
/// </summary>
public static class ChessSource
{
    /// <summary>The public API's base URL.</summary>
    public const string DefaultBaseUrl = "https://api.chess.com/pub/";

    /// <summary>The source definition.</summary>
    /// <param name="players">chess.com usernames.</param>
    /// <param name="startMonth">The first archive month to read (<c>YYYY/MM</c>); null reads all.</param>
    /// <param name="endMonth">The last archive month to read (<c>YYYY/MM</c>); null reads up to the newest.</param>
    /// <param name="baseUrl">Another server with the same API (tests, a proxy); null uses <see cref="DefaultBaseUrl"/>.</param>
    /// <param name="state">The pipeline state at extract time, for the month of the last loaded game.</param>
    public static RestApiConfig Config(IReadOnlyList<string> players, string? startMonth = null, string? endMonth = null, Uri? baseUrl = null, Func<PipelineState>? state = null)
    {
        ArgumentNullException.ThrowIfNull(players);
        if (players.Count == 0)
        {
            throw new SourceException("The chess source needs at least one player; set players = [\"magnuscarlsen\", ...] under [sources.chess] in .sluice/config.toml.");
        }

        var start = startMonth is null ? (int?)null : Month(startMonth, "start_month");
        var end = endMonth is null ? (int?)null : Month(endMonth, "end_month");
        return new RestApiConfig
        {
            Client = new RestClientConfig
            {
                BaseUrl = baseUrl ?? new Uri(DefaultBaseUrl),
                Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["User-Agent"] = "sluice (chess source)" },
                Paginator = RestPaginator.SinglePage,
            },
            Resources =
            [
                new RestResourceConfig
                {
                    Name = "players_profiles",
                    Path = "player/{username}",
                    Resolve = new RestResolve { Param = "username", Values = players },
                    DataSelector = "$",
                    Hints = new ResourceHints { WriteDisposition = WriteDisposition.Replace, PrimaryKey = ["player_id"] },
                },
                new RestResourceConfig
                {
                    Name = "players_archives",
                    Path = "player/{username}/games/archives",
                    Resolve = new RestResolve { Param = "username", Values = players },
                    DataSelector = "archives",
                    Selected = false,
                },
                new RestResourceConfig
                {
                    Name = "players_games",
                    Path = "{archive_url}",
                    Resolve = new RestResolve
                    {
                        Param = "archive_url", Resource = "players_archives",
                        Include = url => Wanted(url, start, end, state),
                    },
                    DataSelector = "games",
                    Hints = new ResourceHints
                    {
                        // A game between two listed players is in both players' archives: merge on uuid keeps one row.
                        WriteDisposition = WriteDisposition.Merge,
                        PrimaryKey = ["uuid"],
                        Incremental = new IncrementalHint { CursorPath = "end_time" },
                    },
                },
            ],
        };
    }

    /// <summary>The resources <c>players_profiles</c> and <c>players_games</c>.</summary>
    public static IReadOnlyList<Resource> Resources(
        IReadOnlyList<string> players,
        string? startMonth = null,
        string? endMonth = null,
        Uri? baseUrl = null,
        Func<PipelineState>? state = null,
        HttpMessageHandler? handler = null,
        TimeProvider? time = null) =>
        RestApiSource.Resources(Config(players, startMonth, endMonth, baseUrl, state), state, handler, time);

    /// <summary>True for an archive URL (<c>.../games/YYYY/MM</c>) inside the months asked for and not before the last loaded month.</summary>
    private static bool Wanted(string url, int? start, int? end, Func<PipelineState>? state)
    {
        var parts = url.TrimEnd('/').Split('/');
        if (parts.Length < 2 ||
            !int.TryParse(parts[^2], NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            !int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var month))
        {
            throw new SourceException($"The archive URL '{url}' does not end in /YYYY/MM as chess.com's archive list does; check the chess source's base URL.");
        }

        var key = (year * 12) + month - 1;
        if ((start is { } s && key < s) || (end is { } e && key > e))
        {
            return false;
        }

        var saved = state?.Invoke().Incremental("players_games", "end_time");
        if (saved is not null && saved.TryGetValue("last_value", out var last) && last is not null)
        {
            var at = DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(last, CultureInfo.InvariantCulture));
            return key >= (at.Year * 12) + at.Month - 1;
        }

        return true;
    }

    private static int Month(string text, string name)
    {
        var parts = text.Split('/', '-');
        if (parts.Length == 2 &&
            int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month) &&
            month is >= 1 and <= 12)
        {
            return (year * 12) + month - 1;
        }

        throw new SourceException($"The chess source's {name} is '{text}'; write a month as YYYY/MM, such as 2024/01.");
    }
}
