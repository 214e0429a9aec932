using System.Globalization;
using System.Text.RegularExpressions;
using Sluice.Sql.Ast;

namespace Sluice.Sql.Ctas;

/// <summary>Parses elements of the CTAS <c>partitioning</c> array: <c>'cat'</c>, <c>'month(ts)'</c>, <c>'bucket(id, 16)'</c>.</summary>
internal static partial class PartitionTransformParser
{
    [GeneratedRegex("""^\s*(?:(?<fn>[A-Za-z]+)\s*\(\s*(?<col>[A-Za-z_][A-Za-z0-9_]*|"(?:[^"]|"")+")\s*(?:,\s*(?<n>[0-9]+)\s*)?\)|(?<col>[A-Za-z_][A-Za-z0-9_]*|"(?:[^"]|"")+"))\s*$""")]
    private static partial Regex Element();

    /// <summary>The transform, or null when <paramref name="text"/> is not one (the caller reports Trino's
    /// <c>Unable to parse partitioning value</c>). The column comes first: <c>bucket(id, 16)</c>.</summary>
    public static PartitionTransform? ParseCtas(string text)
    {
        var match = Element().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var column = match.Groups["col"].Value;
        column = column.StartsWith('"') ? column[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : column;
        if (!match.Groups["fn"].Success)
        {
            return new PartitionTransform(PartitionTransformKind.Identity, column);
        }

        var hasNumber = match.Groups["n"].Success;
        int? argument = hasNumber && int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var kind = match.Groups["fn"].Value.ToLowerInvariant() switch
        {
            "year" when !hasNumber => PartitionTransformKind.Year,
            "month" when !hasNumber => PartitionTransformKind.Month,
            "day" when !hasNumber => PartitionTransformKind.Day,
            "hour" when !hasNumber => PartitionTransformKind.Hour,
            "bucket" when argument > 0 => PartitionTransformKind.Bucket,
            "truncate" when argument > 0 => PartitionTransformKind.Truncate,
            _ => (PartitionTransformKind?)null,
        };
        return kind is { } k ? new PartitionTransform(k, column, argument) : null;
    }
}
