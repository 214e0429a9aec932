namespace Sluice.Templating;

internal abstract class Expr(Location location) : Node(location)
{
    public abstract object? Eval(Frame frame);
}

internal sealed class ConstExpr(Location location, object? value) : Expr(location)
{
    public object? Value { get; } = value;

    public override object? Eval(Frame frame) => Value;
}

internal sealed class NameExpr(Location location, string name) : Expr(location)
{
    public string Name { get; } = name;

    public override object? Eval(Frame frame) => frame.Lookup(Name);
}

internal sealed class ListExpr(Location location, List<Expr> items) : Expr(location)
{
    public List<Expr> Items { get; } = items;

    public override object? Eval(Frame frame)
    {
        var list = new List<object?>(Items.Count);
        foreach (var item in Items)
        {
            list.Add(item.Eval(frame));
        }

        return list;
    }
}

internal sealed class TupleExpr(Location location, List<Expr> items) : Expr(location)
{
    public List<Expr> Items { get; } = items;

    public override object? Eval(Frame frame)
    {
        var tuple = new object?[Items.Count];
        for (var i = 0; i < tuple.Length; i++)
        {
            tuple[i] = Items[i].Eval(frame);
        }

        return tuple;
    }
}

internal sealed class DictExpr(Location location, List<(Expr Key, Expr Value)> pairs) : Expr(location)
{
    public override object? Eval(Frame frame)
    {
        var dict = Values.NewDict();
        foreach (var (keyExpr, valueExpr) in pairs)
        {
            var key = keyExpr.Eval(frame);
            dict[key as string ?? throw Locate(new TemplateException(
                $"Dict keys must be strings in Sluice templates; got {Values.TypeName(key)} {Values.Repr(key)}."))] = valueExpr.Eval(frame);
        }

        return dict;
    }
}

internal sealed class GetAttrExpr(Location location, Expr target, string name) : Expr(location)
{
    public Expr Target { get; } = target;

    public string Name { get; } = name;

    public override object? Eval(Frame frame)
    {
        var obj = Target.Eval(frame);
        try
        {
            return Access.GetAttr(frame.Env, obj, Name);
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }
    }
}

internal sealed class GetItemExpr(Location location, Expr target, Expr key) : Expr(location)
{
    public override object? Eval(Frame frame)
    {
        var obj = target.Eval(frame);
        var k = key.Eval(frame);
        try
        {
            return Access.GetItem(frame.Env, obj, k);
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }
    }
}

internal sealed class SliceExpr(Location location, Expr target, Expr? start, Expr? stop, Expr? step) : Expr(location)
{
    public override object? Eval(Frame frame)
    {
        var obj = target.Eval(frame);
        try
        {
            return Access.Slice(obj, start?.Eval(frame), stop?.Eval(frame), step?.Eval(frame));
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }
    }
}

/// <summary>Call arguments as written: positional, keyword, then optional <c>*args</c> and <c>**kwargs</c>.</summary>
internal sealed class CallArgs
{
    public static CallArgs None { get; } = new();

    public List<Expr> Positional { get; } = [];

    public List<(string Name, Expr Value)> Keyword { get; } = [];

    public Expr? Star { get; set; }

    public Expr? StarStar { get; set; }

    public bool IsEmpty => Positional.Count == 0 && Keyword.Count == 0 && Star is null && StarStar is null;

    /// <summary>Evaluates the arguments; <paramref name="extra"/> is one more keyword argument (the caller of a call block).</summary>
    public JinjaArguments Eval(Frame frame, (string, object?)? extra = null)
    {
        if (IsEmpty && extra is null)
        {
            return JinjaArguments.Empty;
        }

        var positional = new List<object?>(Positional.Count);

        foreach (var p in Positional)
        {
            positional.Add(p.Eval(frame));
        }

        if (Star is not null)
        {
            positional.AddRange(Values.Iterate(Star.Eval(frame)));
        }

        OrderedDictionary<string, object?>? keyword = null;
        void Add(string name, object? value)
        {
            keyword ??= new OrderedDictionary<string, object?>(StringComparer.Ordinal);
            if (!keyword.TryAdd(name, value))
            {
                throw new TemplateException($"got multiple values for keyword argument '{name}'.");
            }
        }

        foreach (var (name, value) in Keyword)
        {
            Add(name, value.Eval(frame));
        }

        if (StarStar is not null)
        {
            var map = StarStar.Eval(frame) as IDictionary<string, object?> ?? throw new TemplateException("argument after ** must be a mapping.");
            foreach (var (name, value) in map)
            {
                Add(name, value);
            }
        }

        if (extra is var (extraName, extraValue))
        {
            Add(extraName, extraValue);
        }

        return new JinjaArguments(positional, keyword);
    }
}

internal sealed class CallExpr(Location location, Expr target, CallArgs args) : Expr(location)
{
    public Expr Target { get; } = target;

    public CallArgs Args { get; } = args;

    public override object? Eval(Frame frame) => Invoke(frame, null);

    /// <summary>Evaluates the call; <paramref name="caller"/> is the body of a <c>{% call %}</c> block, passed as keyword <c>caller</c>.</summary>
    public object? Invoke(Frame frame, IJinjaCallable? caller)
    {
        var callee = Target.Eval(frame);
        try
        {
            var arguments = Args.Eval(frame, extra: caller is null ? null : ("caller", caller));
            return callee switch
            {
                IJinjaCallable c => c.Call(arguments),
                Undefined u => u.IsLenient ? u : throw u.Fail(),
                _ => throw new TemplateException($"'{Values.TypeName(callee)}' object is not callable."),
            };
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }
    }
}

internal sealed class FilterExpr(Location location, Expr? target, string name, CallArgs args) : Expr(location)
{
    public Expr? Target { get; } = target;

    public string Name { get; } = name;

    public override object? Eval(Frame frame) => Apply(frame, Target!.Eval(frame));

    public object? Apply(Frame frame, object? value)
    {
        try
        {
            if (!frame.Env.Filters.TryGetValue(Name, out var filter))
            {
                throw new TemplateException($"No filter named '{Name}'.");
            }

            return filter(value, args.Eval(frame));
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }
    }
}

internal sealed class TestExpr(Location location, Expr target, string name, CallArgs args, bool negated) : Expr(location)
{
    public override object? Eval(Frame frame)
    {
        var value = target.Eval(frame);
        try
        {
            if (!frame.Env.Tests.TryGetValue(name, out var test))
            {
                throw new TemplateException($"No test named '{name}'.");
            }

            return test(value, args.Eval(frame)) != negated;
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }
    }
}

internal sealed class NotExpr(Location location, Expr operand) : Expr(location)
{
    public override object? Eval(Frame frame)
    {
        var value = operand.Eval(frame);
        try
        {
            return !Values.Truthy(value);
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }
    }
}

internal sealed class AndExpr(Location location, Expr left, Expr right) : Expr(location)
{
    public override object? Eval(Frame frame)
    {
        var l = left.Eval(frame);
        return Values.Truthy(l) ? right.Eval(frame) : l;
    }
}

internal sealed class OrExpr(Location location, Expr left, Expr right) : Expr(location)
{
    public override object? Eval(Frame frame)
    {
        var l = left.Eval(frame);
        return Values.Truthy(l) ? l : right.Eval(frame);
    }
}

internal sealed class UnaryExpr(Location location, string op, Expr operand) : Expr(location)
{
    public override object? Eval(Frame frame)
    {
        var value = operand.Eval(frame);
        try
        {
            return op == "-" ? Values.Negate(value) : Values.Plus(value);
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }
    }
}

internal sealed class BinaryExpr(Location location, string op, Expr left, Expr right) : Expr(location)
{
    public override object? Eval(Frame frame)
    {
        var l = left.Eval(frame);
        var r = right.Eval(frame);
        try
        {
            return op switch
            {
                "+" => Values.Add(l, r),
                "-" => Values.Subtract(l, r),
                "*" => Values.Multiply(l, r),
                "/" => Values.Divide(l, r),
                "//" => Values.FloorDivide(l, r),
                "%" => Values.Modulo(l, r),
                "**" => Values.Power(l, r),
                _ => Values.Str(l) + Values.Str(r),
            };
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }
    }
}

internal sealed class CompareExpr(Location location, Expr first, List<(string Op, Expr Operand)> rest) : Expr(location)
{
    public override object? Eval(Frame frame)
    {
        var left = first.Eval(frame);
        try
        {
            foreach (var (op, operand) in rest)
            {
                var right = operand.Eval(frame);
                if (!Compare(op, left, right))
                {
                    return false;
                }

                left = right;
            }

            return true;
        }
        catch (Exception e) when (ShouldLocate(e))
        {
            throw Locate(e);
        }
    }

    internal static bool Compare(string op, object? left, object? right) => op switch
    {
        "==" => Values.Equals(left, right),
        "!=" => !Values.Equals(left, right),
        "<" => Values.Compare(left, right, op) < 0,
        "<=" => Values.Compare(left, right, op) <= 0,
        ">" => Values.Compare(left, right, op) > 0,
        ">=" => Values.Compare(left, right, op) >= 0,
        "in" => Values.Contains(right, left),
        _ => !Values.Contains(right, left),
    };
}

internal sealed class CondExpr(Location location, Expr test, Expr then, Expr? otherwise) : Expr(location)
{
    public override object? Eval(Frame frame)
    {
        if (Values.Truthy(test.Eval(frame)))
        {
            return then.Eval(frame);
        }

        return otherwise is null ? frame.Env.MakeUndefined("the inline if-expression evaluated to false and no else section was defined.") : otherwise.Eval(frame);
    }
}
