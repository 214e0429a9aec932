using System.Text;
using Sluice.Normalize;

namespace Sluice.Tests.Load;

public sealed class RowIdsTests
{
    // Computed outside .NET (a Python transcription of the definition in RowIds' summary: MurmurHash3 x64 128 of
    // "<parent>_<table>_", fmix64 per element), so a change of the scheme (which would give already-loaded child rows
    // new ids) fails here.
    [Theory]
    [InlineData("AAAAAAAAAAAAAA", "orders__items", 0, "AjbKIZLbyyUvZA")]
    [InlineData("AAAAAAAAAAAAAA", "orders__items", 1, "Q+XiN8vAt4gOog")]
    [InlineData("gW0r9xQ3bXy1Zw", "events__tags", 12345, "C51+EDh7FQcPtA")]
    [InlineData("ü", "t", 0, "/jjcwvhfTcv+nw")]
    [InlineData("a-much-longer-given-parent-identifier-value", "orders__items__sub", 7, "7SJDU/xjY8jiIg")]
    public void Child_ids_follow_the_documented_scheme(string parentId, string table, long index, string expected)
    {
        Assert.Equal(expected, RowIds.Child(parentId, table, index));
        Assert.Equal(expected, RowIds.Child(RowIds.ChildKey(parentId, table), index));
        var utf8 = new byte[RowIds.Length];
        RowIds.Child(RowIds.ChildKey(parentId, table), index, utf8);
        Assert.Equal(expected, Encoding.ASCII.GetString(utf8));
    }

    // Published vectors of MurmurHash3_x64_128 (seed 0x9747b28c), as the 16 bytes h1, h2 little-endian.
    [Theory]
    [InlineData("", "B3BBAA1D8A202B397A9502E38F60B093")]
    [InlineData("The quick brown fox jumps over the lazy dog", "213163D23B7F8A73E516C07E727345F9")]
    [InlineData("The quick brown fox jumps over the lazy cog", "94618270B057CDB83CF873585B456F55")]
    [InlineData("THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG", "6C8AD027E39089788AD2CB67789CA4CF")]
    public void Murmur3_matches_the_published_vectors(string input, string expected)
    {
        var (h1, h2) = Murmur3.Hash128(Encoding.ASCII.GetBytes(input), 0x9747B28C);
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes, h1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), h2);
        Assert.Equal(expected, Convert.ToHexString(bytes));
    }

    [Fact]
    public void Random_id_bytes_differ_between_generators_and_do_not_repeat()
    {
        using var first = new RandomIdBytes();
        using var second = new RandomIdBytes();
        var a = new byte[16_000];
        var b = new byte[16_000];
        first.Fill(a);
        second.Fill(b);
        Assert.NotEqual(a, b);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; round < 100; round++)
        {
            first.Fill(a);
            for (var at = 0; at < a.Length; at += 10)
            {
                Assert.True(ids.Add(Convert.ToBase64String(a, at, 10)));
            }
        }
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
