using System.Globalization;

namespace Sluice.Transform;

/// <summary>One freshness limit (<c>warn_after</c> or <c>error_after</c>): <c>count</c> of a <c>period</c> (minute, hour, day).</summary>
public sealed record FreshnessThreshold(long Count, string Period)
{
    public TimeSpan Span => Period switch
    {
        "minute" => TimeSpan.FromMinutes(Count),
        "hour" => TimeSpan.FromHours(Count),
        _ => TimeSpan.FromDays(Count),
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count} {Period}{(Count == 1 ? string.Empty : "s")}");
}
