using Sluice.Configuration.Toml;
using static Sluice.Tests.Configuration.Toml.TomlAssert;

namespace Sluice.Tests.Configuration.Toml;

/// <summary>The string examples of the TOML 1.0.0 specification.</summary>
public class TomlSpecStringTests
{
    [Fact]
    public void Basic_string_with_escapes()
    {
        var doc = Parse("""
            str = "I'm a string. \"You can quote me\". Name\tJos\u00E9\nLocation\tSF."
            """);

        Assert.Equal("I'm a string. \"You can quote me\". Name\tJos\u00E9\nLocation\tSF.", doc["str"]);
    }

    [Fact]
    public void Every_escape_sequence()
    {
        var doc = Parse("""
            s = "\b\t\n\f\r\"\\\u0041\U0001F600\u00e9"
            """);

        Assert.Equal("\b\t\n\f\r\"\\A\U0001F600\u00e9", doc["s"]);
    }

    [Fact]
    public void Multi_line_basic_string_trims_the_first_newline()
    {
        var doc = Parse(""""
            str1 = """
            Roses are red
            Violets are blue"""
            """");

        Assert.Equal("Roses are red\nViolets are blue", doc["str1"]);
    }

    [Fact]
    public void Multi_line_newlines_are_normalized_to_lf()
    {
        var unix = Parse("str = \"\"\"\nRoses are red\nViolets are blue\"\"\"");
        var windows = Parse("str = \"\"\"\r\nRoses are red\r\nViolets are blue\"\"\"\r\nlit = '''\r\na\r\nb'''");
        Assert.Equal(Parse("str2 = \"Roses are red\\nViolets are blue\"")["str2"], unix["str"]);
        Assert.Equal("Roses are red\nViolets are blue", windows["str"]);
        Assert.Equal("a\nb", windows["lit"]);

        // An escaped CR is kept: only the file's own line endings are normalized.
        Assert.Equal("Roses are red\r\nViolets are blue", Parse("str3 = \"Roses are red\\r\\nViolets are blue\"")["str3"]);
    }

    [Fact]
    public void Line_ending_backslash_trims_whitespace_and_newlines()
    {
        var doc = Parse(""""
            # The following strings are byte-for-byte equivalent:
            str1 = "The quick brown fox jumps over the lazy dog."

            str2 = """
            The quick brown \


              fox jumps over \
                the lazy dog."""

            str3 = """\
                   The quick brown \
                   fox jumps over \
                   the lazy dog.\
                   """
            """");

        Assert.Equal("The quick brown fox jumps over the lazy dog.", doc["str1"]);
        Assert.Equal(doc["str1"], doc["str2"]);
        Assert.Equal(doc["str1"], doc["str3"]);
    }

    [Fact]
    public void Line_ending_backslash_followed_by_trailing_whitespace()
    {
        var doc = Parse("s = \"\"\"a \\  \t\n   b\"\"\"");
        Assert.Equal("a b", doc["s"]);
    }

    [Fact]
    public void Quotes_inside_multi_line_basic_strings()
    {
        var doc = Parse("""""
            str4 = """Here are two quotation marks: "". Simple enough."""
            # str5 = """Here are three quotation marks: """."""  # INVALID
            str5 = """Here are three quotation marks: ""\"."""
            str6 = """Here are fifteen quotation marks: ""\"""\"""\"""\"""\"."""

            # "This," she said, "is just a pointless statement."
            str7 = """"This," she said, "is just a pointless statement.""""
            """"");

        Assert.Equal("Here are two quotation marks: \"\". Simple enough.", doc["str4"]);
        Assert.Equal("Here are three quotation marks: \"\"\".", doc["str5"]);
        Assert.Equal("Here are fifteen quotation marks: " + new string('"', 15) + ".", doc["str6"]);
        Assert.Equal("\"This,\" she said, \"is just a pointless statement.\"", doc["str7"]);
    }

    [Fact]
    public void Three_quotes_inside_a_multi_line_basic_string_are_invalid()
    {
        Invalid("""""
            str5 = """Here are three quotation marks: """."""  # INVALID
            """"", 1, "Expected the end of the line");
    }

    [Fact]
    public void Literal_strings_have_no_escapes()
    {
        var doc = Parse("""
            # What you see is what you get.
            winpath  = 'C:\Users\nodejs\templates'
            winpath2 = '\\ServerX\admin$\system32\'
            quoted   = 'Tom "Dubs" Preston-Werner'
            regex    = '<\i\c*\s*>'
            """);

        Assert.Equal(@"C:\Users\nodejs\templates", doc["winpath"]);
        Assert.Equal(@"\\ServerX\admin$\system32\", doc["winpath2"]);
        Assert.Equal("Tom \"Dubs\" Preston-Werner", doc["quoted"]);
        Assert.Equal(@"<\i\c*\s*>", doc["regex"]);
    }

    [Fact]
    public void Multi_line_literal_strings()
    {
        var doc = Parse("""
            regex2 = '''I [dw]on't need \d{2} apples'''
            lines  = '''
            The first newline is
            trimmed in raw strings.
               All other whitespace
               is preserved.
            '''
            """);

        Assert.Equal(@"I [dw]on't need \d{2} apples", doc["regex2"]);
        Assert.Equal("The first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n", doc["lines"]);
    }

    [Fact]
    public void Quotes_inside_multi_line_literal_strings()
    {
        // The spec's quot15 line holds a run of 15 quotes, longer than a C# raw string delimiter can enclose.
        var doc = Parse("quot15 = '''Here are fifteen quotation marks: " + new string('"', 15) + "'''\n" + """

            # apos15 = '''Here are fifteen apostrophes: ''''''''''''''''''  # INVALID
            apos15 = "Here are fifteen apostrophes: '''''''''''''''"

            # 'That,' she said, 'is still pointless.'
            str = ''''That,' she said, 'is still pointless.''''
            """);

        Assert.Equal("Here are fifteen quotation marks: " + new string('"', 15), doc["quot15"]);
        Assert.Equal("Here are fifteen apostrophes: " + new string('\'', 15), doc["apos15"]);
        Assert.Equal("'That,' she said, 'is still pointless.'", doc["str"]);
    }

    [Fact]
    public void Fifteen_apostrophes_in_a_multi_line_literal_string_are_invalid()
    {
        Invalid("apos15 = '''Here are fifteen apostrophes: ''''''''''''''''''  # INVALID", 1, "Too many ' characters");
    }

    [Theory]
    [InlineData("s = \"\\q\"", "The escape '\\q' is not valid")]
    [InlineData("s = \"\\e\"", "The escape '\\e' is not valid")]
    [InlineData("s = \"\\x41\"", "The escape '\\x' is not valid")]
    [InlineData("s = \"\\ \"", "The escape '\\ ' is not valid")]
    [InlineData("s = \"\\u12\"", "needs exactly 4 hexadecimal digits")]
    [InlineData("s = \"\\U0001F60\"", "needs exactly 8 hexadecimal digits")]
    [InlineData("s = \"\\uD800\"", "is not a Unicode scalar value")]
    [InlineData("s = \"\\U00110000\"", "is not a Unicode scalar value")]
    [InlineData("s = \"\"\"a \\ b\"\"\"", "The escape '\\ ' is not valid")]
    public void Invalid_escapes_are_rejected(string document, string message)
    {
        Invalid(document, 1, message);
    }

    [Theory]
    [InlineData("s = \"a\u0000b\"", "U+0000")]
    [InlineData("s = \"a\u0007b\"", "U+0007")]
    [InlineData("s = \"a\u007Fb\"", "U+007F")]
    [InlineData("s = 'a\u001Fb'", "U+001F")]
    [InlineData("s = \"\"\"a\u0008b\"\"\"", "U+0008")]
    [InlineData("s = '''a\u000Bb'''", "U+000B")]
    [InlineData("# comment \u0001", "U+0001")]
    public void Control_characters_are_rejected(string document, string codePoint)
    {
        Invalid(document, 1, "Control character " + codePoint);
    }

    [Fact]
    public void Tabs_are_allowed_in_strings_and_comments()
    {
        var doc = Parse("s = \"a\tb\" # tab\there\nl = 'c\td'");
        Assert.Equal("a\tb", doc["s"]);
        Assert.Equal("c\td", doc["l"]);
    }

    [Fact]
    public void Single_line_strings_cannot_span_lines()
    {
        Invalid("a = \"abc\ndef\"", 1, "not closed on this line");
        Invalid("a = 'abc\ndef'", 1, "not closed on this line");
    }

    [Fact]
    public void Unterminated_multi_line_string_reports_where_it_starts()
    {
        Invalid("a = 1\nb = \"\"\"abc\n\ndef", 2, "multi-line string is not closed");
    }

    [Fact]
    public void Lone_carriage_return_in_a_multi_line_string_is_invalid()
    {
        Invalid("a = \"\"\"x\ry\"\"\"", 1, "carriage return");
    }

    [Fact]
    public void Non_ascii_text_is_kept()
    {
        Assert.Equal("Ünïcødé 😀 ʎǝʞ", Parse("a = \"Ünïcødé 😀 ʎǝʞ\"")["a"]);
    }
}
