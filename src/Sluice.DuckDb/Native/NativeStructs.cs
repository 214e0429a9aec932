using System.Runtime.InteropServices;

namespace Sluice.DuckDb.Native;

// Layouts follow duckdb.h (1.5). Sizes are checked by tests.

/// <summary>duckdb_result: six pointer-sized fields; only internal_data matters, the rest are deprecated.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbResultStruct
{
    public ulong DeprecatedColumnCount;
    public ulong DeprecatedRowCount;
    public ulong DeprecatedRowsChanged;
    public nint DeprecatedColumns;
    public nint DeprecatedErrorMessage;
    public nint InternalData;
}

/// <summary>duckdb_hugeint / duckdb_uhugeint: (lower, upper).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbHugeIntStruct
{
    public ulong Lower;
    public long Upper;
}

[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbUHugeIntStruct
{
    public ulong Lower;
    public ulong Upper;
}

/// <summary>duckdb_decimal: width, scale, then the unscaled value as a hugeint (8-byte aligned, 24 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbDecimalStruct
{
    public byte Width;
    public byte Scale;
    public DuckDbHugeIntStruct Value;
}

/// <summary>duckdb_interval.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbIntervalStruct
{
    public int Months;
    public int Days;
    public long Micros;
}

/// <summary>duckdb_list_entry.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DuckDbListEntry
{
    public ulong Offset;
    public ulong Length;
}

/// <summary>
/// duckdb_string_t: 16 bytes. A length of 12 or less is stored inline after the length; a longer one keeps a
/// 4-byte prefix and a pointer at offset 8.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct DuckDbStringT
{
    [FieldOffset(0)] public uint Length;
    [FieldOffset(8)] public nint Pointer;
}

internal enum DuckDbState
{
    Success = 0,
    Error = 1,
}

internal enum DuckDbResultType
{
    Invalid = 0,
    ChangedRows = 1,
    Nothing = 2,
    QueryResult = 3,
}
