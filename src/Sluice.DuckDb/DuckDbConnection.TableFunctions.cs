using System.Runtime.InteropServices;
using System.Text;
using Sluice.DuckDb.Native;
using Sluice.DuckDb.Vectors;

namespace Sluice.DuckDb;

public sealed partial class DuckDbConnection
{
    /// <summary>
    /// Registers the table function <c>name(id BIGINT)</c> in the database's catalog (visible to every connection of
    /// the database) and returns the object that tables are added to. A name that is already taken fails.
    /// </summary>
    public unsafe DuckDbColumnScanFunction RegisterColumnScanFunction(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        // DuckDB accepts a second table function of the same name and signature without an error (the new one would
        // silently shadow or be shadowed), so look first.
        using (var statement = Prepare("SELECT count(*) FROM duckdb_functions() WHERE function_name = $1"))
        {
            statement.Bind(1, name);
            // Read to the end: a streaming result left open keeps its transaction, and the registration below would
            // be rolled back with it.
            long existing = 0;
            using (var reader = statement.Query())
            {
                while (reader.Read())
                {
                    existing += reader.GetInt64(0);
                }
            }

            if (existing > 0)
            {
                throw new DuckDbException(
                    $"Cannot register the table function '{name}': a function of that name already exists in this database. Choose another name, or reuse the {nameof(DuckDbColumnScanFunction)} registered first.",
                    DuckDbErrorType.Catalog);
            }
        }

        var function = new DuckDbColumnScanFunction(name);
        var native = NativeMethods.duckdb_create_table_function();
        var state = GCHandle.Alloc(function);
        var stateOwnedByDuckDb = false;
        try
        {
            NativeMethods.duckdb_table_function_set_name(native, name);
            WithNativeType(DuckDbColumnType.BigInt, t => NativeMethods.duckdb_table_function_add_parameter(native, t));
            NativeMethods.duckdb_table_function_set_extra_info(native, GCHandle.ToIntPtr(state), &FreeState);
            stateOwnedByDuckDb = true;
            NativeMethods.duckdb_table_function_set_bind(native, &BindColumnScan);
            NativeMethods.duckdb_table_function_set_init(native, &InitColumnScan);
            NativeMethods.duckdb_table_function_set_function(native, &FillColumnScan);
            using var scope = Enter();
            if (NativeMethods.duckdb_register_table_function(Raw, native) != DuckDbState.Success)
            {
                throw new DuckDbException(
                    $"DuckDB refused to register the table function '{name}(BIGINT)': a function with this name and signature already exists in this database.",
                    DuckDbErrorType.Catalog);
            }
        }
        finally
        {
            // Destroying the function object frees the extra info through FreeState once DuckDB no longer needs it.
            NativeMethods.duckdb_destroy_table_function(ref native);
            if (!stateOwnedByDuckDb)
            {
                state.Free();
            }
        }

        return function;
    }

    [UnmanagedCallersOnly]
    private static unsafe void BindColumnScan(nint info)
    {
        try
        {
            var function = (DuckDbColumnScanFunction)GCHandle.FromIntPtr(NativeMethods.duckdb_bind_get_extra_info(info)).Target!;
            var value = NativeMethods.duckdb_bind_get_parameter(info, 0);
            long id;
            try
            {
                // duckdb_get_int64 on a NULL value throws a C++ exception that would end the process.
                if (NativeMethods.duckdb_is_null_value(value))
                {
                    throw new ArgumentException($"{function.Name}(NULL) names no column scan: pass the Id of a registration.");
                }

                id = NativeMethods.duckdb_get_int64(value);
            }
            finally
            {
                NativeMethods.duckdb_destroy_value(ref value);
            }

            var scan = function.Find(id);
            foreach (var column in scan.Columns)
            {
                var type = column.Type.ToNative();
                try
                {
                    NativeMethods.duckdb_bind_add_result_column(info, column.Name, type);
                }
                finally
                {
                    NativeMethods.duckdb_destroy_logical_type(ref type);
                }
            }

            NativeMethods.duckdb_bind_set_cardinality(info, (ulong)scan.RowCount, isExact: true);
            NativeMethods.duckdb_bind_set_bind_data(info, GCHandle.ToIntPtr(GCHandle.Alloc(scan)), &FreeState);
        }
#pragma warning disable CA1031 // Any exception must become a DuckDB error: unwinding into native code would crash the process.
        catch (Exception e)
#pragma warning restore CA1031
        {
            fixed (byte* p = ErrorText(e))
            {
                NativeMethods.duckdb_bind_set_error(info, p);
            }
        }
    }

    [UnmanagedCallersOnly]
    private static unsafe void InitColumnScan(nint info)
    {
        try
        {
            var scan = (DuckDbColumnScan)GCHandle.FromIntPtr(NativeMethods.duckdb_init_get_bind_data(info)).Target!;
            // The sources are filled in order by one cursor; a second thread would only wait for it.
            NativeMethods.duckdb_init_set_max_threads(info, 1);
            NativeMethods.duckdb_init_set_init_data(info, GCHandle.ToIntPtr(GCHandle.Alloc(new ColumnScanState(scan))), &FreeState);
        }
#pragma warning disable CA1031 // Any exception must become a DuckDB error: unwinding into native code would crash the process.
        catch (Exception e)
#pragma warning restore CA1031
        {
            fixed (byte* p = ErrorText(e))
            {
                NativeMethods.duckdb_init_set_error(info, p);
            }
        }
    }

    [UnmanagedCallersOnly]
    private static unsafe void FillColumnScan(nint info, nint output)
    {
        try
        {
            var state = (ColumnScanState)GCHandle.FromIntPtr(NativeMethods.duckdb_function_get_init_data(info)).Target!;
            state.Fill(output);
        }
#pragma warning disable CA1031 // Any exception must become a DuckDB error: unwinding into native code would crash the process.
        catch (Exception e)
#pragma warning restore CA1031
        {
            fixed (byte* p = ErrorText(e))
            {
                NativeMethods.duckdb_function_set_error(info, p);
            }
        }
    }

    private static byte[] ErrorText(Exception e) => Encoding.UTF8.GetBytes(e.Message + "\0");

    /// <summary>The cursor of one scan: the next row to hand out, and one writer per output vector.</summary>
    private sealed class ColumnScanState
    {
        private static readonly int ChunkRows = (int)NativeMethods.duckdb_vector_size();
        private readonly DuckDbColumnScan _scan;
        private readonly VectorWriter[] _writers;
        private readonly IDuckDbColumnSource[] _sources;
        private int _position;

        public ColumnScanState(DuckDbColumnScan scan)
        {
            _scan = scan;
            _writers = scan.Columns.Select(c => new VectorWriter(c.Type, c.Name)).ToArray();
            _sources = scan.Columns.Select(c => c.Source).ToArray();
        }

        public void Fill(nint output)
        {
            var take = Math.Min(ChunkRows, _scan.RowCount - _position);
            if (take > 0)
            {
                for (var c = 0; c < _writers.Length; c++)
                {
                    _writers[c].Bind(NativeMethods.duckdb_data_chunk_get_vector(output, (ulong)c));
                }

                ColumnSourceWriter.Write(_writers, _sources, _position, take, 0);
                _position += take;
            }

            // A chunk of size 0 tells DuckDB the scan is over.
            NativeMethods.duckdb_data_chunk_set_size(output, (ulong)take);
        }
    }
}
