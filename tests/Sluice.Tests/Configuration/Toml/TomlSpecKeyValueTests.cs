using Sluice.Configuration.Toml;
using static Sluice.Tests.Configuration.Toml.TomlAssert;

namespace Sluice.Tests.Configuration.Toml;

/// <summary>The examples of the TOML 1.0.0 specification: introduction, comments, key/value pairs and keys.</summary>
public class TomlSpecKeyValueTests
{
    [Fact]
    public void Introduction_example_reads_every_value()
    {
        var doc = Parse("""
            # This is a TOML document

            title = "TOML Example"

            [owner]
            name = "Tom Preston-Werner"
            dob = 1979-05-27T07:32:00-08:00

            [database]
            enabled = true
            ports = [ 8000, 8001, 8002 ]
            data = [ ["delta", "phi"], [3.14] ]
            temp_targets = { cpu = 79.5, case = 72.0 }

            [servers]

            [servers.alpha]
            ip = "10.0.0.1"
            role = "frontend"

            [servers.beta]
            ip = "10.0.0.2"
            role = "backend"
            """);

        Keys(doc, "title", "owner", "database", "servers");
        Assert.Equal("TOML Example", doc["title"]);
        var owner = Table(doc, "owner");
        Assert.Equal("Tom Preston-Werner", owner["name"]);
        OffsetDateTime(owner["dob"], new DateTimeOffset(1979, 5, 27, 7, 32, 0, TimeSpan.FromHours(-8)));
        var database = Table(doc, "database");
        Assert.Equal(true, database["enabled"]);
        Assert.Equal(new object[] { 8000L, 8001L, 8002L }, (TomlArray)database["ports"]);
        var data = (TomlArray)database["data"];
        Assert.Equal(new object[] { "delta", "phi" }, (TomlArray)data[0]);
        Assert.Equal(new object[] { 3.14 }, (TomlArray)data[1]);
        var temps = Table(database, "temp_targets");
        Assert.True(temps.IsInline);
        Assert.Equal(79.5, temps["cpu"]);
        Assert.Equal(72.0, temps["case"]);
        var servers = Table(doc, "servers");
        Keys(servers, "alpha", "beta");
        Assert.Equal("10.0.0.1", Table(servers, "alpha")["ip"]);
        Assert.Equal("frontend", Table(servers, "alpha")["role"]);
        Assert.Equal("10.0.0.2", Table(servers, "beta")["ip"]);
        Assert.Equal("backend", Table(servers, "beta")["role"]);
    }

    [Fact]
    public void Comments_run_to_the_end_of_the_line_but_not_inside_strings()
    {
        var doc = Parse("""
            # This is a full-line comment
            key = "value"  # This is a comment at the end of a line
            another = "# This is not a comment"
            """);

        Keys(doc, "key", "another");
        Assert.Equal("value", doc["key"]);
        Assert.Equal("# This is not a comment", doc["another"]);
    }

    [Fact]
    public void Key_value_pair()
    {
        Assert.Equal("value", Parse("key = \"value\"")["key"]);
    }

    [Fact]
    public void Unspecified_value_is_invalid()
    {
        Invalid("key = # INVALID", 1, "Expected a value after '='");
    }

    [Fact]
    public void Two_pairs_on_one_line_are_invalid()
    {
        Invalid("first = \"Tom\" last = \"Preston-Werner\" # INVALID", 1, "Expected the end of the line", "own line");
    }

    [Fact]
    public void Bare_keys()
    {
        var doc = Parse("""
            key = "value"
            bare_key = "value"
            bare-key = "value"
            1234 = "value"
            """);

        Keys(doc, "key", "bare_key", "bare-key", "1234");
        Assert.All(doc.Values, v => Assert.Equal("value", v));
    }

    [Fact]
    public void Quoted_keys()
    {
        var doc = Parse("""
            "127.0.0.1" = "value"
            "character encoding" = "value"
            "ʎǝʞ" = "value"
            'key2' = "value"
            'quoted "value"' = "value"
            """);

        Keys(doc, "127.0.0.1", "character encoding", "ʎǝʞ", "key2", "quoted \"value\"");
    }

    [Fact]
    public void Empty_bare_key_is_invalid()
    {
        Invalid("= \"no key name\"  # INVALID", 1, "Expected a key before '='");
    }

    [Fact]
    public void Empty_quoted_keys_are_valid_but_discouraged()
    {
        Assert.Equal("blank", Parse("\"\" = \"blank\"     # VALID but discouraged")[""]);
        Assert.Equal("blank", Parse("'' = 'blank'     # VALID but discouraged")[""]);
    }

    [Fact]
    public void Dotted_keys_group_properties()
    {
        var doc = Parse("""
            name = "Orange"
            physical.color = "orange"
            physical.shape = "round"
            site."google.com" = true
            """);

        Keys(doc, "name", "physical", "site");
        Assert.Equal("Orange", doc["name"]);
        Assert.Equal("orange", Table(doc, "physical")["color"]);
        Assert.Equal("round", Table(doc, "physical")["shape"]);
        Assert.Equal(true, Table(doc, "site")["google.com"]);
    }

    [Fact]
    public void Whitespace_around_dots_is_ignored()
    {
        var doc = Parse("""
            fruit.name = "banana"     # this is best practice
            fruit. color = "yellow"    # same as fruit.color
            fruit . flavor = "banana"   # same as fruit.flavor
            """);

        var fruit = Table(doc, "fruit");
        Keys(fruit, "name", "color", "flavor");
        Assert.Equal("banana", fruit["name"]);
        Assert.Equal("yellow", fruit["color"]);
        Assert.Equal("banana", fruit["flavor"]);
    }

    [Fact]
    public void Defining_a_key_twice_is_invalid()
    {
        Invalid("""
            # DO NOT DO THIS
            name = "Tom"
            name = "Pradyun"
            """, 3, "'name' is defined twice");
    }

    [Fact]
    public void Bare_and_quoted_keys_are_the_same_key()
    {
        Invalid("""
            # THIS WILL NOT WORK
            spelling = "favorite"
            "spelling" = "favourite"
            """, 3, "'spelling' is defined twice");
    }

    [Fact]
    public void Dotted_keys_can_add_to_a_table_they_created()
    {
        var doc = Parse("""
            # This makes the key "fruit" into a table.
            fruit.apple.smooth = true

            # So then you can add to the table "fruit" like so:
            fruit.orange = 2
            """);

        var fruit = Table(doc, "fruit");
        Keys(fruit, "apple", "orange");
        Assert.Equal(true, Table(fruit, "apple")["smooth"]);
        Assert.Equal(2L, fruit["orange"]);
    }

    [Fact]
    public void An_integer_cannot_become_a_table()
    {
        Invalid("""
            # THE FOLLOWING IS INVALID

            # This defines the value of fruit.apple to be an integer.
            fruit.apple = 1

            # But then this treats fruit.apple like it's a table.
            # You can't turn an integer into a table.
            fruit.apple.smooth = true
            """, 8, "'fruit.apple'", "already an integer value");
    }

    [Fact]
    public void Out_of_order_dotted_keys_are_valid_but_discouraged()
    {
        var doc = Parse("""
            # VALID BUT DISCOURAGED

            apple.type = "fruit"
            orange.type = "fruit"

            apple.skin = "thin"
            orange.skin = "thick"

            apple.color = "red"
            orange.color = "orange"
            """);

        Keys(doc, "apple", "orange");
        Keys(Table(doc, "apple"), "type", "skin", "color");
        Assert.Equal("thin", Table(doc, "apple")["skin"]);
        Assert.Equal("orange", Table(doc, "orange")["color"]);
    }

    [Fact]
    public void Recommended_order_of_dotted_keys()
    {
        var doc = Parse("""
            # RECOMMENDED

            apple.type = "fruit"
            apple.skin = "thin"
            apple.color = "red"

            orange.type = "fruit"
            orange.skin = "thick"
            orange.color = "orange"
            """);

        Assert.Equal("red", Table(doc, "apple")["color"]);
        Assert.Equal("thick", Table(doc, "orange")["skin"]);
    }

    [Fact]
    public void A_float_looking_key_is_a_dotted_key()
    {
        var doc = Parse("3.14159 = \"pi\"");
        Assert.Equal("pi", Table(doc, "3")["14159"]);
    }
}
