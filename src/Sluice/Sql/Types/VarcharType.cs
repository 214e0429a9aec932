using System.Globalization;

namespace Sluice.Sql.Types;

/// <summary>
/// A character string. <see cref="Length"/> null is unbounded: Hive <c>string</c>, Trino <c>varchar</c>; otherwise
/// <c>varchar(n)</c> (1 ≤ n ≤ 65535 in Hive DDL).
/// </summary>
public sealed record VarcharType(int? Length) : SqlType
{
    /// <summary>The unbounded string type.</summary>
    public static VarcharType Unbounded { get; } = new((int?)null);

    /// <inheritdoc/>
    public override string ToHiveString() =>
        Length is { } n ? string.Create(CultureInfo.InvariantCulture, $"varchar({n})") : "string";

    /// <inheritdoc/>
    public override string ToTrinoString() =>
        Length is { } n ? string.Create(CultureInfo.InvariantCulture, $"varchar({n})") : "varchar";
}
