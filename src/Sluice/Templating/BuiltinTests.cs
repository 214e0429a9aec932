namespace Sluice.Templating;

/// <summary>Jinja2's built-in tests (<c>is defined</c>, <c>is none</c>, <c>is divisibleby 3</c>, ...).</summary>
internal static class BuiltinTests
{
    public static Dictionary<string, JinjaTest> Create(JinjaEnvironment env)
    {
        _ = env;
        var tests = new Dictionary<string, JinjaTest>(StringComparer.Ordinal);

        void Add(JinjaTest test, params string[] names)
        {
            foreach (var name in names)
            {
                tests[name] = test;
            }
        }

        void Compare(string op, params string[] names) =>
            Add((v, a) => CompareExpr.Compare(op, v, a.Get(0, "other")), names);

        Add((v, _) => v is not Undefined, "defined");
        Add((v, _) => v is Undefined, "undefined");
        Add((v, _) => v is null, "none");
        Add((v, _) => v is bool, "boolean");
        Add((v, _) => v is true, "true");
        Add((v, _) => v is false, "false");
        // Python's numbers.Number includes bool.
        Add((v, _) => Values.IsNumber(v), "number");
        Add((v, _) => Values.TryInteger(v, out long _) && v is not bool, "integer");
        Add((v, _) => Values.TryFloat(v, out double _), "float");
        Add((v, _) => v is string, "string");
        Add((v, _) => v is IDictionary<string, object?>, "mapping");
        Add((v, _) => v is string or IDictionary<string, object?> or IList<object?>, "sequence");
        // Jinja's Undefined is iterable (as empty); strict mode fails when it is used.
        Add((v, _) => v is string or System.Collections.IEnumerable || (v is Undefined u && (u.IsStrict ? throw u.Fail() : true)), "iterable");
        Add((v, _) => v is IJinjaCallable, "callable");
        // value % 2 as in Python, so floats work too (3.0 is odd).
        Add((v, _) => Values.Equals(Values.Modulo(Number(v, "odd"), 2L), 1L), "odd");
        Add((v, _) => Values.Equals(Values.Modulo(Number(v, "even"), 2L), 0L), "even");
        Add((v, a) => Values.Modulo(v, a.Get(0, "num")) is var r && Values.Equals(r, 0L), "divisibleby");
        // str(value).islower() / isupper(), as in Jinja.
        Add((v, a) => Values.Str(v) is var s && s.Any(char.IsLetter) && s.ToLowerInvariant() == s, "lower");
        Add((v, a) => Values.Str(v) is var s && s.Any(char.IsLetter) && s.ToUpperInvariant() == s, "upper");
        Add((v, a) => ReferenceEquals(v, a.Get(0, "other")) || (v is null or bool && Values.Equals(v, a.Get(0, "other")) && v?.GetType() == a.Get(0, "other")?.GetType()), "sameas");
        Add((v, a) => Values.Contains(a.Get(0, "seq"), v), "in");
        Add((v, a) => v is Undefined ? false : env.Filters.ContainsKey(Values.Str(v)), "filter");
        Add((v, a) => v is Undefined ? false : env.Tests.ContainsKey(Values.Str(v)), "test");
        Compare("==", "eq", "equalto", "==");
        Compare("!=", "ne", "!=");
        Compare("<", "lt", "lessthan", "<");
        Compare("<=", "le", "<=");
        Compare(">", "gt", "greaterthan", ">");
        Compare(">=", "ge", ">=");
        return tests;
    }

    private static object? Number(object? v, string test) =>
        Values.IsNumber(v) ? v : throw (v is Undefined u ? u.Fail() : new TemplateException($"'{test}' test needs a number, not {Values.TypeName(v)}."));
}
