namespace Sluice.Sql.Ctas;

/// <summary>
/// A CTAS property value. <see cref="Value"/> is the decoded string, the number text, <c>true</c>/<c>false</c>, or
/// the source text for arrays and other expressions; <see cref="Elements"/> holds array elements.
/// </summary>
public sealed record PropertyValue(PropertyValueKind Kind, string Value, IReadOnlyList<PropertyValue> Elements, SqlSpan Source);
