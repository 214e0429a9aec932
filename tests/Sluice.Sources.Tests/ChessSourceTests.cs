using Sluice.Sources.Chess;

namespace Sluice.Sources.Tests;

public sealed class ChessSourceTests : LakehouseTest
{
    private static readonly DateTimeOffset January = new(2024, 1, 15, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Profiles_and_games_load_and_the_next_run_reads_only_archives_from_the_last_loaded_month()
    {
        using var chess = new ChessFixture("magnuscarlsen", "hikaru");
        chess.AddGame("magnuscarlsen", "hikaru", new DateTimeOffset(2023, 12, 31, 23, 0, 0, TimeSpan.Zero));
        chess.AddGame("magnuscarlsen", "hikaru", January);
        chess.AddGame("hikaru", "magnuscarlsen", January.AddDays(1), result: "agreed");
        chess.AddGame("magnuscarlsen", "firouzja2003", January.AddMonths(1));

        var pipeline = NewPipeline("chess_pipeline");
        var info = await pipeline.RunAsync(ChessSource.Resources(["magnuscarlsen", "hikaru"], startMonth: "2024/01", baseUrl: chess.BaseUrl, state: () => pipeline.State));
        Assert.Equal(2, info.Rows["players_profiles"]);
        Assert.Equal(["hikaru|GM|premium", "magnuscarlsen|GM|premium"], await RowsAsync("SELECT username, title, status FROM players_profiles ORDER BY username"));

        // Games the two players played against each other are in both archives, as on chess.com; the merge on uuid keeps one.
        Assert.Equal(5, info.Rows["players_games"]);
        Assert.Equal(
            ["hikaru|magnuscarlsen|2024-01-16 20:00:00.000 UTC|1", "magnuscarlsen|firouzja2003|2024-02-15 20:00:00.000 UTC|1", "magnuscarlsen|hikaru|2024-01-15 20:00:00.000 UTC|1"],
            await RowsAsync("SELECT white__username, black__username, from_unixtime(end_time), count(*) FROM players_games GROUP BY 1, 2, 3 ORDER BY 1, 2"));
        Assert.Equal(["91.5|blitz"], await RowsAsync("SELECT DISTINCT accuracies__white, time_class FROM players_games"));
        Assert.DoesNotContain(chess.Requests, r => r.Path.EndsWith("/2023/12", StringComparison.Ordinal));

        chess.AddGame("magnuscarlsen", "hikaru", January.AddMonths(1).AddDays(2));
        chess.AddGame("hikaru", "nakamura", January.AddMonths(2));
        var before = chess.Requests.Count;
        info = await pipeline.RunAsync(ChessSource.Resources(["magnuscarlsen", "hikaru"], startMonth: "2024/01", baseUrl: chess.BaseUrl, state: () => pipeline.State));
        var second = chess.Requests.Skip(before).Select(r => r.Path).ToList();
        Assert.DoesNotContain(second, p => p.EndsWith("/2024/01", StringComparison.Ordinal));
        Assert.Contains("/pub/player/magnuscarlsen/games/2024/02", second);
        Assert.Contains("/pub/player/hikaru/games/2024/03", second);
        Assert.Equal(3, info.Rows["players_games"]);
        Assert.Equal(["5|5"], await RowsAsync("SELECT count(*), count(DISTINCT uuid) FROM players_games"));
        Assert.Equal(["2"], await RowsAsync("SELECT count(*) FROM players_profiles"));
    }

    [Fact]
    public async Task An_unknown_player_fails_with_the_url_and_a_bad_month_is_refused()
    {
        using var chess = new ChessFixture("hikaru");
        var error = await Assert.ThrowsAsync<SourceException>(() =>
            NewPipeline("chess_missing").RunAsync(ChessSource.Resources(["nobody_here"], baseUrl: chess.BaseUrl)));
        Assert.Contains($"GET {chess.BaseUrl}player/nobody_here (resource 'players_profiles') returned 404 NotFound", error.Message, StringComparison.Ordinal);

        var month = Assert.Throws<SourceException>(() => ChessSource.Config(["hikaru"], startMonth: "January"));
        Assert.Contains("start_month is 'January'; write a month as YYYY/MM", month.Message, StringComparison.Ordinal);
    }
}
