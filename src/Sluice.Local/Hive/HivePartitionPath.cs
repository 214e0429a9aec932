using System.Text;

namespace Sluice.Local.Hive;

/// <summary>Hive's partition folder names: <c>k=v</c>, with Hive's escaping of special characters.</summary>
internal static class HivePartitionPath
{
    /// <summary>The folder Hive and Athena use for a NULL or empty partition value.</summary>
    public const string DefaultPartitionName = "__HIVE_DEFAULT_PARTITION__";

    // Hive's FileUtils.escapePathName escapes these (plus control characters) as %XX.
    private const string Escaped = "\"#%'*/:=?\\\u007f{[]^";

    public static string Folder(IReadOnlyList<string> keys, IReadOnlyList<string> values) =>
        string.Join('/', keys.Select((k, i) => Escape(k) + "=" + Escape(values[i])));

    public static string Escape(string value)
    {
        if (value.Length == 0)
        {
            return DefaultPartitionName;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c < ' ' || Escaped.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Unescape(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length &&
                int.TryParse(value.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                i += 2;
            }
            else
            {
                builder.Append(value[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Parses <c>k1=v1/k2=v2</c> relative to a table location, when it names exactly these keys in order.</summary>
    public static IReadOnlyList<string>? TryParse(string relativeFolder, IReadOnlyList<string> keys)
    {
        var parts = relativeFolder.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != keys.Count)
        {
            return null;
        }

        var values = new string[keys.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !string.Equals(Unescape(parts[i][..eq]), keys[i], StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            values[i] = Unescape(parts[i][(eq + 1)..]);
        }

        return values;
    }
}
