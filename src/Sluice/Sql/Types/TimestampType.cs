using System.Globalization;

namespace Sluice.Sql.Types;

/// <summary>
/// <c>timestamp[(p)] [with time zone]</c>. <see cref="Precision"/> null is the unparameterised spelling (Hive's only
/// form; a Hive table stores milliseconds, an Iceberg table microseconds, athena.md §5).
/// </summary>
public sealed record TimestampType(int? Precision, bool WithTimeZone) : SqlType
{
    /// <summary>Plain <c>timestamp</c>.</summary>
    public static TimestampType Plain { get; } = new(null, false);

    /// <inheritdoc/>
    public override string ToHiveString()
    {
        if (WithTimeZone)
        {
            throw new SqlException(SqlErrorNames.NotSupported, $"Unsupported Hive type: {ToTrinoString()}");
        }

        // Glue and Hive have one timestamp spelling; the precision comes from the table format.
        return "timestamp";
    }

    /// <inheritdoc/>
    public override string ToTrinoString()
    {
        var text = Precision is { } p ? string.Create(CultureInfo.InvariantCulture, $"timestamp({p})") : "timestamp";
        return WithTimeZone ? text + " with time zone" : text;
    }
}
