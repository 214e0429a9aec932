namespace Sluice.Sql.Ast;

/// <summary><c>ROW FORMAT DELIMITED ...</c>; each value is the decoded string (<c>'\001'</c> is U+0001).</summary>
public sealed record DelimitedRowFormat(
    string? FieldsTerminatedBy,
    string? EscapedBy,
    string? CollectionItemsTerminatedBy,
    string? MapKeysTerminatedBy,
    string? LinesTerminatedBy,
    string? NullDefinedAs) : RowFormat;
