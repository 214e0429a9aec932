using System.Collections;

namespace Sluice.Templating;

/// <summary>Converts host data into the value model templates work with.</summary>
public static class TemplateValue
{
    /// <summary>
    /// Deep-converts .NET data to template values: integer types to long, float and decimal to double, any dictionary with
    /// string keys to an insertion-ordered <c>OrderedDictionary&lt;string, object?&gt;</c>, other enumerables (not strings)
    /// to <c>List&lt;object?&gt;</c>. Strings, booleans, null, <see cref="IJinjaObject"/>, <see cref="IJinjaCallable"/> and
    /// <c>DateTime</c> and other scalars pass through unchanged. Containers are always copied, so the template's changes to
    /// them (<c>list.append</c>) do not reach the original; pass model containers directly when that is wanted.
    /// </summary>
    public static object? From(object? value)
    {
        switch (value)
        {
            case null or string or bool or long or double or Undefined or IJinjaObject or IJinjaCallable:
                return value;
            case object?[] tuple:
                return tuple.Select(From).ToArray();
            case IDictionary dictionary:
                var map = Values.NewDict();
                foreach (DictionaryEntry entry in dictionary)
                {
                    map[entry.Key as string ?? throw new ArgumentException($"Template dict keys must be strings; got {entry.Key.GetType().Name}.", nameof(value))] = From(entry.Value);
                }

                return map;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                var ordered = Values.NewDict();
                foreach (var (k, v) in pairs)
                {
                    ordered[k] = From(v);
                }

                return ordered;
            case IEnumerable enumerable when IsStringKeyed(value.GetType()):
                var converted = Values.NewDict();
                foreach (var pair in enumerable)
                {
                    var type = pair!.GetType();
                    converted[(string)type.GetProperty("Key")!.GetValue(pair)!] = From(type.GetProperty("Value")!.GetValue(pair));
                }

                return converted;
            case IEnumerable enumerable:
                return enumerable.Cast<object?>().Select(From).ToList();
            default:
                if (Values.TryInteger(value, out var l))
                {
                    return l;
                }

                if (Values.TryFloat(value, out var d))
                {
                    return d;
                }

                return value;
        }
    }

    private static bool IsStringKeyed(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType
            && (i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IDictionary<,>))
            && i.GetGenericArguments()[0] == typeof(string));
}
