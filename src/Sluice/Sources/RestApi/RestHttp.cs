using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sluice.Configuration;

namespace Sluice.Sources.RestApi;

/// <summary>
/// Sends the requests of one source run: auth, headers, retries with bounded exponential back-off on 429, 5xx and
/// connection failures (waiting for <c>Retry-After</c> when the server gives one), and errors that name the URL
/// with every secret masked.
/// </summary>
internal sealed class RestHttp : IDisposable
{
    private readonly HttpClient _client;
    private readonly RestClientConfig _config;
    private readonly RestRetryPolicy _retry;
    private readonly TimeProvider _time;
    private readonly Redactor _redactor;

    public RestHttp(RestClientConfig config, RestRetryPolicy retry, HttpMessageHandler? handler, TimeProvider time)
    {
        _config = config;
        _retry = retry;
        _time = time;
        _client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _client.Timeout = config.Timeout;
        _redactor = new Redactor(config.Auth?.Secrets ?? []);
        if (!string.IsNullOrEmpty(config.BaseUrl.UserInfo))
        {
            _redactor.Add(config.BaseUrl.UserInfo);
        }
    }

    /// <summary>A URL as messages show it: no user info, auth parameters and secrets masked.</summary>
    public string Safe(Uri url)
    {
        var builder = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty };
        return _redactor.Redact(builder.Uri.ToString());
    }

    public string Redact(string text) => _redactor.Redact(text);

    /// <summary>GETs a page and parses its JSON body (null for an empty body).</summary>
    public async Task<(HttpResponseMessage Response, JsonNode? Body)> GetAsync(RestRequest request, string resource, CancellationToken cancellationToken)
    {
        var url = request.Build(_config.Auth?.QueryParameters);
        var shown = Safe(request.Build());
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            using (var message = new HttpRequestMessage(HttpMethod.Get, url))
            {
                message.Headers.Accept.ParseAdd("application/json");
                foreach (var (name, value) in _config.Headers)
                {
                    message.Headers.TryAddWithoutValidation(name, value);
                }

                _config.Auth?.Apply(message);
                try
                {
                    response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception error) when (error is HttpRequestException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    if (attempt >= _retry.MaxAttempts)
                    {
                        throw new SourceException(
                            $"GET {shown} (resource '{resource}') failed {attempt} time(s): {Redact(error.Message)}. Check that the server is reachable and the base URL is right; the run can be repeated.",
                            isTransient: true);
                    }

                    await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    return (response, string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text));
                }
                catch (JsonException error)
                {
                    response.Dispose();
                    throw new SourceException(
                        $"GET {shown} (resource '{resource}') returned a body that is not JSON ({Redact(error.Message)}). Check the resource path; REST sources read JSON responses only.");
                }
            }

            var body = await ShortBody(response, cancellationToken).ConfigureAwait(false);
            if (status == 429 || status >= 500)
            {
                var wait = RetryAfter(response);
                response.Dispose();
                if (wait is { } tooLong && tooLong > _retry.MaxRetryAfter)
                {
                    throw new SourceException(
                        $"GET {shown} (resource '{resource}') returned {status} and asks to wait {tooLong.TotalSeconds:0} s (Retry-After), longer than the {_retry.MaxRetryAfter.TotalSeconds:0} s allowed. Run again later, or raise RestRetryPolicy.MaxRetryAfter.",
                        isTransient: true) { StatusCode = status };
                }

                if (attempt >= _retry.MaxAttempts)
                {
                    throw new SourceException(
                        $"GET {shown} (resource '{resource}') returned {status} {ReasonOf(status)} {attempt} time(s){body}. The server is busy or failing; run again later (nothing of this run is loaded).",
                        isTransient: true) { StatusCode = status };
                }

                var delay = wait ?? Backoff(attempt);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            response.Dispose();
            var fix = status switch
            {
                401 or 403 => "Check the credentials (token, API key, user and password) in .sluice/secrets.toml or the environment.",
                404 => "Check the base URL and the resource path.",
                _ => "Check the resource's path and parameters.",
            };
            throw new SourceException($"GET {shown} (resource '{resource}') returned {status} {ReasonOf(status)}{body}. {fix}") { StatusCode = status };
        }
    }

    private static string ReasonOf(int status) => ((HttpStatusCode)status).ToString();

    private async Task<string> ShortBody(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
            if (text.Length == 0)
            {
                return string.Empty;
            }

            text = text.ReplaceLineEndings(" ");
            return ": " + Redact(text.Length > 200 ? text[..197] + "..." : text);
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }
    }

    /// <summary>The <c>Retry-After</c> wait: delta seconds, or an HTTP date relative to now; null when absent.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private TimeSpan Backoff(int attempt)
    {
        var exponential = _retry.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exponential, _retry.MaxDelay.TotalMilliseconds);
        var jitter = capped * 0.25 * Random.Shared.NextDouble();
        return TimeSpan.FromMilliseconds(Math.Min(capped + jitter, _retry.MaxDelay.TotalMilliseconds));
    }

    public void Dispose() => _client.Dispose();
}
