using System.Text;
using System.Text.RegularExpressions;

namespace Sluice.Local;

/// <summary>Hive's SHOW ... LIKE patterns: <c>*</c> matches any characters, <c>|</c> separates alternatives; case-insensitive.</summary>
internal static class HivePattern
{
    public static bool Matches(string? pattern, string name)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return true;
        }

        var alternatives = pattern.Split('|').Select(p => "^" + Regex.Escape(p.Trim()).Replace("\\*", ".*", StringComparison.Ordinal) + "$");
        var regex = new StringBuilder(string.Join("|", alternatives));
        return Regex.IsMatch(name, regex.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
