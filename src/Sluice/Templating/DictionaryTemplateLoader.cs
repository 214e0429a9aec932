namespace Sluice.Templating;

/// <summary>Serves templates from an in-memory map of name to source (names are case-sensitive).</summary>
public sealed class DictionaryTemplateLoader : ITemplateLoader
{
    private readonly Dictionary<string, string> _sources;

    public DictionaryTemplateLoader(IEnumerable<KeyValuePair<string, string>> sources)
    {
        _sources = new Dictionary<string, string>(sources, StringComparer.Ordinal);
    }

    public string? Load(string name) => _sources.TryGetValue(name, out var source) ? source : null;
}
