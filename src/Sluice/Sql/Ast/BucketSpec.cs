namespace Sluice.Sql.Ast;

/// <summary><c>CLUSTERED BY (c, ...) INTO n BUCKETS</c>.</summary>
public sealed record BucketSpec(IReadOnlyList<string> Columns, int BucketCount);
