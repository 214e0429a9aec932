using System.Globalization;
using System.Text.Json;
using Sluice.Configuration.Toml;
using Sluice.Errors;

namespace Sluice.Configuration;

public sealed partial class SluiceConfiguration
{
    /// <summary>A required string; numbers, booleans and dates are rendered in their TOML form.</summary>
    /// <exception cref="ConfigurationException">Missing, or an array or table.</exception>
    public string GetString(ConfigKey key, params ConfigKey[] alternatives) => Convert<string>(Require(key, alternatives), ToStringValue);

    /// <summary>A required string by dotted path.</summary>
    public string GetString(string dottedPath) => GetString(ConfigKey.Parse(dottedPath));

    /// <summary>An optional string: null when no provider has it.</summary>
    public string? GetOptionalString(ConfigKey key, params ConfigKey[] alternatives) =>
        Find(key, alternatives) is { } value ? Convert<string>(value, ToStringValue) : null;

    /// <summary>An optional string by dotted path.</summary>
    public string? GetOptionalString(string dottedPath) => GetOptionalString(ConfigKey.Parse(dottedPath));

    /// <summary>A required 32-bit integer: a TOML integer or a string of decimal digits (environment variables).</summary>
    public int GetInt32(ConfigKey key, params ConfigKey[] alternatives) => Convert<int>(Require(key, alternatives), ToInt32);

    /// <summary>A required 32-bit integer by dotted path.</summary>
    public int GetInt32(string dottedPath) => GetInt32(ConfigKey.Parse(dottedPath));

    /// <summary>An optional 32-bit integer.</summary>
    public int? GetOptionalInt32(ConfigKey key, params ConfigKey[] alternatives) =>
        Find(key, alternatives) is { } value ? Convert<int>(value, ToInt32) : null;

    /// <summary>An optional 32-bit integer by dotted path.</summary>
    public int? GetOptionalInt32(string dottedPath) => GetOptionalInt32(ConfigKey.Parse(dottedPath));

    /// <summary>A required 64-bit integer.</summary>
    public long GetInt64(ConfigKey key, params ConfigKey[] alternatives) => Convert<long>(Require(key, alternatives), ToInt64);

    /// <summary>An optional 64-bit integer.</summary>
    public long? GetOptionalInt64(ConfigKey key, params ConfigKey[] alternatives) =>
        Find(key, alternatives) is { } value ? Convert<long>(value, ToInt64) : null;

    /// <summary>
    /// A required boolean: a TOML boolean, or (as dlt accepts, e.g. <c>force_iceberg = "True"</c>) one of the strings
    /// true/false, yes/no, on/off, 1/0 in any case, or the integers 1 and 0.
    /// </summary>
    public bool GetBoolean(ConfigKey key, params ConfigKey[] alternatives) => Convert<bool>(Require(key, alternatives), ToBoolean);

    /// <summary>A required boolean by dotted path.</summary>
    public bool GetBoolean(string dottedPath) => GetBoolean(ConfigKey.Parse(dottedPath));

    /// <summary>An optional boolean.</summary>
    public bool? GetOptionalBoolean(ConfigKey key, params ConfigKey[] alternatives) =>
        Find(key, alternatives) is { } value ? Convert<bool>(value, ToBoolean) : null;

    /// <summary>An optional boolean by dotted path.</summary>
    public bool? GetOptionalBoolean(string dottedPath) => GetOptionalBoolean(ConfigKey.Parse(dottedPath));

    /// <summary>
    /// A required list of strings: a TOML array of scalars, or a JSON array in a string (how list values are written in
    /// environment variables: <c>["a", "b"]</c>).
    /// </summary>
    public IReadOnlyList<string> GetStringList(ConfigKey key, params ConfigKey[] alternatives) => Convert<IReadOnlyList<string>>(Require(key, alternatives), ToStringList);

    /// <summary>A required list of strings by dotted path.</summary>
    public IReadOnlyList<string> GetStringList(string dottedPath) => GetStringList(ConfigKey.Parse(dottedPath));

    /// <summary>An optional list of strings.</summary>
    public IReadOnlyList<string>? GetOptionalStringList(ConfigKey key, params ConfigKey[] alternatives) =>
        Find(key, alternatives) is { } value ? Convert<IReadOnlyList<string>>(value, ToStringList) : null;

    /// <summary>An optional list of strings by dotted path.</summary>
    public IReadOnlyList<string>? GetOptionalStringList(string dottedPath) => GetOptionalStringList(ConfigKey.Parse(dottedPath));

    private delegate bool Converter<T>(object raw, out T value, out string expected);

    private T Convert<T>(ConfigValue value, Converter<T> converter)
    {
        if (converter(value.Value, out var result, out var expected))
        {
            return result;
        }

        var shown = value.IsSecret ? "a secret value (not shown)" : ConfigValueFormatter.Format(value.Value);
        var kind = value.Value is TomlTable ? "a section (table)" : shown;
        throw new ConfigurationException(Redactor.Redact(
            $"The configuration value '{string.Join('.', value.Path)}' from {value.Location} is {kind}, which is not {expected}. "
            + $"Fix: set it to {expected} in {(value.Source == ConfigSource.Environment ? "that environment variable" : "that file")}."));
    }

    private static bool ToStringValue(object raw, out string value, out string expected)
    {
        expected = "a string, e.g. \"text\"";
        value = ConfigValueFormatter.ScalarText(raw)!;
        return value is not null;
    }

    private static bool ToInt64(object raw, out long value, out string expected)
    {
        expected = "an integer, e.g. 4";
        switch (raw)
        {
            case long l:
                value = l;
                return true;
            case string s:
                return long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
            default:
                value = 0;
                return false;
        }
    }

    private static bool ToInt32(object raw, out int value, out string expected)
    {
        var ok = ToInt64(raw, out var wide, out _);
        expected = "an integer between -2147483648 and 2147483647, e.g. 4";
        value = ok && wide is >= int.MinValue and <= int.MaxValue ? (int)wide : 0;
        return ok && wide is >= int.MinValue and <= int.MaxValue;
    }

    private static bool ToBoolean(object raw, out bool value, out string expected)
    {
        expected = "a boolean (true or false)";
        switch (raw)
        {
            case bool b:
                value = b;
                return true;
            case long l when l is 0 or 1:
                value = l == 1;
                return true;
            case string s:
                switch (s.Trim().ToLowerInvariant())
                {
                    case "true" or "yes" or "on" or "1":
                        value = true;
                        return true;
                    case "false" or "no" or "off" or "0":
                        value = false;
                        return true;
                }

                break;
        }

        value = false;
        return false;
    }

    private static bool ToStringList(object raw, out IReadOnlyList<string> value, out string expected)
    {
        expected = "a list of strings, e.g. [\"a\", \"b\"] (in an environment variable: the JSON array [\"a\",\"b\"])";
        value = [];
        switch (raw)
        {
            case TomlArray array:
                var items = new List<string>(array.Count);
                foreach (var item in array)
                {
                    if (ConfigValueFormatter.ScalarText(item) is not { } text)
                    {
                        return false;
                    }

                    items.Add(text);
                }

                value = items;
                return true;
            case string s when s.TrimStart().StartsWith('['):
                try
                {
                    using var json = JsonDocument.Parse(s);
                    if (json.RootElement.ValueKind != JsonValueKind.Array)
                    {
                        return false;
                    }

                    var parsed = new List<string>();
                    foreach (var element in json.RootElement.EnumerateArray())
                    {
                        switch (element.ValueKind)
                        {
                            case JsonValueKind.String:
                                parsed.Add(element.GetString()!);
                                break;
                            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                                parsed.Add(element.GetRawText());
                                break;
                            default:
                                return false;
                        }
                    }

                    value = parsed;
                    return true;
                }
                catch (JsonException)
                {
                    return false;
                }

            default:
                return false;
        }
    }
}
