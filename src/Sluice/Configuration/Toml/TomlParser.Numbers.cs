using System.Globalization;

namespace Sluice.Configuration.Toml;

internal sealed partial class TomlParser
{
    /// <summary>
    /// Parses an integer (decimal with optional sign; 0x, 0o, 0b without sign) or a float. Underscores must sit
    /// between two digits; decimal integer parts have no leading zeros; integers must fit in 64 signed bits.
    /// </summary>
    private object ParseNumber(string token, int start)
    {
        if (token.Length > 1 && token[0] == '0' && token[1] is 'x' or 'o' or 'b')
        {
            return ParseRadixInteger(token, start);
        }

        var i = 0;
        var negative = false;
        if (token[0] is '+' or '-')
        {
            negative = token[0] == '-';
            i = 1;
            if (token.Length > 2 && token[1] == '0' && token[2] is 'x' or 'o' or 'b')
            {
                throw ErrorAt(start, $"{Show(token)}: hexadecimal, octal and binary integers cannot have a sign. Remove the '{token[0]}' or write the number in decimal.");
            }
        }

        var intStart = i;
        while (i < token.Length && (char.IsAsciiDigit(token[i]) || token[i] == '_'))
        {
            i++;
        }

        var intPart = token[intStart..i];
        if (intPart.Length == 0)
        {
            throw ErrorAt(start, $"{Show(token)} is not a valid number: a sign must be followed by digits, e.g. -17 or +1.5.");
        }

        CheckDigits(token, intPart, start, "integer part");
        var digitsOnly = intPart.Replace("_", string.Empty, StringComparison.Ordinal);
        if (digitsOnly.Length > 1 && digitsOnly[0] == '0')
        {
            throw ErrorAt(start, $"{Show(token)} has a leading zero, which TOML does not allow in decimal numbers. Write {(_sensitive ? "the number without it" : digitsOnly.TrimStart('0').PadLeft(1, '0'))}; for octal use the 0o prefix.");
        }

        var isFloat = false;
        var fraction = string.Empty;
        if (i < token.Length && token[i] == '.')
        {
            isFloat = true;
            var fracStart = ++i;
            while (i < token.Length && (char.IsAsciiDigit(token[i]) || token[i] == '_'))
            {
                i++;
            }

            fraction = token[fracStart..i];
            CheckDigits(token, fraction, start, "fraction (digits after '.')");
        }

        var exponent = string.Empty;
        var exponentSign = string.Empty;
        if (i < token.Length && token[i] is 'e' or 'E')
        {
            isFloat = true;
            i++;
            if (i < token.Length && token[i] is '+' or '-')
            {
                exponentSign = token[i].ToString();
                i++;
            }

            var expStart = i;
            while (i < token.Length && (char.IsAsciiDigit(token[i]) || token[i] == '_'))
            {
                i++;
            }

            exponent = token[expStart..i];
            CheckDigits(token, exponent, start, "exponent");
        }

        if (i < token.Length)
        {
            throw ErrorAt(start, $"{Show(token)} is not a valid number or date. Integers look like 42, -17, 1_000 or 0xFF; floats like 3.14, -0.01, 5e+22 or inf; dates like 1979-05-27. Strings must be quoted.");
        }

        var sign = negative ? "-" : string.Empty;
        if (isFloat)
        {
            var text = sign + digitsOnly
                + (fraction.Length > 0 ? "." + fraction.Replace("_", string.Empty, StringComparison.Ordinal) : string.Empty)
                + (exponent.Length > 0 ? "e" + exponentSign + exponent.Replace("_", string.Empty, StringComparison.Ordinal) : string.Empty);
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (!long.TryParse(sign + digitsOnly, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw ErrorAt(start, $"{Show(token)} is outside the 64-bit integer range (-9223372036854775808 to 9223372036854775807). Use a float or a string for larger numbers.");
        }

        return value;
    }

    /// <summary>Checks a run of digits and underscores: non-empty, and every underscore between two digits.</summary>
    private void CheckDigits(string token, string digits, int start, string what)
    {
        if (digits.Length == 0)
        {
            throw ErrorAt(start, $"{Show(token)} is missing digits in its {what}. Floats need digits on both sides of '.', e.g. 0.5 or 5.0, and an exponent needs digits, e.g. 1e6.");
        }

        if (digits[0] == '_' || digits[^1] == '_' || digits.Contains("__", StringComparison.Ordinal))
        {
            throw ErrorAt(start, $"{Show(token)} has a misplaced underscore in its {what}: each underscore must be between two digits, e.g. 1_000.");
        }
    }

    private long ParseRadixInteger(string token, int start)
    {
        var (radix, name, valid) = token[1] switch
        {
            'x' => (16, "hexadecimal", "0123456789abcdefABCDEF"),
            'o' => (8, "octal", "01234567"),
            _ => (2, "binary", "01"),
        };
        var digits = token[2..];
        if (digits.Length == 0 || digits.AsSpan().IndexOfAnyExcept(valid + "_") >= 0)
        {
            throw ErrorAt(start, $"{Show(token)} is not a valid {name} integer: after '{token[..2]}' use only the digits {valid[..Math.Min(valid.Length, 16)]} (and '_' between digits). Prefixes are lowercase.");
        }

        CheckDigits(token, digits, start, $"{name} digits");
        ulong value = 0;
        foreach (var c in digits)
        {
            if (c == '_')
            {
                continue;
            }

            var digit = (ulong)Convert.ToInt32(c.ToString(), 16);
            if (value > (ulong.MaxValue - digit) / (ulong)radix)
            {
                value = ulong.MaxValue;
                break;
            }

            value = (value * (ulong)radix) + digit;
        }

        if (value > long.MaxValue)
        {
            throw ErrorAt(start, $"{Show(token)} is outside the 64-bit signed integer range (the largest is 0x7FFFFFFFFFFFFFFF). Use a float or a string for larger numbers.");
        }

        return (long)value;
    }
}
