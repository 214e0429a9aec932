using System.Text;

namespace Sluice.Configuration.Toml;

/// <summary>
/// Reads TOML 1.0.0 documents (https://toml.io/en/v1.0.0) into <see cref="TomlTable"/> trees.
/// </summary>
/// <remarks>
/// The reader is strict: everything the specification calls invalid raises a <see cref="TomlException"/>
/// with the line and column of the offending character; nothing is silently repaired.
/// Deliberate limits, all reported as errors rather than approximated: a leap second (<c>:60</c>) cannot be
/// represented by .NET time types; offsets beyond ±14:00 cannot be represented by <see cref="DateTimeOffset"/>.
/// Fractional seconds beyond 100 ns (7 digits) are truncated, as the specification allows.
/// Newlines inside multi-line strings are normalized to LF (a CRLF in the file becomes \n).
/// </remarks>
public static class TomlReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses a TOML document.</summary>
    /// <param name="text">The document. A leading byte order mark is ignored.</param>
    /// <param name="sourceName">A file path or other name used in error messages.</param>
    /// <param name="sensitive">
    /// True for documents that hold secrets: error messages then never quote document text.
    /// </param>
    /// <exception cref="TomlException">The document is not valid TOML 1.0.0.</exception>
    public static TomlTable Parse(string text, string? sourceName = null, bool sensitive = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new TomlParser(text, sourceName, sensitive).ParseDocument();
    }

    /// <summary>Parses a UTF-8 encoded TOML document; invalid UTF-8 is an error, as the specification requires.</summary>
    /// <exception cref="TomlException">The bytes are not UTF-8 or the document is not valid TOML 1.0.0.</exception>
    public static TomlTable Parse(ReadOnlySpan<byte> utf8, string? sourceName = null, bool sensitive = false)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException ex)
        {
            var (line, column) = LocateByte(utf8, ex.Index);
            throw new TomlException(
                "The file is not valid UTF-8. TOML files must be UTF-8 encoded: re-save the file as UTF-8.",
                line,
                column,
                sourceName);
        }

        return Parse(text, sourceName, sensitive);
    }

    /// <summary>Reads and parses a UTF-8 TOML file. The path is used as the source name in errors.</summary>
    /// <exception cref="TomlException">The file is not valid UTF-8 TOML 1.0.0.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TomlTable ReadFile(string path, bool sensitive = false)
    {
        var bytes = File.ReadAllBytes(path);
        return Parse(bytes, path, sensitive);
    }

    private static (int Line, int Column) LocateByte(ReadOnlySpan<byte> utf8, int index)
    {
        index = Math.Clamp(index, 0, utf8.Length);
        var before = utf8[..index];
        var line = before.Count((byte)'\n') + 1;
        var lastNewline = before.LastIndexOf((byte)'\n');
        return (line, index - lastNewline);
    }
}
