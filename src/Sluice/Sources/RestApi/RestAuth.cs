namespace Sluice.Sources.RestApi;

/// <summary>How requests of a REST source authenticate. Secret values are never written to a message or log.</summary>
public abstract record RestAuth
{
    /// <summary>The secret values, so errors can redact them wherever they appear.</summary>
    internal abstract IEnumerable<string> Secrets { get; }

    /// <summary>Query parameters this auth adds (their values are secrets).</summary>
    internal virtual IReadOnlyDictionary<string, string> QueryParameters => new Dictionary<string, string>();

    internal abstract void Apply(HttpRequestMessage request);
}

/// <summary><c>Authorization: Bearer &lt;token&gt;</c>.</summary>
public sealed record BearerTokenAuth(string Token) : RestAuth
{
    internal override IEnumerable<string> Secrets => [Token];

    internal override void Apply(HttpRequestMessage request) =>
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);

    public override string ToString() => "BearerTokenAuth { Token = *** }";
}

/// <summary>Where an API key goes.</summary>
public enum ApiKeyLocation
{
    Header,
    Query,
}

/// <summary>An API key in a header (default <c>Authorization</c>) or a query parameter.</summary>
public sealed record ApiKeyAuth(string Name, string ApiKey, ApiKeyLocation Location = ApiKeyLocation.Header) : RestAuth
{
    internal override IEnumerable<string> Secrets => [ApiKey];

    internal override IReadOnlyDictionary<string, string> QueryParameters =>
        Location == ApiKeyLocation.Query ? new Dictionary<string, string>(StringComparer.Ordinal) { [Name] = ApiKey } : new Dictionary<string, string>();

    internal override void Apply(HttpRequestMessage request)
    {
        if (Location == ApiKeyLocation.Header)
        {
            request.Headers.Remove(Name);
            request.Headers.TryAddWithoutValidation(Name, ApiKey);
        }
    }

    public override string ToString() => $"ApiKeyAuth {{ Name = {Name}, ApiKey = ***, Location = {Location} }}";
}

/// <summary>HTTP basic: <c>Authorization: Basic base64(user:password)</c>.</summary>
public sealed record HttpBasicAuth(string Username, string Password) : RestAuth
{
    internal override IEnumerable<string> Secrets =>
        [Password, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Username + ":" + Password))];

    internal override void Apply(HttpRequestMessage request) =>
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Username + ":" + Password)));

    public override string ToString() => $"HttpBasicAuth {{ Username = {Username}, Password = *** }}";
}
