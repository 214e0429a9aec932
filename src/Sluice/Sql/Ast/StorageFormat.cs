namespace Sluice.Sql.Ast;

/// <summary><c>STORED AS name</c> (<see cref="Format"/>) or <c>STORED AS INPUTFORMAT '..' OUTPUTFORMAT '..'</c>.</summary>
public sealed record StorageFormat(HiveFileFormat? Format, string? InputFormat = null, string? OutputFormat = null);
