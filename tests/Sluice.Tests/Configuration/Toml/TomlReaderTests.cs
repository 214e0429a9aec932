using System.Text;
using Sluice.Configuration.Toml;
using Sluice.Errors;
using static Sluice.Tests.Configuration.Toml.TomlAssert;

namespace Sluice.Tests.Configuration.Toml;

/// <summary>Reader behaviour beyond the spec examples: positions, encodings, ordering, secrets in errors.</summary>
public class TomlReaderTests
{
    [Fact]
    public void Keys_keep_document_order()
    {
        var doc = Parse("z = 1\na = 2\nm.y = 3\nm.b = 4\n[k]\n[c]");
        Keys(doc, "z", "a", "m", "k", "c");
        Keys(Table(doc, "m"), "y", "b");
    }

    [Fact]
    public void Crlf_line_endings_and_a_missing_final_newline_are_accepted()
    {
        var doc = Parse("a = 1\r\n# c\r\n[t]\r\nb = \"x\"");
        Assert.Equal(1L, doc["a"]);
        Assert.Equal("x", Table(doc, "t")["b"]);
    }

    [Fact]
    public void Lone_carriage_return_is_invalid()
    {
        Invalid("a = 1\rb = 2", 1, "carriage return");
    }

    [Fact]
    public void Empty_and_comment_only_documents_are_empty_tables()
    {
        Assert.Empty(Parse(string.Empty));
        Assert.Empty(Parse("# only a comment\n\n   \t\n"));
    }

    [Fact]
    public void Line_and_column_point_at_the_offending_character()
    {
        var ex = Invalid("a = 1\nb = 2\n  c = 01", 3, "leading zero");
        Assert.Equal(7, ex.Column);
        Assert.Equal("test.toml:3:7: " + ex.Reason, ex.Message);
    }

    [Fact]
    public void Byte_order_mark_is_ignored()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("a = \"é\"")).ToArray();
        Assert.Equal("é", TomlReader.Parse(bytes)["a"]);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_with_its_position()
    {
        byte[] bytes = [.. "a = 1\nb = \""u8, 0xC3, 0x28, .. "\""u8];
        var ex = Assert.Throws<TomlException>(() => TomlReader.Parse(bytes, "bad.toml"));
        Assert.Equal(2, ex.Line);
        Assert.Contains("not valid UTF-8", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.toml:2:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sensitive_documents_never_quote_their_text_in_errors()
    {
        var open = Assert.Throws<TomlException>(() => TomlReader.Parse("password = hunter2", "test.toml"));
        Assert.Contains("hunter2", open.Message, StringComparison.Ordinal);

        foreach (var document in new[] { "password = hunter2", "password = 12hunter2", "password = \"hunter2\\q\"", "token = 2024-13-45T99", "hunter2", "hunter2 x", "a = { hunter2 }", "a = \"x\"hunter2", "a = [1 hunter2]", "[hunter2", "[[hunter2]" })
        {
            var ex = Assert.Throws<TomlException>(() => TomlReader.Parse(document, "secrets.toml", sensitive: true));
            Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("2024-13", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("\\q", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("'h'", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Toml_errors_are_configuration_errors_and_not_transient()
    {
        var ex = Assert.Throws<TomlException>(() => TomlReader.Parse("a ="));
        Assert.IsAssignableFrom<ConfigurationException>(ex);
        Assert.IsAssignableFrom<SluiceException>(ex);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public void Multi_line_strings_cannot_be_keys()
    {
        Invalid("\"\"\"key\"\"\" = 1", 1, "multi-line string cannot be a key");
    }

    [Fact]
    public void Non_ascii_bare_keys_are_invalid()
    {
        Invalid("ключ = 1", 1, "cannot appear in a bare key", "Quote the key");
    }

    [Fact]
    public void Key_without_equals_is_invalid()
    {
        Invalid("a\nb = 1", 1, "Expected '=' after the key 'a'");
        Invalid("a b = 1", 1, "Expected '=' after the key 'a'");
    }

    [Fact]
    public void Dotted_keys_with_quoted_parts_and_whitespace()
    {
        var doc = Parse("a . \"b.c\" . 'd' = 1");
        Assert.Equal(1L, Table(doc, "a", "b.c")["d"]);
    }

    [Fact]
    public void Headers_may_reopen_dotted_sub_tables_only_below_them()
    {
        var doc = Parse("a.b.c = 1\n[a.b.d]\ne = 2");
        Assert.Equal(1L, Table(doc, "a", "b")["c"]);
        Assert.Equal(2L, Table(doc, "a", "b", "d")["e"]);
    }

    [Fact]
    public void Dotted_keys_may_define_a_table_only_implied_by_a_header()
    {
        var doc = Parse("[a.b.c]\nz = 9\n[a]\nb.d = 1");
        Keys(Table(doc, "a", "b"), "c", "d");
        Assert.Equal(1L, Table(doc, "a", "b")["d"]);
    }

    [Fact]
    public void Sub_tables_of_arrays_of_tables_start_fresh_in_each_element()
    {
        var doc = Parse("[[a]]\n[[a.b]]\n[a.b.c]\nd = 0\n[[a.b]]\n[a.b.c]\nd = 1\n[[a]]\n[a.x]\n[fruit]\napple.color = 'red'\n[[fruit.apple.seeds]]\nsize = 2");
        var b = (TomlArray)((TomlTable)((TomlArray)doc["a"])[0])["b"];
        Assert.Equal(0L, Table((TomlTable)b[0], "c")["d"]);
        Assert.Equal(1L, Table((TomlTable)b[1], "c")["d"]);
        Assert.Empty(Table((TomlTable)((TomlArray)doc["a"])[1], "x"));
        Assert.Equal(2L, ((TomlTable)((TomlArray)Table(doc, "fruit", "apple")["seeds"])[0])["size"]);
    }

    [Fact]
    public void Tables_inside_arrays_of_inline_tables_are_immutable()
    {
        Invalid("a = [{ b = 1 }]\n[a.c]", 2, "static array");
        Invalid("a = [{ b = 1 }]\n[[a]]", 2, "static array");
    }

    [Fact]
    public void Read_file_uses_the_path_as_the_source_name()
    {
        var path = Path.Combine(Path.GetTempPath(), "sluice-toml-" + Guid.NewGuid().ToString("N") + ".toml");
        File.WriteAllText(path, "ok = true\nbad = ");
        try
        {
            var ex = Assert.Throws<TomlException>(() => TomlReader.ReadFile(path));
            Assert.Equal(path, ex.SourceName);
            Assert.StartsWith(path + ":2:7: ", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        Assert.Single((TomlArray)Parse("a = " + new string('[', 128) + new string(']', 128))["a"]);
        Invalid("a = " + new string('[', 100_000), 1, "nested more than 128 levels");
        Invalid("a = " + string.Concat(Enumerable.Repeat("{ b = ", 200)), 1, "nested more than 128 levels");
    }

    [Fact]
    public void Typed_try_get_value()
    {
        var doc = Parse("a = 1\nb = 'x'");
        Assert.True(doc.TryGetValue<long>("a", out var a));
        Assert.Equal(1L, a);
        Assert.False(doc.TryGetValue<long>("b", out _));
        Assert.False(doc.TryGetValue<long>("missing", out _));
    }
}
