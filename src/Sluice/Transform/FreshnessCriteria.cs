using System.Globalization;
using Sluice.Errors;

namespace Sluice.Transform;

/// <summary>
/// A source table's <c>freshness:</c> block: <c>warn_after</c> and <c>error_after</c> (each <c>{count, period}</c>) and an
/// optional <c>filter</c> (a SQL condition added as <c>WHERE</c> to the freshness query).
/// </summary>
public sealed record FreshnessCriteria(FreshnessThreshold? WarnAfter, FreshnessThreshold? ErrorAfter, string? Filter)
{
    /// <summary>
    /// dbt's precedence for a source table setting: the table's key (an explicit <c>null</c> counts), the table's
    /// <c>config:</c>, then the same on the source.
    /// </summary>
    internal static object? Setting(OrderedDictionary<string, object?> table, OrderedDictionary<string, object?> source, string key)
    {
        foreach (var level in new[] { table, source })
        {
            if (level.TryGetValue(key, out var value))
            {
                return value;
            }

            if (level.GetValueOrDefault("config") is OrderedDictionary<string, object?> config && config.TryGetValue(key, out var configured))
            {
                return configured;
            }
        }

        return null;
    }

    /// <summary>Reads a <c>freshness:</c> mapping; null (or a mapping with neither limit) means no freshness check.</summary>
    /// <exception cref="CompileException">A limit has no positive count or an unknown period.</exception>
    internal static FreshnessCriteria? Parse(object? value, string file, string owner)
    {
        if (value is null)
        {
            return null;
        }

        if (value is not OrderedDictionary<string, object?> map)
        {
            throw new CompileException($"The freshness of {owner} must be a mapping with warn_after and/or error_after, such as `freshness: {{warn_after: {{count: 12, period: hour}}}}`.", file);
        }

        var warn = Threshold(map.GetValueOrDefault("warn_after"), "warn_after", file, owner);
        var error = Threshold(map.GetValueOrDefault("error_after"), "error_after", file, owner);
        var filter = map.GetValueOrDefault("filter") as string;
        return warn is null && error is null ? null : new FreshnessCriteria(warn, error, string.IsNullOrWhiteSpace(filter) ? null : filter);
    }

    private static FreshnessThreshold? Threshold(object? value, string key, string file, string owner)
    {
        if (value is null)
        {
            return null;
        }

        if (value is not OrderedDictionary<string, object?> map)
        {
            throw new CompileException($"`{key}` of {owner} must be a mapping such as `{{count: 12, period: hour}}`.", file);
        }

        var count = map.GetValueOrDefault("count");
        var period = (map.GetValueOrDefault("period") as string)?.Trim().ToLowerInvariant();
        if (count is null && period is null)
        {
            return null;
        }

        if (count is not long n || n <= 0)
        {
            throw new CompileException(
                $"`{key}.count` of {owner} must be a positive whole number; got '{Convert.ToString(count, CultureInfo.InvariantCulture)}'.", file);
        }

        if (period is not ("minute" or "hour" or "day"))
        {
            throw new CompileException($"`{key}.period` of {owner} must be minute, hour or day; got '{period}'.", file);
        }

        return new FreshnessThreshold(n, period);
    }
}
