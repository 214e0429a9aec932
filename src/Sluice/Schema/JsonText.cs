namespace Sluice.Schema;

/// <summary>A nested value kept whole as JSON text (a <see cref="DataType.Json"/> value).</summary>
public readonly record struct JsonText(string Json)
{
    public override string ToString() => Json;
}
