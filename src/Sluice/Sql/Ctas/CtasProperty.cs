namespace Sluice.Sql.Ctas;

/// <summary>One <c>key = value</c> of a CTAS <c>WITH (...)</c>, as written; <see cref="KeyPosition"/> is where errors
/// about it are reported.</summary>
public sealed record CtasProperty(string Key, PropertyValue Value, SqlPosition KeyPosition);
