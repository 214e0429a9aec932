namespace Sluice.Sql.Ast;

/// <summary>One <c>key=value</c> of a partition spec; the value is the decoded literal text (Glue stores strings).</summary>
public sealed record PartitionValue(string Column, string Value);
