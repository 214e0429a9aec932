using System.Globalization;
using Sluice.Configuration.Toml;

namespace Sluice.Configuration;

/// <summary>Renders configuration values for messages and dumps, TOML-like and culture-invariant.</summary>
internal static class ConfigValueFormatter
{
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => double.IsPositiveInfinity(d) ? "inf" : double.IsNegativeInfinity(d) ? "-inf" : double.IsNaN(d) ? "nan" : d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset dto => dto.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TomlArray a => "[" + string.Join(", ", a.Select(Format)) + "]",
        TomlTable t => "{ " + string.Join(", ", t.Select(e => e.Key + " = " + Format(e.Value))) + " }",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    /// <summary>Scalar text used when a value is read as a string or registered as a secret.</summary>
    public static string? ScalarText(object value) => value switch
    {
        string s => s,
        TomlArray or TomlTable => null,
        _ => Format(value),
    };
}
