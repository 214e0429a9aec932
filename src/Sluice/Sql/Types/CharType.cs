using System.Globalization;

namespace Sluice.Sql.Types;

/// <summary><c>char(n)</c>, 1 ≤ n ≤ 255 in Hive DDL.</summary>
public sealed record CharType(int Length) : SqlType
{
    /// <inheritdoc/>
    public override string ToHiveString() => string.Create(CultureInfo.InvariantCulture, $"char({Length})");

    /// <inheritdoc/>
    public override string ToTrinoString() => ToHiveString();
}
