namespace Sluice.Sql.Types;

/// <summary>
/// A field of a <see cref="StructType"/>. <see cref="Name"/> is null only for Trino's anonymous <c>row(integer)</c>
/// fields; <see cref="Comment"/> comes from Hive's <c>struct&lt;a:int COMMENT 'x'&gt;</c> and is not part of the
/// rendered type (Glue drops it too).
/// </summary>
public sealed record StructField(string? Name, SqlType Type, string? Comment = null);
