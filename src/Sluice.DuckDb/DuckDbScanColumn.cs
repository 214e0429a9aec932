namespace Sluice.DuckDb;

/// <summary>One result column of a <see cref="DuckDbColumnScan"/>: its name, its DuckDB type and where its values come from.</summary>
public sealed record DuckDbScanColumn(string Name, DuckDbColumnType Type, IDuckDbColumnSource Source);
