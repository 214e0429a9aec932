using System.Text;

namespace Sluice.Sources.RestApi;

/// <summary>One page request of a resource: an absolute URL (which may carry its own query) plus query parameters.</summary>
internal sealed class RestRequest(Uri url)
{
    public Uri Url { get; set; } = url;

    /// <summary>Parameters added to (or replacing those of) <see cref="Url"/>'s query, in order.</summary>
    public Dictionary<string, string> Query { get; } = new(StringComparer.Ordinal);

    /// <summary>Moves to a URL the server gave (a next link); its query replaces the parameters set so far.</summary>
    public void FollowLink(string link)
    {
        Url = new Uri(Url, link);
        Query.Clear();
    }

    /// <summary>The full URI, with <paramref name="extra"/> (auth parameters) appended.</summary>
    public Uri Build(IReadOnlyDictionary<string, string>? extra = null)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var existing = Url.Query.TrimStart('?');
        var overridden = new HashSet<string>(Query.Keys, StringComparer.Ordinal);
        if (extra is not null)
        {
            overridden.UnionWith(extra.Keys);
        }

        foreach (var part in existing.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            if (!overridden.Contains(name))
            {
                pairs.Add(new(name, eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '))));
            }
        }

        pairs.AddRange(Query);
        if (extra is not null)
        {
            pairs.AddRange(extra);
        }

        var builder = new UriBuilder(Url) { Query = string.Empty };
        if (pairs.Count > 0)
        {
            var query = new StringBuilder();
            foreach (var (name, value) in pairs)
            {
                query.Append(query.Length == 0 ? string.Empty : "&").Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            }

            builder.Query = query.ToString();
        }

        return builder.Uri;
    }
}
