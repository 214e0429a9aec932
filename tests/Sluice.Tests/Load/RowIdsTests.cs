using System.Text;
using Sluice.Normalize;

namespace Sluice.Tests.Load;

public sealed class RowIdsTests
{
    // Computed outside .NET from the definition in RowIds' summary (SHA-256 of "<parent>_<table>_", fmix64 per element),
    // so a change of the scheme (which would give already-loaded child rows new ids) fails here.
    [Theory]
    [InlineData("AAAAAAAAAAAAAA", "orders__items", 0, "4oUzR0VWurYkMg")]
    [InlineData("AAAAAAAAAAAAAA", "orders__items", 1, "pXBIeS8S9jXCnQ")]
    [InlineData("gW0r9xQ3bXy1Zw", "events__tags", 12345, "yzR/j/9tk5317g")]
    [InlineData("ü", "t", 0, "9mkn7R7k8WmGwQ")]
    public void Child_ids_follow_the_documented_scheme(string parentId, string table, long index, string expected)
    {
        Assert.Equal(expected, RowIds.Child(parentId, table, index));
        Assert.Equal(expected, RowIds.Child(RowIds.ChildKey(parentId, table), index));
        var utf8 = new byte[RowIds.Length];
        RowIds.Child(RowIds.ChildKey(parentId, table), index, utf8);
        Assert.Equal(expected, Encoding.ASCII.GetString(utf8));
    }

    [Fact]
    public void A_million_siblings_get_distinct_ids()
    {
        var list = RowIds.ChildKey("AAAAAAAAAAAAAA", "orders__items");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 1_000_000; i++)
        {
            var id = RowIds.Child(list, i);
            Assert.Equal(RowIds.Length, id.Length);
            Assert.True(seen.Add(id), $"element {i} repeats an id");
        }
    }

    [Fact]
    public void Children_of_a_million_parents_and_two_tables_get_distinct_ids()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < 1_000_000; p++)
        {
            var parent = RowIds.Random();
            foreach (var table in new[] { "orders__items", "orders__tags" })
            {
                var list = RowIds.ChildKey(parent, table);
                for (var i = 0; i < 2; i++)
                {
                    Assert.True(seen.Add(RowIds.Child(list, i)), $"parent {p}, table {table}, element {i} repeats an id");
                }
            }
        }

        Assert.Equal(4_000_000, seen.Count);
    }

    [Fact]
    public void Child_ids_are_deterministic_and_depend_on_every_part()
    {
        Assert.Equal(RowIds.Child("p1", "t", 3), RowIds.Child("p1", "t", 3));
        var ids = new[] { RowIds.Child("p1", "t", 3), RowIds.Child("p2", "t", 3), RowIds.Child("p1", "u", 3), RowIds.Child("p1", "t", 4) };
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }
}
