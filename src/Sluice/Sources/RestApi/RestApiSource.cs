using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Extract;
using Sluice.Pipelines;

namespace Sluice.Sources.RestApi;

/// <summary>
/// Turns a <see cref="RestApiConfig"/> into resources. Pages are read lazily while extract runs; each page's items
/// are one batch. A resource with <see cref="RestIncremental"/> reads its last cursor value from the pipeline state
/// when it starts (after the pipeline has restored its state), sends it as a query parameter, and carries an
/// <see cref="IncrementalHint"/> so extract drops what was loaded and keeps the new state.
/// </summary>
public static class RestApiSource
{
    /// <summary>The selected resources of <paramref name="config"/>.</summary>
    /// <param name="config">The source.</param>
    /// <param name="state">Reads the pipeline state at extract time (<c>() => pipeline.State</c>); null starts every cursor at its initial value.</param>
    /// <param name="handler">The HTTP handler to send with; null uses a new <see cref="HttpClient"/> per resource run.</param>
    /// <param name="time">The clock retries wait on.</param>
    public static IReadOnlyList<Resource> Resources(RestApiConfig config, Func<PipelineState>? state = null, HttpMessageHandler? handler = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Validate(config);
        var run = new Runner(config, state, handler, time ?? TimeProvider.System);
        return config.Resources.Where(r => r.Selected).Select(r => Resource.From(r.Name, run.Items(r), HintsOf(r))).ToList();
    }

    /// <summary>The same, reading the state of <paramref name="pipeline"/>.</summary>
    public static IReadOnlyList<Resource> Resources(RestApiConfig config, Pipeline pipeline, HttpMessageHandler? handler = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return Resources(config, () => pipeline.State, handler, time);
    }

    private static ResourceHints HintsOf(RestResourceConfig resource) => resource.Incremental is { } incremental
        ? resource.Hints with
        {
            Incremental = resource.Hints.Incremental ?? new IncrementalHint
            {
                CursorPath = incremental.CursorPath, InitialValue = incremental.InitialValue, LastValueFunction = incremental.LastValueFunction,
            },
        }
        : resource.Hints;

    private static void Validate(RestApiConfig config)
    {
        if (!config.Client.BaseUrl.IsAbsoluteUri)
        {
            throw new SourceException($"The REST source's base URL '{config.Client.BaseUrl}' is not absolute; write it with its scheme, such as https://api.example.com/v1/.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in config.Resources)
        {
            if (!names.Add(resource.Name))
            {
                throw new SourceException($"The REST source has two resources named '{resource.Name}'; give each resource its own name.");
            }
        }

        foreach (var resource in config.Resources)
        {
            var path = resource.Path ?? resource.Name;
            if (resource.Resolve is { } resolve)
            {
                if (!path.Contains("{" + resolve.Param + "}", StringComparison.Ordinal))
                {
                    throw new SourceException($"Resource '{resource.Name}' resolves '{resolve.Param}' but its path '{path}' has no {{{resolve.Param}}} placeholder; put it in the path.");
                }

                if ((resolve.Values is null) == (resolve.Resource is null))
                {
                    throw new SourceException($"Resource '{resource.Name}' must take '{resolve.Param}' either from fixed Values or from another Resource (exactly one of them).");
                }

                if (resolve.Resource is { } parent && !names.Contains(parent))
                {
                    throw new SourceException($"Resource '{resource.Name}' resolves '{resolve.Param}' from resource '{parent}', which the source does not define; the resources are: {string.Join(", ", names)}.");
                }

                if (string.Equals(resolve.Resource, resource.Name, StringComparison.Ordinal))
                {
                    throw new SourceException($"Resource '{resource.Name}' resolves '{resolve.Param}' from itself; name another resource.");
                }
            }
            else if (path.Contains('{', StringComparison.Ordinal) && path.Contains('}', StringComparison.Ordinal))
            {
                throw new SourceException($"Resource '{resource.Name}' has a placeholder in its path '{path}' but no Resolve to fill it; add RestResourceConfig.Resolve.");
            }
        }
    }

    /// <summary>The default query text for a cursor value.</summary>
    public static string FormatCursor(object? value) => value switch
    {
        null => string.Empty,
        DateTime d => (d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private sealed class Runner(RestApiConfig config, Func<PipelineState>? state, HttpMessageHandler? handler, TimeProvider time)
    {
        public async IAsyncEnumerable<object?> Items(RestResourceConfig resource, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            using var http = new RestHttp(config.Client, config.Retry, handler, time);
            await foreach (var page in Pages(http, resource, cancellationToken).ConfigureAwait(false))
            {
                if (page.Count > 0)
                {
                    yield return page;
                }
            }
        }

        private async IAsyncEnumerable<List<object?>> Pages(RestHttp http, RestResourceConfig resource, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var path = resource.Path ?? resource.Name;
            if (resource.Resolve is not { } resolve)
            {
                await foreach (var page in Walk(http, resource, path, cancellationToken).ConfigureAwait(false))
                {
                    yield return page;
                }

                yield break;
            }

            await foreach (var value in Values(http, resolve, cancellationToken).ConfigureAwait(false))
            {
                if (resolve.Include is { } include && !include(value))
                {
                    continue;
                }

                var resolved = path.Replace("{" + resolve.Param + "}", path.StartsWith('{') && Uri.IsWellFormedUriString(value, UriKind.Absolute) ? value : Uri.EscapeDataString(value), StringComparison.Ordinal);
                await foreach (var page in Walk(http, resource, resolved, cancellationToken).ConfigureAwait(false))
                {
                    yield return page;
                }
            }
        }

        private async IAsyncEnumerable<string> Values(RestHttp http, RestResolve resolve, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            if (resolve.Values is { } values)
            {
                foreach (var value in values)
                {
                    yield return value;
                }

                yield break;
            }

            var parent = config.Resources.First(r => string.Equals(r.Name, resolve.Resource, StringComparison.Ordinal));
            var field = JsonPath.Parse(resolve.Field);
            await foreach (var page in Pages(http, parent, cancellationToken).ConfigureAwait(false))
            {
                foreach (var item in page.Cast<JsonNode?>())
                {
                    var node = field.First(item);
                    var text = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString();
                    if (string.IsNullOrEmpty(text))
                    {
                        throw new SourceException(
                            $"An item of resource '{parent.Name}' has no value at '{resolve.Field}', which '{resolve.Param}' is resolved from. Fix RestResolve.Field.");
                    }

                    yield return text;
                }
            }
        }

        private async IAsyncEnumerable<List<object?>> Walk(RestHttp http, RestResourceConfig resource, string path, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var baseUrl = config.Client.BaseUrl.AbsoluteUri.EndsWith('/') ? config.Client.BaseUrl : new Uri(config.Client.BaseUrl.AbsoluteUri + "/");
            var request = new RestRequest(new Uri(baseUrl, path.TrimStart('/')));
            if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            {
                request = new RestRequest(absolute);
            }

            foreach (var (name, value) in resource.Params)
            {
                request.Query[name] = value;
            }

            if (resource.Incremental is { } incremental)
            {
                var saved = state?.Invoke().Incremental(resource.Name, incremental.CursorPath);
                var start = saved is not null && saved.TryGetValue("last_value", out var last) && last is not null ? last : incremental.InitialValue;
                var format = incremental.Format ?? FormatCursor;
                if (start is not null)
                {
                    request.Query[incremental.Param] = format(start);
                }

                if (incremental.EndParam is { } endParam && incremental.EndValue is not null)
                {
                    request.Query[endParam] = format(incremental.EndValue);
                }
            }

            var selector = resource.DataSelector is null ? null : JsonPath.Parse(resource.DataSelector);
            var walk = (resource.Paginator ?? config.Client.Paginator ?? RestPaginator.Auto).Start();
            walk.First(request);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (true)
            {
                var url = request.Build().AbsoluteUri;
                if (!seen.Add(url))
                {
                    throw new SourceException(
                        $"Resource '{resource.Name}' would request {http.Safe(request.Build())} a second time: its paginator does not move on. Check the paginator settings (the cursor or next-link path).");
                }

                var (response, body) = await http.GetAsync(request, resource.Name, cancellationToken).ConfigureAwait(false);
                using (response)
                {
                    var items = Select(body, selector, resource, http.Safe(request.Build()));
                    yield return items;
                    if (!walk.Next(request, new PageInfo(response.Headers, body, items.Count)))
                    {
                        yield break;
                    }
                }
            }
        }

        private static List<object?> Select(JsonNode? body, JsonPath? selector, RestResourceConfig resource, string url)
        {
            if (body is null)
            {
                return [];
            }

            if (selector is not null)
            {
                if (!selector.TryFirst(body, out var found))
                {
                    throw new SourceException(
                        $"The response of {url} (resource '{resource.Name}') has nothing at the data selector '{selector.Text}'. Fix RestResourceConfig.DataSelector, or leave it unset to find the list automatically.");
                }

                var matches = selector.Select(body).ToList();
                return matches.Count == 1 ? Items(matches[0]) : matches.SelectMany(Items).ToList();
            }

            if (body is JsonArray)
            {
                return Items(body);
            }

            if (body is JsonObject obj)
            {
                var list = obj.FirstOrDefault(p => p.Value is JsonArray).Value;
                return list is not null ? Items(list) : [body];
            }

            return [body];
        }

        private static List<object?> Items(JsonNode? node) => node switch
        {
            null => [],
            JsonArray array => array.Where(n => n is not null).Cast<object?>().ToList(),
            _ => [node],
        };
    }
}
