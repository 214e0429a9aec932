using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Sluice.Errors;

namespace Sluice.Sources;

/// <summary>
/// Reads source files as strict UTF-8: invalid bytes fail with the file, line and byte offset instead of turning into
/// U+FFFD silently (which would store altered text).
/// </summary>
internal static class StrictUtf8
{
    private static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static StreamReader Open(string path) => new(path, Encoding, detectEncodingFromByteOrderMarks: true);

    public static string? ReadLine(StreamReader reader, string path)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (DecoderFallbackException)
        {
            throw Invalid(path);
        }
    }

    public static string ReadToEnd(StreamReader reader, string path)
    {
        try
        {
            return reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            throw Invalid(path);
        }
    }

    /// <summary>The error for a file with invalid UTF-8, locating the first bad byte (the file is scanned again, in chunks).</summary>
    public static LoadException Invalid(string path)
    {
        long line = 1;
        long offset = 0;
        using (var stream = File.OpenRead(path))
        {
            var buffer = new byte[1 << 16];
            var chars = new char[buffer.Length];
            var carried = 0;
            int read;
            while ((read = stream.Read(buffer, carried, buffer.Length - carried)) > 0 || carried > 0)
            {
                var length = carried + read;
                var status = Utf8.ToUtf16(buffer.AsSpan(0, length), chars, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: read == 0);
                line += buffer.AsSpan(0, consumed).Count((byte)'\n');
                offset += consumed;
                if (status == OperationStatus.InvalidData || read == 0)
                {
                    break;
                }

                carried = length - consumed;
                buffer.AsSpan(consumed, carried).CopyTo(buffer);
            }
        }

        return new LoadException(
            $"The file '{path}' is not valid UTF-8: line {line} has an invalid byte sequence (byte offset {offset}). Nothing was extracted. " +
            "Convert the file to UTF-8 (for example: iconv -f latin1 -t utf-8 in > out) and run again.");
    }
}
