namespace Sluice.Sql.Ast;

/// <summary><c>ROW FORMAT SERDE 'class' [WITH SERDEPROPERTIES (...)]</c>.</summary>
public sealed record SerDeRowFormat(string SerDeClass, IReadOnlyList<SqlProperty> Properties) : RowFormat;
