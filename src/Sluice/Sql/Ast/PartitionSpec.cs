namespace Sluice.Sql.Ast;

/// <summary><c>PARTITION (k='v', ...)</c>, with the <c>LOCATION</c> that followed it in <c>ADD PARTITION</c>.</summary>
public sealed record PartitionSpec(IReadOnlyList<PartitionValue> Values, string? Location = null);
