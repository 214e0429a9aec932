namespace Sluice.DuckDb;

/// <summary>A STRUCT field or UNION member: its name and type.</summary>
public sealed record DuckDbField(string Name, DuckDbColumnType Type);
