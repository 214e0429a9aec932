using System.Globalization;
using Sluice.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sluice.Transform;

/// <summary>
/// Reads YAML into the values templates use: <see cref="OrderedDictionary{TKey,TValue}"/> for mappings,
/// <see cref="List{T}"/> for sequences, and typed plain scalars (YAML 1.2 core schema: null, bool, int, float, else string).
/// Quoted scalars stay strings.
/// </summary>
internal static class Yaml
{
    public static object? Load(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new CompileException("The YAML cannot be parsed: " + e.Message + " Fix the syntax at this place.", file, (int)e.Start.Line, (int)e.Start.Column, e);
        }

        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    public static OrderedDictionary<string, object?> LoadMapping(string path, string relativeName)
    {
        var value = Load(File.ReadAllText(path), relativeName);
        return value switch
        {
            null => new OrderedDictionary<string, object?>(StringComparer.Ordinal),
            OrderedDictionary<string, object?> map => map,
            _ => throw new CompileException("The file must hold a YAML mapping at the top level.", relativeName, 1, 1),
        };
    }

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMapping(map),
        YamlSequenceNode seq => seq.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => null,
    };

    private static OrderedDictionary<string, object?> ConvertMapping(YamlMappingNode map)
    {
        var result = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            result[key is YamlScalarNode k ? k.Value ?? string.Empty : key.ToString()] = Convert(value);
        }

        return result;
    }

    private static object? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return text;
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer;
        }

        if (text.Any(char.IsAsciiDigit) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return text;
    }
}
