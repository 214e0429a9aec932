using System.Globalization;
using System.Security.Cryptography;

namespace Sluice.Normalize;

/// <summary>
/// A job file name <c>&lt;table&gt;.&lt;file_id&gt;.&lt;retry&gt;.parquet</c>; the job id is the name without the retry
/// count. Table names contain no dots (snake case), so the parts split unambiguously.
/// </summary>
public sealed record JobFileName(string Table, string FileId, int Retry)
{
    public const string Extension = "parquet";

    public string JobId => Table + "." + FileId;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Table}.{FileId}.{Retry}.{Extension}");

    public static JobFileName New(string table) => new(table, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)), 0);

    public static JobFileName Parse(string fileName)
    {
        var parts = fileName.Split('.');
        if (parts.Length != 4 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var retry) || parts[3] != Extension)
        {
            throw new FormatException($"'{fileName}' is not a job file name (<table>.<file_id>.<retry>.parquet).");
        }

        return new JobFileName(parts[0], parts[1], retry);
    }
}
