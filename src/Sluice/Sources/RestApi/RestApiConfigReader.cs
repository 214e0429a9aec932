using System.Globalization;
using Sluice.Errors;
using Sluice.Extract;
using Sluice.Schema;

namespace Sluice.Sources.RestApi;

/// <summary>
/// Reads a <see cref="RestApiConfig"/> from dlt's <c>rest_api</c> dictionary shape, as written in TOML under
/// <c>[sources.rest_api]</c>: <c>client</c> (<c>base_url</c>, <c>headers</c>, <c>auth</c>, <c>paginator</c>),
/// <c>resource_defaults</c> and <c>resources</c> (a name, or a table with <c>name</c>, <c>endpoint</c>
/// (<c>path</c>, <c>params</c>, <c>data_selector</c>, <c>paginator</c>, <c>incremental</c>), <c>write_disposition</c>,
/// <c>primary_key</c>, <c>table_name</c>, ...). Secrets (<c>token</c>, <c>api_key</c>, <c>password</c>) are not
/// read from the tree: the secret lookup looks them up (secrets.toml or the environment).
/// </summary>
public static class RestApiConfigReader
{
    /// <summary>Builds the source; fails with a <see cref="ConfigurationException"/> naming the key that is wrong.</summary>
    /// <param name="tree">The <c>[sources.&lt;name&gt;]</c> table (string keys; tables, lists and scalars as values).</param>
    /// <param name="section">The section path, for messages (<c>sources.rest_api</c>).</param>
    /// <param name="secret">Looks up a secret by its path below the section (<c>client.auth.token</c>); null when unset.</param>
    public static RestApiConfig Read(IReadOnlyDictionary<string, object> tree, string section, Func<string, string?> secret)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(secret);
        var client = Table(tree, "client", section) ?? throw new ConfigurationException($"[{section}] has no [{section}.client] table; set at least base_url there, such as base_url = \"https://api.example.com/v1/\".");
        var baseUrlText = String(client, "base_url", section + ".client") ?? throw new ConfigurationException($"[{section}.client] has no base_url; set it to the API's URL, such as \"https://api.example.com/v1/\" (or the environment variable {EnvName(section + ".client.base_url")}).");
        if (!Uri.TryCreate(baseUrlText, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            throw new ConfigurationException($"{section}.client.base_url is '{baseUrlText}', which is not an http(s) URL; write it as https://host/path/.");
        }

        var defaults = Table(tree, "resource_defaults", section) ?? new Dictionary<string, object>();
        var resources = new List<RestResourceConfig>();
        if (!tree.TryGetValue("resources", out var list) || list is not IReadOnlyList<object> items || items.Count == 0)
        {
            throw new ConfigurationException($"[{section}] has no resources; add one per endpoint, such as [[{section}.resources]] with name = \"issues\" and endpoint = {{ path = \"issues\" }}.");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var where = $"{section}.resources[{i}]";
            resources.Add(items[i] switch
            {
                string name => Resource(new Dictionary<string, object> { ["name"] = name }, defaults, where),
                IReadOnlyDictionary<string, object> table => Resource(table, defaults, where),
                _ => throw new ConfigurationException($"{where} is {Describe(items[i])}; write a resource name or a table with name and endpoint."),
            });
        }

        var retry = Table(tree, "retry", section);
        return new RestApiConfig
        {
            Client = new RestClientConfig
            {
                BaseUrl = baseUrl,
                Headers = Table(client, "headers", section + ".client")?.ToDictionary(p => p.Key, p => Scalar(p.Value, $"{section}.client.headers.{p.Key}"), StringComparer.Ordinal) ?? new Dictionary<string, string>(),
                Auth = Auth(Table(client, "auth", section + ".client"), section + ".client.auth", path => secret("client.auth." + path)),
                Paginator = Paginator(client.GetValueOrDefault("paginator"), section + ".client.paginator"),
            },
            Resources = resources,
            Retry = retry is null ? new RestRetryPolicy() : new RestRetryPolicy
            {
                MaxAttempts = (int)(Long(retry, "max_attempts", section + ".retry") ?? 5),
                BaseDelay = TimeSpan.FromSeconds(Number(retry, "base_delay_seconds", section + ".retry") ?? 1),
                MaxDelay = TimeSpan.FromSeconds(Number(retry, "max_delay_seconds", section + ".retry") ?? 30),
                MaxRetryAfter = TimeSpan.FromSeconds(Number(retry, "max_retry_after_seconds", section + ".retry") ?? 300),
            },
        };
    }

    private static RestResourceConfig Resource(IReadOnlyDictionary<string, object> table, IReadOnlyDictionary<string, object> defaults, string where)
    {
        var name = String(table, "name", where) ?? throw new ConfigurationException($"{where} has no name; every resource needs one (it names the table).");
        var endpoint = Table(table, "endpoint", where) ?? new Dictionary<string, object>();
        var defaultEndpoint = Table(defaults, "endpoint", "resource_defaults") ?? new Dictionary<string, object>();
        object? Pick(string key) => table.GetValueOrDefault(key) ?? defaults.GetValueOrDefault(key);
        object? PickEndpoint(string key) => endpoint.GetValueOrDefault(key) ?? defaultEndpoint.GetValueOrDefault(key);

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in new[] { defaultEndpoint, endpoint })
        {
            foreach (var (key, value) in Table(source, "params", where + ".endpoint") ?? new Dictionary<string, object>())
            {
                parameters[key] = Scalar(value, $"{where}.endpoint.params.{key}");
            }
        }

        RestIncremental? incremental = null;
        if (Table(endpoint, "incremental", where + ".endpoint") is { } inc)
        {
            var at = where + ".endpoint.incremental";
            incremental = new RestIncremental
            {
                CursorPath = String(inc, "cursor_path", at) ?? throw new ConfigurationException($"{at} has no cursor_path; name the item field that holds the cursor, such as \"updated_at\"."),
                Param = String(inc, "start_param", at) ?? throw new ConfigurationException($"{at} has no start_param; name the query parameter that takes the cursor, such as \"since\"."),
                InitialValue = inc.GetValueOrDefault("initial_value") is { } initial ? Value(initial) : null,
                EndParam = String(inc, "end_param", at),
                EndValue = inc.GetValueOrDefault("end_value") is { } end ? Value(end) : null,
                LastValueFunction = String(inc, "last_value_func", at) is "min" ? LastValueFunction.Min : LastValueFunction.Max,
            };
        }

        var hints = new ResourceHints
        {
            TableName = String(table, "table_name", where),
            WriteDisposition = Enum<WriteDisposition>(Pick("write_disposition"), where + ".write_disposition", WriteDisposition.Append),
            MergeStrategy = Enum<MergeStrategy>(Pick("merge_strategy"), where + ".merge_strategy", MergeStrategy.DeleteInsert),
            TableFormat = Enum<TableFormat>(Pick("table_format"), where + ".table_format", TableFormat.Hive),
            PrimaryKey = Keys(Pick("primary_key"), where + ".primary_key"),
            MergeKey = Keys(Pick("merge_key"), where + ".merge_key"),
            MaxTableNesting = Pick("max_table_nesting") is long nesting ? (int)nesting : 1000,
        };
        var path = PickEndpoint("path") is { } p ? Scalar(p, where + ".endpoint.path") : null;
        return new RestResourceConfig
        {
            Name = name,
            Path = path,
            Params = parameters,
            DataSelector = PickEndpoint("data_selector") is { } selector ? Scalar(selector, where + ".endpoint.data_selector") : null,
            Paginator = Paginator(PickEndpoint("paginator"), where + ".endpoint.paginator"),
            Incremental = incremental,
            Hints = hints,
            Selected = Pick("selected") is not false,
        };
    }

    private static RestAuth? Auth(IReadOnlyDictionary<string, object>? auth, string where, Func<string, string?> secret)
    {
        if (auth is null)
        {
            // A token in secrets.toml without an auth table in config.toml means a bearer token, as in dlt.
            return secret("token") is { } token ? new BearerTokenAuth(token) : null;
        }

        foreach (var key in new[] { "token", "api_key", "password" })
        {
            if (auth.ContainsKey(key))
            {
                throw new ConfigurationException($"{where}.{key} is set in config.toml, which is usually committed; move it to .sluice/secrets.toml under [{where}] or set {EnvName(where + "." + key)}.");
            }
        }

        string Need(string key) => secret(key) ?? throw new ConfigurationException(
            $"{where}.{key} is not set; put it in .sluice/secrets.toml under [{where}] or in the environment variable {EnvName(where + "." + key)}.");

        var type = String(auth, "type", where) ?? "bearer";
        return type switch
        {
            "bearer" => new BearerTokenAuth(Need("token")),
            "api_key" => new ApiKeyAuth(
                String(auth, "name", where) ?? "Authorization",
                Need("api_key"),
                Enum<ApiKeyLocation>(auth.GetValueOrDefault("location"), where + ".location", ApiKeyLocation.Header)),
            "http_basic" => new HttpBasicAuth(String(auth, "username", where) ?? secret("username") ?? throw new ConfigurationException($"{where}.username is not set."), Need("password")),
            _ => throw new ConfigurationException($"{where}.type is '{type}'; use bearer, api_key or http_basic."),
        };
    }

    private static RestPaginator? Paginator(object? value, string where)
    {
        switch (value)
        {
            case null:
                return null;
            case string name:
                return Paginator(new Dictionary<string, object> { ["type"] = name }, where);
            case IReadOnlyDictionary<string, object> table:
                var type = String(table, "type", where) ?? "auto";
                string? Optional(string key, string? fallback) => table.TryGetValue(key, out var v) ? (Scalar(v, where + "." + key) is { Length: > 0 } s ? s : null) : fallback;
                return type switch
                {
                    "auto" => RestPaginator.Auto,
                    "single_page" => RestPaginator.SinglePage,
                    "header_link" or "link_header" => new LinkHeaderPaginator(),
                    "json_link" or "json_response" => new JsonLinkPaginator(Optional("next_url_path", "next")!),
                    "cursor" => new JsonCursorPaginator(Optional("cursor_path", "cursors.next")!, Optional("cursor_param", "cursor")!),
                    "offset" => new OffsetPaginator((int)(Long(table, "limit", where) ?? throw new ConfigurationException($"{where} (offset) has no limit; set the page size, such as limit = 100.")))
                    {
                        Offset = Long(table, "offset", where) ?? 0,
                        OffsetParam = Optional("offset_param", "offset")!,
                        LimitParam = Optional("limit_param", "limit")!,
                        TotalPath = Optional("total_path", "total"),
                        MaximumOffset = Long(table, "maximum_offset", where),
                        StopAfterEmptyPage = table.GetValueOrDefault("stop_after_empty_page") is not false,
                    },
                    "page_number" => new PageNumberPaginator
                    {
                        BasePage = (int)(Long(table, "base_page", where) ?? 1),
                        PageParam = Optional("page_param", "page")!,
                        TotalPath = Optional("total_path", null),
                        MaximumPage = Long(table, "maximum_page", where) is { } max ? (int)max : null,
                        StopAfterEmptyPage = table.GetValueOrDefault("stop_after_empty_page") is not false,
                    },
                    _ => throw new ConfigurationException($"{where}.type is '{type}'; use auto, single_page, header_link, json_link, offset, page_number or cursor."),
                };
            default:
                throw new ConfigurationException($"{where} is {Describe(value)}; write a paginator name or a table with type = \"...\".");
        }
    }

    private static IReadOnlyDictionary<string, object>? Table(IReadOnlyDictionary<string, object> parent, string key, string where) =>
        parent.TryGetValue(key, out var value)
            ? value as IReadOnlyDictionary<string, object> ?? throw new ConfigurationException($"{where}.{key} is {Describe(value)}; it must be a table.")
            : null;

    private static string? String(IReadOnlyDictionary<string, object> parent, string key, string where) =>
        parent.TryGetValue(key, out var value) ? Scalar(value, where + "." + key) : null;

    private static long? Long(IReadOnlyDictionary<string, object> parent, string key, string where) => parent.GetValueOrDefault(key) switch
    {
        null => null,
        long l => l,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        var other => throw new ConfigurationException($"{where}.{key} is {Describe(other)}; write a whole number."),
    };

    private static double? Number(IReadOnlyDictionary<string, object> parent, string key, string where) => parent.GetValueOrDefault(key) switch
    {
        null => null,
        long l => l,
        double d => d,
        var other => throw new ConfigurationException($"{where}.{key} is {Describe(other)}; write a number of seconds."),
    };

    private static string Scalar(object value, string where) => value switch
    {
        string s => s,
        long or double or bool => Convert.ToString(value, CultureInfo.InvariantCulture)!.ToLowerInvariant(),
        DateTimeOffset o => o.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw new ConfigurationException($"{where} is {Describe(value)}; write a string or a number."),
    };

    private static object Value(object value) => value switch
    {
        DateTimeOffset o => o.UtcDateTime,
        _ => value,
    };

    private static IReadOnlyList<string> Keys(object? value, string where) => value switch
    {
        null => [],
        string s => [s],
        IReadOnlyList<object> list => list.Select((v, i) => Scalar(v, $"{where}[{i}]")).ToList(),
        _ => throw new ConfigurationException($"{where} is {Describe(value)}; write a column name or a list of them."),
    };

    private static T Enum<T>(object? value, string where, T fallback)
        where T : struct, Enum
    {
        if (value is null)
        {
            return fallback;
        }

        var text = Scalar(value, where).Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return System.Enum.TryParse<T>(text, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed
            : throw new ConfigurationException($"{where} is '{value}'; use one of: {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}.");
    }

    private static string Describe(object? value) => value switch
    {
        null => "empty",
        string s => $"the string '{s}'",
        IReadOnlyDictionary<string, object> => "a table",
        IReadOnlyList<object> => "a list",
        _ => $"the value {Convert.ToString(value, CultureInfo.InvariantCulture)}",
    };

    private static string EnvName(string dotted) => string.Join("__", dotted.Split('.').Select(p => p.ToUpperInvariant()));
}
