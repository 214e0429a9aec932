using System.Globalization;
using System.Text.Json;
using Sluice.Extract;
using Sluice.Schema;
using Sluice.Sources.RestApi;

namespace Sluice.Sources.Tests;

public sealed class RestApiSourceTests : LakehouseTest
{
    private static string Items(int from, int to) =>
        JsonSerializer.Serialize(Enumerable.Range(from, Math.Max(0, to - from + 1)).Select(i => new { id = i, name = "item" + i.ToString(CultureInfo.InvariantCulture) }));

    private static TestHttpServer.Reply NotFound(TestHttpServer.Request request) => new(404, "{\"message\": \"no route " + request.Path + "\"}");

    [Fact]
    public async Task Link_header_pages_with_a_bearer_token_load_every_item_and_resources_keep_their_own_hints()
    {
        using var server = new TestHttpServer(request =>
        {
            if (request.Headers.GetValueOrDefault("Authorization") != "Bearer s3cret-token")
            {
                return new(401, "{\"message\": \"bad credentials\"}");
            }

            return request.Path switch
            {
                "/v1/issues" => request.Param("page") switch
                {
                    null => TestHttpServer.Reply.Json(Items(1, 2), new Dictionary<string, string> { ["Link"] = "</v1/issues?page=2>; rel=\"next\", </v1/issues?page=3>; rel=\"last\"" }),
                    "2" => TestHttpServer.Reply.Json(Items(3, 4), new Dictionary<string, string> { ["Link"] = "<http://" + request.Headers["Host"] + "/v1/issues?page=3>; rel=\"next\"" }),
                    "3" => TestHttpServer.Reply.Json(Items(5, 5), new Dictionary<string, string> { ["Link"] = "</v1/issues?page=1>; rel=\"first\"" }),
                    _ => NotFound(request),
                },
                "/v1/users" => TestHttpServer.Reply.Json("{\"count\": 2, \"users\": [{\"login\": \"ann\", \"id\": 1}, {\"login\": \"bob\", \"id\": 2}]}"),
                _ => NotFound(request),
            };
        });
        var config = new RestApiConfig
        {
            Client = new RestClientConfig { BaseUrl = new Uri(server.BaseUrl, "v1"), Auth = new BearerTokenAuth("s3cret-token"), Paginator = new LinkHeaderPaginator() },
            Resources =
            [
                new RestResourceConfig { Name = "issues", Hints = new ResourceHints { TableName = "gh_issues" } },
                new RestResourceConfig
                {
                    Name = "users", Paginator = RestPaginator.SinglePage,
                    Hints = new ResourceHints { WriteDisposition = WriteDisposition.Merge, MergeStrategy = MergeStrategy.Upsert, PrimaryKey = ["id"], TableFormat = TableFormat.Iceberg },
                },
            ],
        };

        var pipeline = NewPipeline("github");
        var info = await pipeline.RunAsync(RestApiSource.Resources(config, pipeline));
        Assert.Equal(5, info.Rows["gh_issues"]);
        Assert.Equal(["5|1|5"], await RowsAsync("SELECT count(*), min(id), max(id) FROM gh_issues"));
        Assert.Equal(["1|ann", "2|bob"], await RowsAsync("SELECT id, login FROM users ORDER BY id"));

        // A second run upserts users (no duplicates) and appends issues again.
        await pipeline.RunAsync(RestApiSource.Resources(config, pipeline));
        Assert.Equal(["2"], await RowsAsync("SELECT count(*) FROM users"));
        Assert.Equal(["10"], await RowsAsync("SELECT count(*) FROM gh_issues"));
        Assert.Equal(8, server.Requests.Count);
    }

    [Fact]
    public async Task A_next_url_in_the_body_and_a_data_selector_page_through_nested_lists()
    {
        using var server = new TestHttpServer(request => request.Param("after") switch
        {
            null => TestHttpServer.Reply.Json("{\"data\": {\"rows\": " + Items(1, 3) + "}, \"links\": {\"next\": \"/api/rows?after=3\"}}"),
            "3" => TestHttpServer.Reply.Json("{\"data\": {\"rows\": " + Items(4, 4) + "}, \"links\": {\"next\": null}}"),
            _ => NotFound(request),
        });
        var config = new RestApiConfig
        {
            Client = new RestClientConfig { BaseUrl = new Uri(server.BaseUrl, "api/") },
            Resources = [new RestResourceConfig { Name = "rows", DataSelector = "$.data.rows", Paginator = new JsonLinkPaginator("links.next") }],
        };

        await NewPipeline("links").RunAsync(RestApiSource.Resources(config));
        Assert.Equal(["1|item1", "2|item2", "3|item3", "4|item4"], await RowsAsync("SELECT id, name FROM rows ORDER BY id"));
    }

    [Fact]
    public async Task Offset_paging_stops_at_the_total_or_after_an_empty_page()
    {
        const int total = 7;
        using var server = new TestHttpServer(request =>
        {
            var offset = int.Parse(request.Param("skip")!, CultureInfo.InvariantCulture);
            var limit = int.Parse(request.Param("take")!, CultureInfo.InvariantCulture);
            var page = Items(offset + 1, Math.Min(total, offset + limit));
            return request.Path == "/with_total"
                ? TestHttpServer.Reply.Json("{\"meta\": {\"total\": " + total + "}, \"results\": " + page + "}")
                : TestHttpServer.Reply.Json(page);
        });
        var config = new RestApiConfig
        {
            Client = new RestClientConfig { BaseUrl = server.BaseUrl },
            Resources =
            [
                new RestResourceConfig
                {
                    Name = "with_total", DataSelector = "results",
                    Paginator = new OffsetPaginator(3) { OffsetParam = "skip", LimitParam = "take", TotalPath = "meta.total" },
                },
                new RestResourceConfig
                {
                    Name = "until_empty",
                    Paginator = new OffsetPaginator(3) { OffsetParam = "skip", LimitParam = "take", TotalPath = null },
                },
            ],
        };

        await NewPipeline("offsets").RunAsync(RestApiSource.Resources(config));
        Assert.Equal(["7|28"], await RowsAsync("SELECT count(*), sum(id) FROM with_total"));
        Assert.Equal(["7|28"], await RowsAsync("SELECT count(*), sum(id) FROM until_empty"));
        var requests = server.Requests.ToList();
        Assert.Equal(["0", "3", "6"], requests.Where(r => r.Path == "/with_total").Select(r => r.Param("skip")));
        Assert.Equal(["0", "3", "6", "9"], requests.Where(r => r.Path == "/until_empty").Select(r => r.Param("skip")));
    }

    [Fact]
    public async Task Page_numbers_and_cursors_page_until_the_api_says_stop()
    {
        using var server = new TestHttpServer(request =>
        {
            if (request.Path == "/pages")
            {
                var page = int.Parse(request.Param("p")!, CultureInfo.InvariantCulture);
                return TestHttpServer.Reply.Json("{\"total_pages\": 3, \"items\": " + Items((page * 10) + 1, (page * 10) + 2) + "}");
            }

            return request.Param("cursor") switch
            {
                null => TestHttpServer.Reply.Json("{\"entries\": " + Items(1, 2) + ", \"cursors\": {\"next\": \"abc\"}}"),
                "abc" => TestHttpServer.Reply.Json("{\"entries\": " + Items(3, 3) + ", \"cursors\": {\"next\": \"\"}}"),
                _ => NotFound(request),
            };
        });
        var config = new RestApiConfig
        {
            Client = new RestClientConfig { BaseUrl = server.BaseUrl },
            Resources =
            [
                new RestResourceConfig { Name = "pages", Paginator = new PageNumberPaginator { BasePage = 0, PageParam = "p", TotalPath = "total_pages" } },
                new RestResourceConfig { Name = "events", Path = "feed", Params = new Dictionary<string, string> { ["kind"] = "all" }, Paginator = new JsonCursorPaginator() },
            ],
        };

        await NewPipeline("paging").RunAsync(RestApiSource.Resources(config));
        Assert.Equal(["1", "2", "11", "12", "21", "22"], await RowsAsync("SELECT id FROM pages ORDER BY id"));
        Assert.Equal(["1", "2", "3"], await RowsAsync("SELECT id FROM events ORDER BY id"));
        Assert.All(server.Requests.Where(r => r.Path == "/feed"), r => Assert.Equal("all", r.Param("kind")));
    }

    [Fact]
    public async Task Api_keys_and_basic_auth_are_sent_and_a_4xx_names_the_url_without_the_key()
    {
        using var server = new TestHttpServer(request => request.Path switch
        {
            "/q" => request.Param("api_key") == "query-key-123" ? TestHttpServer.Reply.Json(Items(1, 1)) : new(401, "{}"),
            "/h" => request.Headers.GetValueOrDefault("X-Api-Key") == "header-key-456" ? TestHttpServer.Reply.Json(Items(2, 2)) : new(401, "{}"),
            "/b" => request.Headers.GetValueOrDefault("Authorization") == "Basic " + Convert.ToBase64String("ann:pa55word"u8.ToArray()) ? TestHttpServer.Reply.Json(Items(3, 3)) : new(401, "{}"),
            _ => new(404, "{\"error\": \"unknown path, key was query-key-123\"}"),
        });

        IReadOnlyList<Resource> With(RestAuth auth, string path) => RestApiSource.Resources(new RestApiConfig
        {
            Client = new RestClientConfig { BaseUrl = server.BaseUrl, Auth = auth, Paginator = RestPaginator.SinglePage },
            Resources = [new RestResourceConfig { Name = "auth_" + path, Path = path, Params = new Dictionary<string, string> { ["since"] = "2024" } }],
        });

        var pipeline = NewPipeline("auth");
        await pipeline.RunAsync([
            .. With(new ApiKeyAuth("api_key", "query-key-123", ApiKeyLocation.Query), "q"),
            .. With(new ApiKeyAuth("X-Api-Key", "header-key-456"), "h"),
            .. With(new HttpBasicAuth("ann", "pa55word"), "b"),
        ]);
        Assert.Equal(["1"], await RowsAsync("SELECT id FROM auth_q"));
        Assert.Equal(["2"], await RowsAsync("SELECT id FROM auth_h"));
        Assert.Equal(["3"], await RowsAsync("SELECT id FROM auth_b"));

        var error = await Assert.ThrowsAsync<SourceException>(() => pipeline.RunAsync(With(new ApiKeyAuth("api_key", "query-key-123", ApiKeyLocation.Query), "missing")));
        Assert.Equal(404, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Contains($"GET {server.BaseUrl}missing?since=2024 (resource 'auth_missing') returned 404 NotFound", error.Message, StringComparison.Ordinal);
        Assert.Contains("Check the base URL and the resource path.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("query-key-123", error.Message, StringComparison.Ordinal);
        Assert.Contains("key was ***", error.Message, StringComparison.Ordinal);

        var denied = await Assert.ThrowsAsync<SourceException>(() => pipeline.RunAsync(With(new BearerTokenAuth("wrong-token-789"), "b")));
        Assert.Equal(401, denied.StatusCode);
        Assert.Contains("Check the credentials", denied.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token-789", denied.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incremental_sends_the_last_loaded_cursor_and_loads_only_new_items()
    {
        var rows = new List<(int Id, string Updated)> { (1, "2024-01-01T00:00:00Z"), (2, "2024-01-02T00:00:00Z"), (3, "2024-01-03T00:00:00Z") };
        using var server = new TestHttpServer(request =>
        {
            var since = DateTimeOffset.Parse(request.Param("updated_since")!, CultureInfo.InvariantCulture);
            lock (rows)
            {
                // Like most APIs, the filter is inclusive: the item at the cursor comes back.
                var page = rows.Where(r => DateTimeOffset.Parse(r.Updated, CultureInfo.InvariantCulture) >= since).Select(r => new { id = r.Id, updated_at = r.Updated });
                return TestHttpServer.Reply.Json(JsonSerializer.Serialize(new { tickets = page }));
            }
        });
        var config = new RestApiConfig
        {
            Client = new RestClientConfig { BaseUrl = server.BaseUrl, Paginator = RestPaginator.SinglePage },
            Resources =
            [
                new RestResourceConfig
                {
                    Name = "tickets",
                    Incremental = new RestIncremental { CursorPath = "updated_at", Param = "updated_since", InitialValue = "2024-01-02T00:00:00Z" },
                    Hints = new ResourceHints { PrimaryKey = ["id"] },
                },
            ],
        };

        var pipeline = NewPipeline("tickets");
        await pipeline.RunAsync(RestApiSource.Resources(config, pipeline));
        Assert.Equal(["2", "3"], await RowsAsync("SELECT id FROM tickets ORDER BY id"));

        lock (rows)
        {
            rows.Add((4, "2024-01-05T00:00:00Z"));
        }

        await pipeline.RunAsync(RestApiSource.Resources(config, pipeline));
        Assert.Equal(["2", "3", "4"], await RowsAsync("SELECT id FROM tickets ORDER BY id"));
        Assert.Equal(["2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z"], server.Requests.Take(2).Select(r => r.Param("updated_since")));

        var state = pipeline.State.Incremental("tickets", "updated_at");
        Assert.NotNull(state);
        Assert.Equal(new DateTime(2024, 1, 5, 0, 0, 0, DateTimeKind.Utc), state["last_value"]);

        // A fresh working folder restores the cursor from the destination before the source reads it.
        var fresh = NewPipeline("tickets", workingFolder: "tickets-elsewhere");
        var info = await fresh.RunAsync(RestApiSource.Resources(config, fresh));
        Assert.Equal("2024-01-05T00:00:00Z", server.Requests.Last().Param("updated_since"));
        Assert.False(info.Rows.TryGetValue("tickets", out var again) && again > 0);
        Assert.Equal(["2", "3", "4"], await RowsAsync("SELECT id FROM tickets ORDER BY id"));
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_honouring_retry_after()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var answers = new Queue<TestHttpServer.Reply>(
        [
            new(429, "{\"message\": \"slow down\"}", new Dictionary<string, string> { ["Retry-After"] = "7" }),
            new(503, "{}", new Dictionary<string, string> { ["Retry-After"] = now.AddSeconds(30).ToString("R", CultureInfo.InvariantCulture) }),
            new(500, "{}"),
            TestHttpServer.Reply.Json(Items(1, 2)),
        ]);
        using var server = new TestHttpServer(_ => answers.Dequeue());
        var time = new InstantTime(now);
        var config = new RestApiConfig
        {
            Client = new RestClientConfig { BaseUrl = server.BaseUrl, Paginator = RestPaginator.SinglePage },
            Resources = [new RestResourceConfig { Name = "flaky" }],
            Retry = new RestRetryPolicy { BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(10) },
        };

        await NewPipeline("flaky").RunAsync(RestApiSource.Resources(config, time: time));
        Assert.Equal(["2"], await RowsAsync("SELECT count(*) FROM flaky"));
        var waits = time.Waits.ToList();
        Assert.Equal(3, waits.Count);
        Assert.Equal(TimeSpan.FromSeconds(7), waits[0]);
        Assert.Equal(TimeSpan.FromSeconds(30), waits[1]);
        Assert.InRange(waits[2], TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10)); // third attempt: 2 s * 2^2, capped at 10 s
    }

    [Fact]
    public async Task A_server_that_keeps_failing_gives_a_transient_error_after_the_last_attempt_and_loads_nothing()
    {
        using var server = new TestHttpServer(request => request.Param("page") == "2"
            ? new(502, "bad gateway")
            : TestHttpServer.Reply.Json(Items(1, 2), new Dictionary<string, string> { ["Link"] = "</down?page=2>; rel=\"next\"" }));
        var time = new InstantTime(DateTimeOffset.UnixEpoch);
        var config = new RestApiConfig
        {
            Client = new RestClientConfig { BaseUrl = server.BaseUrl, Auth = new ApiKeyAuth("key", "k-999-secret", ApiKeyLocation.Query) },
            Resources = [new RestResourceConfig { Name = "down" }],
            Retry = new RestRetryPolicy { MaxAttempts = 3 },
        };

        var pipeline = NewPipeline("down");
        var error = await Assert.ThrowsAsync<SourceException>(() => pipeline.RunAsync(RestApiSource.Resources(config, time: time)));
        Assert.True(error.IsTransient);
        Assert.Equal(502, error.StatusCode);
        Assert.Contains("returned 502 BadGateway 3 time(s): bad gateway", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("k-999-secret", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, time.Waits.Count);
        Assert.Equal(4, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("k-999-secret", r.Param("key")));
        await Assert.ThrowsAnyAsync<Exception>(() => RowsAsync("SELECT count(*) FROM down"));
    }

    [Fact]
    public async Task A_retry_after_beyond_the_limit_fails_at_once_and_a_bad_definition_fails_before_any_request()
    {
        using var server = new TestHttpServer(_ => new(429, "{}", new Dictionary<string, string> { ["Retry-After"] = "3600" }));
        var config = new RestApiConfig
        {
            Client = new RestClientConfig { BaseUrl = server.BaseUrl },
            Resources = [new RestResourceConfig { Name = "busy" }],
        };
        var error = await Assert.ThrowsAsync<SourceException>(() => NewPipeline("busy").RunAsync(RestApiSource.Resources(config, time: new InstantTime(DateTimeOffset.UnixEpoch))));
        Assert.Contains("asks to wait 3600 s (Retry-After), longer than the 300 s allowed", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);

        var placeholder = Assert.Throws<SourceException>(() => RestApiSource.Resources(config with
        {
            Resources = [new RestResourceConfig { Name = "user", Path = "users/{id}" }],
        }));
        Assert.Contains("has a placeholder in its path 'users/{id}' but no Resolve", placeholder.Message, StringComparison.Ordinal);

        var selector = await Assert.ThrowsAsync<SourceException>(async () =>
        {
            using var ok = new TestHttpServer(_ => TestHttpServer.Reply.Json("{\"data\": []}"));
            await NewPipeline("sel").RunAsync(RestApiSource.Resources(new RestApiConfig
            {
                Client = new RestClientConfig { BaseUrl = ok.BaseUrl },
                Resources = [new RestResourceConfig { Name = "sel", DataSelector = "results" }],
            }));
        });
        Assert.Contains("has nothing at the data selector 'results'", selector.Message, StringComparison.Ordinal);
    }
}
