using System.Globalization;
using System.Numerics;

namespace Sluice.DuckDb;

/// <summary>
/// An exact DECIMAL value of any DuckDB width (up to 38 digits): the unscaled integer and the scale. The reader
/// returns <see cref="decimal"/> for widths up to <see cref="MaxSystemDecimalPrecision"/> and this type above it, so
/// no digit is ever rounded away.
/// </summary>
public readonly record struct DuckDbDecimal(Int128 Unscaled, byte Scale) : IComparable<DuckDbDecimal>
{
    /// <summary>The widest DECIMAL whose every value fits <see cref="decimal"/> exactly.</summary>
    public const int MaxSystemDecimalPrecision = 28;

    /// <summary>Converts to <see cref="decimal"/>; fails with <see cref="OverflowException"/> when the value does not fit.</summary>
    public decimal ToDecimal()
    {
        var magnitude = Unscaled < 0 ? -(BigInteger)Unscaled : (BigInteger)Unscaled;
        if (magnitude > new BigInteger(decimal.MaxValue) || Scale > 28)
        {
            // Large scales can still fit once trailing digits are dropped, but only exactly: try the string route.
            if (decimal.TryParse(ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) &&
                string.Equals(Normalize(parsed.ToString(CultureInfo.InvariantCulture)), Normalize(ToString()), StringComparison.Ordinal))
            {
                return parsed;
            }

            throw new OverflowException($"The DECIMAL value {this} does not fit System.Decimal exactly; use DuckDbDecimal instead.");
        }

        var lo = (int)(uint)(magnitude & uint.MaxValue);
        var mid = (int)(uint)((magnitude >> 32) & uint.MaxValue);
        var hi = (int)(uint)((magnitude >> 64) & uint.MaxValue);
        return new decimal(lo, mid, hi, Unscaled < 0, Scale);
    }

    public static DuckDbDecimal FromDecimal(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        var negative = (bits[3] & int.MinValue) != 0;
        var scale = (byte)((bits[3] >> 16) & 0xFF);
        return new DuckDbDecimal(negative ? -magnitude : magnitude, scale);
    }

    /// <summary>The value rescaled to <paramref name="scale"/>; fails when digits would be lost.</summary>
    public DuckDbDecimal Rescale(byte scale)
    {
        if (scale == Scale)
        {
            return this;
        }

        if (scale > Scale)
        {
            return new DuckDbDecimal(Unscaled * Int128Pow10(scale - Scale), scale);
        }

        var divisor = Int128Pow10(Scale - scale);
        if (Unscaled % divisor != 0)
        {
            throw new OverflowException($"The value {this} has more than {scale} decimal places; round it first.");
        }

        return new DuckDbDecimal(Unscaled / divisor, scale);
    }

    internal static Int128 Int128Pow10(int exponent)
    {
        Int128 result = 1;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    public int CompareTo(DuckDbDecimal other)
    {
        var scale = Math.Max(Scale, other.Scale);
        return ((BigInteger)Unscaled * BigInteger.Pow(10, scale - Scale)).CompareTo((BigInteger)other.Unscaled * BigInteger.Pow(10, scale - other.Scale));
    }

    public override string ToString()
    {
        var digits = (Unscaled < 0 ? -(BigInteger)Unscaled : (BigInteger)Unscaled).ToString(CultureInfo.InvariantCulture);
        var sign = Unscaled < 0 ? "-" : string.Empty;
        if (Scale == 0)
        {
            return sign + digits;
        }

        digits = digits.PadLeft(Scale + 1, '0');
        return sign + digits[..^Scale] + "." + digits[^Scale..];
    }

    private static string Normalize(string text) =>
        text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
}
