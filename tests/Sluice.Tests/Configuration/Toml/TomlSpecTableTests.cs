using Sluice.Configuration.Toml;
using static Sluice.Tests.Configuration.Toml.TomlAssert;

namespace Sluice.Tests.Configuration.Toml;

/// <summary>The array, table, inline table and array-of-tables examples of the TOML 1.0.0 specification.</summary>
public class TomlSpecTableTests
{
    [Fact]
    public void Arrays_of_every_kind()
    {
        var doc = Parse(""""
            integers = [ 1, 2, 3 ]
            colors = [ "red", "yellow", "green" ]
            nested_arrays_of_ints = [ [ 1, 2 ], [3, 4, 5] ]
            nested_mixed_array = [ [ 1, 2 ], ["a", "b", "c"] ]
            string_array = [ "all", 'strings', """are the same""", '''type''' ]

            # Mixed-type arrays are allowed
            numbers = [ 0.1, 0.2, 0.5, 1, 2, 5 ]
            contributors = [
              "Foo Bar <foo@example.com>",
              { name = "Baz Qux", email = "bazqux@example.com", url = "https://example.com/bazqux" }
            ]
            """");

        Assert.Equal(new object[] { 1L, 2L, 3L }, (TomlArray)doc["integers"]);
        Assert.Equal(new object[] { "red", "yellow", "green" }, (TomlArray)doc["colors"]);
        var nested = (TomlArray)doc["nested_arrays_of_ints"];
        Assert.Equal(new object[] { 1L, 2L }, (TomlArray)nested[0]);
        Assert.Equal(new object[] { 3L, 4L, 5L }, (TomlArray)nested[1]);
        var mixed = (TomlArray)doc["nested_mixed_array"];
        Assert.Equal(new object[] { 1L, 2L }, (TomlArray)mixed[0]);
        Assert.Equal(new object[] { "a", "b", "c" }, (TomlArray)mixed[1]);
        Assert.Equal(new object[] { "all", "strings", "are the same", "type" }, (TomlArray)doc["string_array"]);
        Assert.Equal(new object[] { 0.1, 0.2, 0.5, 1L, 2L, 5L }, (TomlArray)doc["numbers"]);
        var contributors = (TomlArray)doc["contributors"];
        Assert.Equal(2, contributors.Count);
        Assert.Equal("Foo Bar <foo@example.com>", contributors[0]);
        var baz = Assert.IsType<TomlTable>(contributors[1]);
        Keys(baz, "name", "email", "url");
        Assert.Equal("Baz Qux", baz["name"]);
        Assert.Equal("bazqux@example.com", baz["email"]);
        Assert.Equal("https://example.com/bazqux", baz["url"]);
    }

    [Fact]
    public void Arrays_span_lines_and_allow_a_trailing_comma()
    {
        var doc = Parse("""
            integers2 = [
              1, 2, 3
            ]

            integers3 = [
              1,
              2, # this is ok
            ]
            """);

        Assert.Equal(new object[] { 1L, 2L, 3L }, (TomlArray)doc["integers2"]);
        Assert.Equal(new object[] { 1L, 2L }, (TomlArray)doc["integers3"]);
        Assert.False(((TomlArray)doc["integers3"]).IsArrayOfTables);
    }

    [Fact]
    public void Empty_arrays()
    {
        Assert.Empty((TomlArray)Parse("a = []\nb = [ # nothing\n]")["a"]);
    }

    [Theory]
    [InlineData("a = [,]", 1, "before ','")]
    [InlineData("a = [1,,2]", 1, "before ','")]
    [InlineData("a = [1 2]", 1, "Expected ',' or ']'")]
    [InlineData("a = [1, 2", 1, "The array is not closed")]
    [InlineData("a = [1,\n2,\n", 1, "The array is not closed")]
    public void Malformed_arrays_are_invalid(string document, int line, string message)
    {
        Invalid(document, line, message);
    }

    [Fact]
    public void Empty_table()
    {
        var doc = Parse("[table]");
        Assert.Empty(Table(doc, "table"));
    }

    [Fact]
    public void Tables_hold_the_pairs_below_their_header()
    {
        var doc = Parse("""
            [table-1]
            key1 = "some string"
            key2 = 123

            [table-2]
            key1 = "another string"
            key2 = 456
            """);

        Keys(doc, "table-1", "table-2");
        Assert.Equal("some string", Table(doc, "table-1")["key1"]);
        Assert.Equal(123L, Table(doc, "table-1")["key2"]);
        Assert.Equal("another string", Table(doc, "table-2")["key1"]);
        Assert.Equal(456L, Table(doc, "table-2")["key2"]);
    }

    [Fact]
    public void Table_names_follow_key_rules()
    {
        var doc = Parse("""
            [dog."tater.man"]
            type.name = "pug"
            """);

        Assert.Equal("pug", Table(doc, "dog", "tater.man", "type")["name"]);
    }

    [Fact]
    public void Whitespace_around_header_keys_is_ignored()
    {
        var doc = Parse("""
            [a.b.c]            # this is best practice
            [ d.e.f ]          # same as [d.e.f]
            [ g .  h  . i ]    # same as [g.h.i]
            [ j . "ʞ" . 'l' ]  # same as [j."ʞ".'l']
            """);

        Keys(doc, "a", "d", "g", "j");
        Assert.Empty(Table(doc, "a", "b", "c"));
        Assert.Empty(Table(doc, "d", "e", "f"));
        Assert.Empty(Table(doc, "g", "h", "i"));
        Assert.Empty(Table(doc, "j", "ʞ", "l"));
    }

    [Fact]
    public void Super_tables_need_not_be_declared_and_may_be_defined_afterwards()
    {
        var doc = Parse("""
            # [x] you
            # [x.y] don't
            # [x.y.z] need these
            [x.y.z.w] # for this to work

            [x] # defining a super-table afterward is ok
            """);

        Assert.Empty(Table(doc, "x", "y", "z", "w"));
    }

    [Fact]
    public void Top_level_table_ends_at_the_first_header()
    {
        var doc = Parse("""
            # Top-level table begins.
            name = "Fido"
            breed = "pug"

            # Top-level table ends.
            [owner]
            name = "Regina Dogman"
            member_since = 1999-08-04
            """);

        Keys(doc, "name", "breed", "owner");
        Assert.Equal("Fido", doc["name"]);
        Assert.Equal("pug", doc["breed"]);
        Assert.Equal("Regina Dogman", Table(doc, "owner")["name"]);
        Assert.Equal(new DateOnly(1999, 8, 4), Table(doc, "owner")["member_since"]);
    }

    [Fact]
    public void Dotted_keys_create_tables()
    {
        var doc = Parse("""
            fruit.apple.color = "red"
            # Defines a table named fruit
            # Defines a table named fruit.apple

            fruit.apple.taste.sweet = true
            # Defines a table named fruit.apple.taste
            # fruit and fruit.apple were already created
            """);

        Assert.Equal("red", Table(doc, "fruit", "apple")["color"]);
        Assert.Equal(true, Table(doc, "fruit", "apple", "taste")["sweet"]);
    }

    [Fact]
    public void Defining_a_table_twice_is_invalid()
    {
        Invalid("""
            # DO NOT DO THIS

            [fruit]
            apple = "red"

            [fruit]
            orange = "orange"
            """, 6, "The table [fruit] is defined twice (first on line 3)");
    }

    [Fact]
    public void Defining_a_key_as_a_table_after_a_value_is_invalid()
    {
        Invalid("""
            # DO NOT DO THIS EITHER

            [fruit]
            apple = "red"

            [fruit.apple]
            texture = "smooth"
            """, 6, "[fruit.apple] conflicts with the key 'fruit.apple', which is already a string value");
    }

    [Fact]
    public void Tables_out_of_order_are_valid_but_discouraged()
    {
        var doc = Parse("""
            # VALID BUT DISCOURAGED
            [fruit.apple]
            [animal]
            [fruit.orange]
            """);

        Keys(doc, "fruit", "animal");
        Keys(Table(doc, "fruit"), "apple", "orange");
    }

    [Fact]
    public void Recommended_table_order()
    {
        var doc = Parse("""
            # RECOMMENDED
            [fruit.apple]
            [fruit.orange]
            [animal]
            """);

        Keys(doc, "fruit", "animal");
    }

    [Fact]
    public void Sub_tables_may_be_added_under_tables_created_by_dotted_keys()
    {
        var doc = Parse("""
            [fruit]
            apple.color = "red"
            apple.taste.sweet = true

            # [fruit.apple]  # INVALID
            # [fruit.apple.taste]  # INVALID

            [fruit.apple.texture]  # you can add sub-tables
            smooth = true
            """);

        var apple = Table(doc, "fruit", "apple");
        Keys(apple, "color", "taste", "texture");
        Assert.Equal(true, Table(apple, "taste")["sweet"]);
        Assert.Equal(true, Table(apple, "texture")["smooth"]);
    }

    [Fact]
    public void A_table_created_by_dotted_keys_cannot_be_defined_by_a_header()
    {
        const string prefix = """
            [fruit]
            apple.color = "red"
            apple.taste.sweet = true

            """;

        Invalid(prefix + "[fruit.apple]  # INVALID", 4, "[fruit.apple] was already created by dotted keys");
        Invalid(prefix + "[fruit.apple.taste]  # INVALID", 4, "[fruit.apple.taste] was already created by dotted keys");
    }

    [Fact]
    public void Inline_tables()
    {
        var doc = Parse("""
            name = { first = "Tom", last = "Preston-Werner" }
            point = { x = 1, y = 2 }
            animal = { type.name = "pug" }
            """);

        Keys(Table(doc, "name"), "first", "last");
        Assert.Equal("Tom", Table(doc, "name")["first"]);
        Assert.Equal("Preston-Werner", Table(doc, "name")["last"]);
        Assert.Equal(1L, Table(doc, "point")["x"]);
        Assert.Equal(2L, Table(doc, "point")["y"]);
        Assert.Equal("pug", Table(doc, "animal", "type")["name"]);
        Assert.True(Table(doc, "animal", "type").IsInline);
    }

    [Fact]
    public void Inline_tables_equal_their_standard_table_form()
    {
        var inline = Parse("""
            name = { first = "Tom", last = "Preston-Werner" }
            point = { x = 1, y = 2 }
            animal = { type.name = "pug" }
            """);
        var standard = Parse("""
            [name]
            first = "Tom"
            last = "Preston-Werner"

            [point]
            x = 1
            y = 2

            [animal]
            type.name = "pug"
            """);

        Assert.Equal(Flatten(standard), Flatten(inline));
    }

    private static List<string> Flatten(TomlTable table, string prefix = "") =>
        table.SelectMany(e => e.Value is TomlTable sub
            ? Flatten(sub, prefix + e.Key + ".")
            : [prefix + e.Key + "=" + e.Value]).ToList();

    [Fact]
    public void Inline_tables_are_the_same_as_standard_tables()
    {
        var inline = Parse("""
            [product]
            type = { name = "Nail" }
            """);
        var standard = Parse("""
            [product]
            type.name = "Nail"
            """);

        Assert.Equal("Nail", Table(inline, "product", "type")["name"]);
        Assert.Equal("Nail", Table(standard, "product", "type")["name"]);
    }

    [Fact]
    public void Inline_tables_cannot_be_extended_by_dotted_keys()
    {
        Invalid("""
            [product]
            type = { name = "Nail" }
            type.edible = false  # INVALID
            """, 3, "adds to 'type', which is an inline table");
    }

    [Fact]
    public void Inline_tables_cannot_redefine_a_table_created_by_dotted_keys()
    {
        Invalid("""
            [product]
            type.name = "Nail"
            type = { edible = false }  # INVALID
            """, 3, "'type' is defined twice");
    }

    [Fact]
    public void Inline_tables_cannot_be_extended_by_headers()
    {
        Invalid("a = { b = 1 }\n[a.c]", 2, "[a.c] adds to 'a', which is an inline table");
        Invalid("a = { b = 1 }\n[a]", 2, "already defined as an inline table");
        Invalid("a = { b = { c = 1 } }\n[a.b]", 2, "adds to 'a', which is an inline table");
        Invalid("a = { b = 1 }\n[[a.c]]", 2, "adds to 'a', which is an inline table");
    }

    [Theory]
    [InlineData("a = { b = 1, }", 1, "trailing comma")]
    [InlineData("a = { b = 1\n}", 1, "must be written on one line")]
    [InlineData("a = {\nb = 1 }", 1, "must be written on one line")]
    [InlineData("a = { b = 1 # c\n}", 1, "must be written on one line")]
    [InlineData("a = { b = 1, b = 2 }", 1, "'b' is defined twice")]
    [InlineData("a = { b.c = 1, b = 2 }", 1, "'b' is defined twice")]
    [InlineData("a = { b = { c = 1 }, b.d = 2 }", 1, "adds to 'b', which is an inline table")]
    [InlineData("a = { b = 1 c = 2 }", 1, "Expected ',' or '}'")]
    [InlineData("a = { , }", 1, "cannot appear in a bare key")]
    public void Malformed_inline_tables_are_invalid(string document, int line, string message)
    {
        Invalid(document, line, message);
    }

    [Fact]
    public void Inline_tables_may_contain_multi_line_arrays()
    {
        var doc = Parse("a = { b = [\n1,\n2 ] }");
        Assert.Equal(new object[] { 1L, 2L }, (TomlArray)Table(doc, "a")["b"]);
    }

    [Fact]
    public void Arrays_of_tables()
    {
        var doc = Parse("""
            [[products]]
            name = "Hammer"
            sku = 738594937

            [[products]]  # empty table within the array

            [[products]]
            name = "Nail"
            sku = 284758393

            color = "gray"
            """);

        var products = Assert.IsType<TomlArray>(doc["products"]);
        Assert.True(products.IsArrayOfTables);
        Assert.Equal(3, products.Count);
        var hammer = (TomlTable)products[0];
        Keys(hammer, "name", "sku");
        Assert.Equal("Hammer", hammer["name"]);
        Assert.Equal(738594937L, hammer["sku"]);
        Assert.Empty((TomlTable)products[1]);
        var nail = (TomlTable)products[2];
        Keys(nail, "name", "sku", "color");
        Assert.Equal("Nail", nail["name"]);
        Assert.Equal(284758393L, nail["sku"]);
        Assert.Equal("gray", nail["color"]);
    }

    [Fact]
    public void Nested_arrays_of_tables_and_sub_tables_belong_to_the_last_element()
    {
        var doc = Parse("""
            [[fruits]]
            name = "apple"

            [fruits.physical]  # subtable
            color = "red"
            shape = "round"

            [[fruits.varieties]]  # nested array of tables
            name = "red delicious"

            [[fruits.varieties]]
            name = "granny smith"


            [[fruits]]
            name = "banana"

            [[fruits.varieties]]
            name = "plantain"
            """);

        var fruits = (TomlArray)doc["fruits"];
        Assert.Equal(2, fruits.Count);
        var apple = (TomlTable)fruits[0];
        Keys(apple, "name", "physical", "varieties");
        Assert.Equal("apple", apple["name"]);
        Assert.Equal("red", Table(apple, "physical")["color"]);
        Assert.Equal("round", Table(apple, "physical")["shape"]);
        var appleVarieties = (TomlArray)apple["varieties"];
        Assert.Equal(["red delicious", "granny smith"], appleVarieties.Select(v => ((TomlTable)v)["name"]));
        var banana = (TomlTable)fruits[1];
        Keys(banana, "name", "varieties");
        Assert.Equal("banana", banana["name"]);
        Assert.Equal(["plantain"], ((TomlArray)banana["varieties"]).Select(v => ((TomlTable)v)["name"]));
    }

    [Fact]
    public void A_sub_table_defined_before_its_parent_array_is_invalid()
    {
        Invalid("""
            # INVALID TOML DOC
            [fruit.physical]  # subtable, but to which parent element should it belong?
            color = "red"
            shape = "round"

            [[fruit]]  # parser must throw an error upon discovering that "fruit" is
                       # an array rather than a table
            name = "apple"
            """, 6, "[[fruit]] conflicts with the table 'fruit'");
    }

    [Fact]
    public void A_static_array_cannot_be_appended_to()
    {
        Invalid("""
            # INVALID TOML DOC
            fruits = []

            [[fruits]] # Not allowed
            """, 4, "static array");
    }

    [Fact]
    public void A_table_conflicting_with_an_array_of_tables_is_invalid()
    {
        const string doc = """
            # INVALID TOML DOC
            [[fruits]]
            name = "apple"

            [[fruits.varieties]]
            name = "red delicious"

            # INVALID: This table conflicts with the previous array of tables
            [fruits.varieties]
            name = "granny smith"

            [fruits.physical]
            color = "red"
            shape = "round"

            # INVALID: This array of tables conflicts with the previous table
            [[fruits.physical]]
            color = "green"
            """;

        Invalid(doc, 9, "[fruits.varieties] conflicts with the array of tables [[fruits.varieties]]");
        var withoutFirstError = doc.Replace("[fruits.varieties]\nname = \"granny smith\"", "[[fruits.varieties]]\nname = \"granny smith\"", StringComparison.Ordinal);
        Invalid(withoutFirstError, 17, "[[fruits.physical]] conflicts with the table 'fruits.physical'");
    }

    [Fact]
    public void Arrays_of_inline_tables()
    {
        var doc = Parse("""
            points = [ { x = 1, y = 2, z = 3 },
                       { x = 7, y = 8, z = 9 },
                       { x = 2, y = 4, z = 8 } ]
            """);

        var points = (TomlArray)doc["points"];
        Assert.False(points.IsArrayOfTables);
        Assert.Equal(
            [[1L, 2L, 3L], [7L, 8L, 9L], [2L, 4L, 8L]],
            points.Select(p => ((TomlTable)p).Values.ToArray()).ToArray());
    }

    [Theory]
    [InlineData("[]", 1, "needs a name")]
    [InlineData("[a", 1, "is not closed with ']'")]
    [InlineData("[[a]", 1, "is not closed with ']]'")]
    [InlineData("[[a] ]", 1, "is not closed with ']]'")]
    [InlineData("[a]]", 1, "Expected the end of the line")]
    [InlineData("[a] b = 1", 1, "Expected the end of the line")]
    [InlineData("[a.]", 1, "cannot appear in a bare key")]
    [InlineData("[a b]", 1, "is not closed with ']'")]
    [InlineData("a = 1\n[a]", 2, "which is already an integer value")]
    [InlineData("a = 1\n[a.b]", 2, "goes through 'a', which is already an integer value")]
    [InlineData("a = [1]\n[a.b]", 2, "static array")]
    [InlineData("[a]\nb = 1\n[a]", 3, "defined twice")]
    [InlineData("[a.b]\n[a]\n[a]", 3, "defined twice")]
    [InlineData("[[a]]\n[a]", 2, "conflicts with the array of tables")]
    [InlineData("[a]\n[[a]]", 2, "conflicts with the table 'a'")]
    [InlineData("a.b = 1\n[a]", 2, "already created by dotted keys")]
    [InlineData("[a.b.c]\nz = 9\n[a]\nb.c.t = 1", 4, "adds to the table [a.b.c], which was created by a [header]")]
    [InlineData("[a.b.c.d]\nz = 9\n[a]\nb.c.d.k.t = 1", 4, "adds to the table [a.b.c.d], which was created by a [header]")]
    [InlineData("[a.b.c]\n[a]\nb.d = 1\n[a.b]", 4, "[a.b] was already created by dotted keys")]
    [InlineData("[t1]\nt2.t3.v = 0\n[t1.t2.t3]", 3, "[t1.t2.t3] was already created by dotted keys")]
    [InlineData("[a]\nb.c = 1\n[a.b.d]\n[a]\nb.e = 2", 4, "defined twice")]
    public void Malformed_tables_are_invalid(string document, int line, string message)
    {
        Invalid(document, line, message);
    }
}
