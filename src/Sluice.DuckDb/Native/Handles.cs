using System.Runtime.InteropServices;

namespace Sluice.DuckDb.Native;

internal sealed class DatabaseHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        var h = handle;
        NativeMethods.duckdb_close(ref h);
        return true;
    }
}

internal sealed class ConnectionHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        var h = handle;
        NativeMethods.duckdb_disconnect(ref h);
        return true;
    }
}

internal sealed class PreparedStatementHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public PreparedStatementHandle(nint existing)
        : this() => SetHandle(existing);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        var h = handle;
        NativeMethods.duckdb_destroy_prepare(ref h);
        return true;
    }
}

internal sealed class ExtractedStatementsHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public ExtractedStatementsHandle(nint existing)
        : this() => SetHandle(existing);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        var h = handle;
        NativeMethods.duckdb_destroy_extracted(ref h);
        return true;
    }
}

internal sealed class AppenderHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public AppenderHandle(nint existing)
        : this() => SetHandle(existing);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        var h = handle;
        NativeMethods.duckdb_appender_destroy(ref h);
        return true;
    }
}

internal sealed class DataChunkHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public DataChunkHandle(nint existing)
        : this() => SetHandle(existing);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        var h = handle;
        NativeMethods.duckdb_destroy_data_chunk(ref h);
        return true;
    }
}

/// <summary>Owns a native duckdb_result block: allocated here, filled by DuckDB, destroyed by both.</summary>
internal sealed unsafe class ResultHandle : SafeHandle
{
    private ResultHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public DuckDbResultStruct* Pointer => (DuckDbResultStruct*)handle;

    public static ResultHandle Allocate()
    {
        var result = new ResultHandle();
        result.SetHandle((nint)NativeMemory.AllocZeroed((nuint)sizeof(DuckDbResultStruct)));
        return result;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.duckdb_destroy_result((DuckDbResultStruct*)handle);
        NativeMemory.Free((void*)handle);
        return true;
    }
}
