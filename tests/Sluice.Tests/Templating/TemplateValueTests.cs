using Sluice.Templating;

namespace Sluice.Tests.Templating;

public class TemplateValueTests
{
    [Fact]
    public void From_converts_dotnet_collections_and_numbers_deeply()
    {
        var converted = TemplateValue.From(new Dictionary<string, int[]> { ["a"] = [1, 2] });
        var map = Assert.IsType<OrderedDictionary<string, object?>>(converted);
        Assert.Equal(new List<object?> { 1L, 2L }, map["a"]);

        var env = new JinjaEnvironment();
        var context = new Dictionary<string, object?>
        {
            ["cols"] = TemplateValue.From(new List<string> { "id", "name" }),
            ["meta"] = TemplateValue.From(new SortedDictionary<string, object> { ["owner"] = "data", ["tier"] = 1.5f }),
            ["ro"] = TemplateValue.From(new ReadOnlyDict()),
        };
        Assert.Equal("id|name 2 {'owner': 'data', 'tier': 1.5} {'k': 7}", env.Parse("t", "{{ cols|join('|') }} {{ cols|length }} {{ meta }} {{ ro }}").Render(context));
    }

    [Fact]
    public void Dates_render_like_python()
    {
        var env = new JinjaEnvironment();
        var context = new Dictionary<string, object?>
        {
            ["a"] = new DateTime(2026, 11, 21, 13, 5, 9, DateTimeKind.Utc),
            ["b"] = new DateTime(2026, 11, 21, 13, 5, 9, 250, DateTimeKind.Utc),
            ["c"] = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            ["d"] = new DateOnly(2026, 2, 3),
        };
        Assert.Equal("2026-11-21 13:05:09|2026-11-21 13:05:09.250000|2026-01-02 03:04:05+00:00|2026-02-03",
            env.Parse("t", "{{ a }}|{{ b }}|{{ c }}|{{ d }}").Render(context));
    }

    private sealed class ReadOnlyDict : IReadOnlyDictionary<string, int>
    {
        private readonly Dictionary<string, int> _inner = new() { ["k"] = 7 };

        public int this[string key] => _inner[key];

        public IEnumerable<string> Keys => _inner.Keys;

        public IEnumerable<int> Values => _inner.Values;

        public int Count => _inner.Count;

        public bool ContainsKey(string key) => _inner.ContainsKey(key);

        public IEnumerator<KeyValuePair<string, int>> GetEnumerator() => _inner.GetEnumerator();

        public bool TryGetValue(string key, out int value) => _inner.TryGetValue(key, out value);

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
