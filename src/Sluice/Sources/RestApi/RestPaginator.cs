using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sluice.Sources.RestApi;

/// <summary>
/// How a resource walks its pages (dlt's paginators). Each is a description; a fresh walker is made for every
/// run of a resource, so a source can be run again.
/// </summary>
public abstract record RestPaginator
{
    /// <summary>One request, no paging.</summary>
    public static RestPaginator SinglePage { get; } = new SinglePagePaginator();

    /// <summary>Detects the style from the first response: a <c>Link</c> header, else a JSON <c>next</c> link, else one page.</summary>
    public static RestPaginator Auto { get; } = new AutoPaginator();

    internal abstract PaginatorWalk Start();
}

/// <summary>What a page looked like, for deciding on the next one.</summary>
internal sealed record PageInfo(HttpResponseHeaders Headers, JsonNode? Body, int ItemCount);

/// <summary>The stateful walk over one resource's pages.</summary>
internal abstract class PaginatorWalk
{
    /// <summary>Sets the parameters of the first request.</summary>
    public virtual void First(RestRequest request)
    {
    }

    /// <summary>Prepares <paramref name="request"/> for the next page; false when there is none.</summary>
    public abstract bool Next(RestRequest request, PageInfo page);

    protected static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValueKind() == JsonValueKind.True ? "true" : "false",
        JsonValue value when value.GetValueKind() == JsonValueKind.Null => null,
        _ => node.ToJsonString(),
    };

    protected static long? Number(JsonNode? node, string path)
    {
        var text = Text(node);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new SourceException($"The value at '{path}' in the response is '{Truncate(text)}', not a whole number; fix the paginator's total path.");
    }

    protected static string Truncate(string text) => text.Length > 80 ? text[..77] + "..." : text;
}

internal sealed record SinglePagePaginator : RestPaginator
{
    internal override PaginatorWalk Start() => new Walk();

    private sealed class Walk : PaginatorWalk
    {
        public override bool Next(RestRequest request, PageInfo page) => false;
    }
}

/// <summary>Follows the <c>Link</c> header's <c>rel="next"</c> URL (GitHub style).</summary>
public sealed record LinkHeaderPaginator : RestPaginator
{
    internal override PaginatorWalk Start() => new Walk();

    internal static string? NextLink(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var header in values)
        {
            foreach (var part in SplitLinks(header))
            {
                var open = part.IndexOf('<', StringComparison.Ordinal);
                var close = part.IndexOf('>', StringComparison.Ordinal);
                if (open < 0 || close < open)
                {
                    continue;
                }

                foreach (var parameter in part[(close + 1)..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = parameter.IndexOf('=', StringComparison.Ordinal);
                    if (eq > 0 && string.Equals(parameter[..eq].Trim(), "rel", StringComparison.OrdinalIgnoreCase) &&
                        parameter[(eq + 1)..].Trim().Trim('"').Split(' ').Contains("next", StringComparer.OrdinalIgnoreCase))
                    {
                        return part[(open + 1)..close];
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Splits a Link header on the commas between links (not those inside <c>&lt;...&gt;</c>).</summary>
    private static IEnumerable<string> SplitLinks(string header)
    {
        var start = 0;
        var inside = false;
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i] == '<')
            {
                inside = true;
            }
            else if (header[i] == '>')
            {
                inside = false;
            }
            else if (header[i] == ',' && !inside)
            {
                yield return header[start..i];
                start = i + 1;
            }
        }

        yield return header[start..];
    }

    private sealed class Walk : PaginatorWalk
    {
        public override bool Next(RestRequest request, PageInfo page)
        {
            var next = NextLink(page.Headers);
            if (string.IsNullOrEmpty(next))
            {
                return false;
            }

            request.FollowLink(next);
            return true;
        }
    }
}

/// <summary>Follows a next-page URL found at a JSON path of the body (<c>next</c>, <c>links.next</c>, ...); a missing, null or empty value ends.</summary>
public sealed record JsonLinkPaginator(string NextUrlPath = "next") : RestPaginator
{
    internal override PaginatorWalk Start() => new Walk(JsonPath.Parse(NextUrlPath));

    private sealed class Walk(JsonPath path) : PaginatorWalk
    {
        public override bool Next(RestRequest request, PageInfo page)
        {
            var next = Text(path.First(page.Body));
            if (string.IsNullOrEmpty(next))
            {
                return false;
            }

            request.FollowLink(next);
            return true;
        }
    }
}

/// <summary>
/// <c>offset</c>/<c>limit</c> query parameters. Stops when the offset reaches the total at <see cref="TotalPath"/>
/// (when set), at <see cref="MaximumOffset"/>, after an empty page (when <see cref="StopAfterEmptyPage"/>), or
/// after a page shorter than the limit when no total is used.
/// </summary>
public sealed record OffsetPaginator(int Limit) : RestPaginator
{
    public long Offset { get; init; }

    public string OffsetParam { get; init; } = "offset";

    public string LimitParam { get; init; } = "limit";

    /// <summary>Where the total item count is; null pages until an empty or short page.</summary>
    public string? TotalPath { get; init; } = "total";

    public long? MaximumOffset { get; init; }

    public bool StopAfterEmptyPage { get; init; } = true;

    internal override PaginatorWalk Start() => Limit > 0
        ? new Walk(this)
        : throw new SourceException($"The offset paginator's limit is {Limit}; set OffsetPaginator.Limit (the page size) to a positive number.");

    private sealed class Walk(OffsetPaginator config) : PaginatorWalk
    {
        private long _offset = config.Offset;
        private readonly JsonPath? _total = config.TotalPath is null ? null : JsonPath.Parse(config.TotalPath);

        public override void First(RestRequest request)
        {
            request.Query[config.OffsetParam] = _offset.ToString(CultureInfo.InvariantCulture);
            request.Query[config.LimitParam] = config.Limit.ToString(CultureInfo.InvariantCulture);
        }

        public override bool Next(RestRequest request, PageInfo page)
        {
            if (page.ItemCount == 0 && config.StopAfterEmptyPage)
            {
                return false;
            }

            _offset += config.Limit;
            if (_total is not null)
            {
                if (!_total.TryFirst(page.Body, out var node) || Number(node, _total.Text) is not { } total)
                {
                    throw new SourceException(
                        $"The response has no total at '{_total.Text}', which the offset paginator needs. Set OffsetPaginator.TotalPath to where the API puts the total, or to null to page until an empty page.");
                }

                if (_offset >= total)
                {
                    return false;
                }
            }
            else if (page.ItemCount < config.Limit && !config.StopAfterEmptyPage)
            {
                return false;
            }

            if (config.MaximumOffset is { } max && _offset >= max)
            {
                return false;
            }

            First(request);
            return true;
        }
    }
}

/// <summary>
/// A page-number query parameter, starting at <see cref="BasePage"/>. Stops after the last page given at
/// <see cref="TotalPath"/> (a page count, when set), at <see cref="MaximumPage"/>, or after an empty page.
/// </summary>
public sealed record PageNumberPaginator : RestPaginator
{
    public int BasePage { get; init; } = 1;

    public string PageParam { get; init; } = "page";

    /// <summary>Where the number of pages is; null pages until an empty page.</summary>
    public string? TotalPath { get; init; }

    public int? MaximumPage { get; init; }

    public bool StopAfterEmptyPage { get; init; } = true;

    internal override PaginatorWalk Start() => new Walk(this);

    private sealed class Walk(PageNumberPaginator config) : PaginatorWalk
    {
        private long _page = config.BasePage;
        private readonly JsonPath? _total = config.TotalPath is null ? null : JsonPath.Parse(config.TotalPath);

        public override void First(RestRequest request) => request.Query[config.PageParam] = _page.ToString(CultureInfo.InvariantCulture);

        public override bool Next(RestRequest request, PageInfo page)
        {
            if (page.ItemCount == 0 && config.StopAfterEmptyPage)
            {
                return false;
            }

            _page++;
            if (_total is not null)
            {
                if (!_total.TryFirst(page.Body, out var node) || Number(node, _total.Text) is not { } pages)
                {
                    throw new SourceException(
                        $"The response has no page count at '{_total.Text}', which the page-number paginator needs. Set PageNumberPaginator.TotalPath to where the API puts it, or to null to page until an empty page.");
                }

                if (_page >= pages + config.BasePage)
                {
                    return false;
                }
            }

            if (config.MaximumPage is { } max && _page > max)
            {
                return false;
            }

            First(request);
            return true;
        }
    }
}

/// <summary>Reads a cursor at <see cref="CursorPath"/> of the body and sends it in <see cref="CursorParam"/>; a missing, null or empty cursor ends.</summary>
public sealed record JsonCursorPaginator(string CursorPath = "cursors.next", string CursorParam = "cursor") : RestPaginator
{
    internal override PaginatorWalk Start() => new Walk(this, JsonPath.Parse(CursorPath));

    private sealed class Walk(JsonCursorPaginator config, JsonPath path) : PaginatorWalk
    {
        public override bool Next(RestRequest request, PageInfo page)
        {
            var cursor = Text(path.First(page.Body));
            if (string.IsNullOrEmpty(cursor))
            {
                return false;
            }

            request.Query[config.CursorParam] = cursor;
            return true;
        }
    }
}

internal sealed record AutoPaginator : RestPaginator
{
    private static readonly string[] NextPaths = ["next", "links.next", "_links.next.href", "pagination.next", "paging.next", "next_url", "meta.next"];

    internal override PaginatorWalk Start() => new Walk();

    private sealed class Walk : PaginatorWalk
    {
        private PaginatorWalk? _chosen;

        public override bool Next(RestRequest request, PageInfo page)
        {
            if (_chosen is null)
            {
                if (LinkHeaderPaginator.NextLink(page.Headers) is not null)
                {
                    _chosen = new LinkHeaderPaginator().Start();
                }
                else if (page.Body is JsonObject)
                {
                    var path = NextPaths.FirstOrDefault(p => JsonPath.Parse(p).First(page.Body) is JsonValue v && v.GetValueKind() == JsonValueKind.String);
                    _chosen = path is null ? SinglePage.Start() : new JsonLinkPaginator(path).Start();
                }
                else
                {
                    _chosen = SinglePage.Start();
                }
            }

            return _chosen.Next(request, page);
        }
    }
}
