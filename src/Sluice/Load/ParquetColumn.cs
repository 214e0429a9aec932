using Sluice.Schema;

namespace Sluice.Load;

/// <summary>One column of a Parquet file: its name and Sluice type (see docs/loading.md for the physical types).</summary>
public sealed record ParquetColumn(string Name, DataType Type);
