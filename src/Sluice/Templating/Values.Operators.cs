using System.Text;

namespace Sluice.Templating;

internal static partial class Values
{
    private static TemplateException Unsupported(string op, object? a, object? b)
    {
        if (a is Undefined ua)
        {
            return ua.Fail();
        }

        if (b is Undefined ub)
        {
            return ub.Fail();
        }

        return new TemplateException($"unsupported operand type(s) for {op}: '{TypeName(a)}' and '{TypeName(b)}'.");
    }

    private static TemplateException Overflow(string op) =>
        new($"Integer overflow in '{op}' (Sluice integers are 64-bit).");

    public static object? Add(object? a, object? b)
    {
        if (TryInteger(a, out var la) && TryInteger(b, out var lb))
        {
            try
            {
                return checked(la + lb);
            }
            catch (OverflowException)
            {
                throw Overflow("+");
            }
        }

        if (TryNumber(a, out var da) && TryNumber(b, out var db))
        {
            return da + db;
        }

        if (a is string sa && b is string sb)
        {
            return sa + sb;
        }

        if (a is object?[] ta && b is object?[] tb)
        {
            return (object?[])[.. ta, .. tb];
        }

        if (a is IList<object?> xa && b is IList<object?> xb && a is not object?[] && b is not object?[])
        {
            return new List<object?>([.. xa, .. xb]);
        }

        throw Unsupported("+", a, b);
    }

    public static object? Subtract(object? a, object? b)
    {
        if (TryInteger(a, out var la) && TryInteger(b, out var lb))
        {
            try
            {
                return checked(la - lb);
            }
            catch (OverflowException)
            {
                throw Overflow("-");
            }
        }

        if (TryNumber(a, out var da) && TryNumber(b, out var db))
        {
            return da - db;
        }

        throw Unsupported("-", a, b);
    }

    public static object? Multiply(object? a, object? b)
    {
        if (TryInteger(a, out var la) && TryInteger(b, out var lb))
        {
            try
            {
                return checked(la * lb);
            }
            catch (OverflowException)
            {
                throw Overflow("*");
            }
        }

        if (TryNumber(a, out var da) && TryNumber(b, out var db))
        {
            return da * db;
        }

        // Sequence repetition; bool counts as an int, as in Python.
        if (TryInteger(a, out var times) && (b is string || b is IList<object?>))
        {
            (a, b) = (b, a);
            la = times;
        }
        else if (!TryInteger(b, out la))
        {
            throw Unsupported("*", a, b);
        }

        switch (a)
        {
            case string s:
                var sb = new StringBuilder();
                for (var i = 0; i < la; i++)
                {
                    sb.Append(s);
                }

                return sb.ToString();
            case IList<object?> list:
                var result = new List<object?>();
                for (var i = 0; i < la; i++)
                {
                    result.AddRange(list);
                }

                return a is object?[] ? result.ToArray() : result;
            default:
                throw Unsupported("*", a, b);
        }
    }

    public static object? Divide(object? a, object? b)
    {
        if (TryNumber(a, out var da) && TryNumber(b, out var db))
        {
            return db == 0 ? throw new TemplateException("division by zero.") : da / db;
        }

        throw Unsupported("/", a, b);
    }

    public static object? FloorDivide(object? a, object? b)
    {
        if (TryInteger(a, out var la) && TryInteger(b, out var lb))
        {
            if (lb == 0)
            {
                throw new TemplateException("integer division or modulo by zero.");
            }

            var q = la / lb;
            return (la % lb != 0 && (la < 0) != (lb < 0)) ? q - 1 : q;
        }

        if (TryNumber(a, out var da) && TryNumber(b, out var db))
        {
            return db == 0 ? throw new TemplateException("float floor division by zero.") : Math.Floor(da / db);
        }

        throw Unsupported("//", a, b);
    }

    public static object? Modulo(object? a, object? b)
    {
        if (a is string format)
        {
            return PyFormat.Percent(format, b);
        }

        if (TryInteger(a, out var la) && TryInteger(b, out var lb))
        {
            if (lb == 0)
            {
                throw new TemplateException("integer division or modulo by zero.");
            }

            var r = la % lb;
            return r != 0 && (r < 0) != (lb < 0) ? r + lb : r;
        }

        if (TryNumber(a, out var da) && TryNumber(b, out var db))
        {
            if (db == 0)
            {
                throw new TemplateException("float modulo.");
            }

            return da - (db * Math.Floor(da / db));
        }

        throw Unsupported("%", a, b);
    }

    public static object? Power(object? a, object? b)
    {
        if (TryInteger(a, out var la) && TryInteger(b, out var lb) && lb >= 0)
        {
            if (la is 0 or 1 || lb == 0)
            {
                return lb == 0 ? 1L : la;
            }

            if (la == -1)
            {
                return lb % 2 == 0 ? 1L : -1L;
            }

            try
            {
                long result = 1;
                for (var i = 0L; i < lb; i++)
                {
                    result = checked(result * la);
                }

                return result;
            }
            catch (OverflowException)
            {
                throw Overflow("**");
            }
        }

        if (TryNumber(a, out var da) && TryNumber(b, out var db))
        {
            return Math.Pow(da, db);
        }

        throw Unsupported("**", a, b);
    }

    public static object? Negate(object? a)
    {
        if (TryInteger(a, out var l))
        {
            return -l;
        }

        if (TryFloat(a, out var d))
        {
            return -d;
        }

        throw a is Undefined u ? u.Fail() : new TemplateException($"bad operand type for unary -: '{TypeName(a)}'.");
    }

    public static object? Plus(object? a)
    {
        if (TryInteger(a, out var l))
        {
            return l;
        }

        if (TryFloat(a, out var d))
        {
            return d;
        }

        throw a is Undefined u ? u.Fail() : new TemplateException($"bad operand type for unary +: '{TypeName(a)}'.");
    }
}
