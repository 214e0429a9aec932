using System.Globalization;

namespace Sluice.Sql.Types;

/// <summary><c>decimal(p,s)</c>, 1 ≤ p ≤ 38, 0 ≤ s ≤ p (checked by the parsers).</summary>
public sealed record DecimalType(int Precision, int Scale) : SqlType
{
    /// <inheritdoc/>
    public override string ToHiveString() => string.Create(CultureInfo.InvariantCulture, $"decimal({Precision},{Scale})");

    /// <inheritdoc/>
    public override string ToTrinoString() => ToHiveString();
}
