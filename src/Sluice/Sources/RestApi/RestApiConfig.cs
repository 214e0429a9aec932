using Sluice.Extract;

namespace Sluice.Sources.RestApi;

/// <summary>
/// A declarative REST API source (dlt's <c>rest_api</c>): one client (base URL, auth, headers, default paginator)
/// and its resources. <c>RestApiSource.Resources</c> turns it into pipeline resources.
/// </summary>
public sealed record RestApiConfig
{
    public required RestClientConfig Client { get; init; }

    public required IReadOnlyList<RestResourceConfig> Resources { get; init; }

    public RestRetryPolicy Retry { get; init; } = new();
}

/// <summary>What every request of a source shares.</summary>
public sealed record RestClientConfig
{
    /// <summary>Relative resource paths are resolved against this URL (a trailing <c>/</c> is added when missing).</summary>
    public required Uri BaseUrl { get; init; }

    public RestAuth? Auth { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The paginator of resources that set none; default: auto-detect.</summary>
    public RestPaginator? Paginator { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);
}

/// <summary>One endpoint that becomes one resource (or, unselected, only feeds another resource).</summary>
public sealed record RestResourceConfig
{
    /// <summary>The resource name: the table name unless the hints set one, and the key of its incremental state.</summary>
    public required string Name { get; init; }

    /// <summary>The path relative to the base URL, or an absolute URL; <c>{name}</c> placeholders come from <see cref="Resolve"/>. Default: the name.</summary>
    public string? Path { get; init; }

    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();

    /// <summary>JSON path to the list of items in a page; null finds it: a top-level list, else the first list property of the object, else the object itself as one item.</summary>
    public string? DataSelector { get; init; }

    public RestPaginator? Paginator { get; init; }

    public RestIncremental? Incremental { get; init; }

    /// <summary>Requests the endpoint once per value of a path placeholder (a fixed list, or the items of another resource).</summary>
    public RestResolve? Resolve { get; init; }

    public ResourceHints Hints { get; init; } = new();

    /// <summary>False: not loaded, only read by resources that resolve from it.</summary>
    public bool Selected { get; init; } = true;
}

/// <summary>
/// An incremental query parameter: the request sends the last cursor value a completed load saw (or
/// <see cref="InitialValue"/>) in <see cref="Param"/>, and extract drops items at or below it that were loaded already,
/// keeping the state under <c>resources.&lt;resource&gt;.incremental.&lt;cursor_path&gt;</c> like every resource.
/// </summary>
public sealed record RestIncremental
{
    /// <summary>The item field holding the cursor (dots for nested fields).</summary>
    public required string CursorPath { get; init; }

    /// <summary>The query parameter that receives the cursor value.</summary>
    public required string Param { get; init; }

    public object? InitialValue { get; init; }

    /// <summary>An optional query parameter for the end of the window, with <see cref="EndValue"/>.</summary>
    public string? EndParam { get; init; }

    public object? EndValue { get; init; }

    public LastValueFunction LastValueFunction { get; init; } = LastValueFunction.Max;

    /// <summary>Formats the cursor value for the query; default: ISO-8601 UTC for date-times, invariant text otherwise.</summary>
    public Func<object?, string>? Format { get; init; }
}

/// <summary>Values for one <c>{placeholder}</c> of a resource's path.</summary>
public sealed record RestResolve
{
    /// <summary>The placeholder name in the path.</summary>
    public required string Param { get; init; }

    /// <summary>Fixed values (for example usernames).</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>Another resource of the same source whose items give the values.</summary>
    public string? Resource { get; init; }

    /// <summary>The field of the parent item (<c>$</c>: the item itself, for lists of strings).</summary>
    public string Field { get; init; } = "$";

    /// <summary>Skips values for which this returns false (for example archives before the last loaded month).</summary>
    public Func<string, bool>? Include { get; init; }
}

/// <summary>Retries on 429 and 5xx responses and on connection failures, honouring <c>Retry-After</c>.</summary>
public sealed record RestRetryPolicy
{
    /// <summary>Attempts per request, the first included.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The first back-off; doubled each attempt, with up to 25% jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest back-off between two attempts when the server gives no <c>Retry-After</c>.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A <c>Retry-After</c> longer than this fails the request instead of waiting.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(5);
}
