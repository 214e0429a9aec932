using System.Runtime.InteropServices;
using Sluice.DuckDb.Native;
using Sluice.DuckDb.Vectors;

namespace Sluice.DuckDb;

public sealed partial class DuckDbConnection
{
    /// <summary>
    /// Registers a C# scalar function in the database's catalog (visible to every connection of the database). It can
    /// add an overload to a built-in function; an identical existing signature fails.
    /// </summary>
    public unsafe void RegisterScalarFunction(DuckDbScalarFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        var native = NativeMethods.duckdb_create_scalar_function();
        var state = GCHandle.Alloc(new ScalarFunctionState(function));
        var stateOwnedByDuckDb = false;
        try
        {
            NativeMethods.duckdb_scalar_function_set_name(native, function.Name);
            foreach (var parameter in function.Parameters)
            {
                WithNativeType(parameter, t => NativeMethods.duckdb_scalar_function_add_parameter(native, t));
            }

            if (function.Varargs is not null)
            {
                WithNativeType(function.Varargs, t => NativeMethods.duckdb_scalar_function_set_varargs(native, t));
            }

            WithNativeType(function.ReturnType, t => NativeMethods.duckdb_scalar_function_set_return_type(native, t));
            if (function.HandlesNulls)
            {
                NativeMethods.duckdb_scalar_function_set_special_handling(native);
            }

            if (function.IsVolatile)
            {
                NativeMethods.duckdb_scalar_function_set_volatile(native);
            }

            NativeMethods.duckdb_scalar_function_set_extra_info(native, GCHandle.ToIntPtr(state), &FreeState);
            stateOwnedByDuckDb = true;
            NativeMethods.duckdb_scalar_function_set_function(native, &InvokeScalar);
            using var scope = Enter();
            if (NativeMethods.duckdb_register_scalar_function(Raw, native) != DuckDbState.Success)
            {
                throw new DuckDbException(
                    $"DuckDB refused to register the scalar function '{function.Name}({string.Join(", ", function.Parameters)})': " +
                    "a function with this exact signature (or a built-in macro of this name) already exists.",
                    DuckDbErrorType.Catalog);
            }
        }
        finally
        {
            // Destroying the function object frees the extra info through FreeState once DuckDB no longer needs it.
            NativeMethods.duckdb_destroy_scalar_function(ref native);
            if (!stateOwnedByDuckDb)
            {
                state.Free();
            }
        }
    }

    private static void WithNativeType(DuckDbColumnType type, Action<nint> use)
    {
        var native = type.ToNative();
        try
        {
            use(native);
        }
        finally
        {
            NativeMethods.duckdb_destroy_logical_type(ref native);
        }
    }

    [UnmanagedCallersOnly]
    private static unsafe void FreeState(void* state) => GCHandle.FromIntPtr((nint)state).Free();

    [UnmanagedCallersOnly]
    private static unsafe void InvokeScalar(nint info, nint input, nint output)
    {
        try
        {
            var state = (ScalarFunctionState)GCHandle.FromIntPtr(NativeMethods.duckdb_scalar_function_get_extra_info(info)).Target!;
            state.Execute(input, output);
        }
#pragma warning disable CA1031 // Any exception must become a DuckDB error: unwinding into native code would crash the process.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(e.Message + "\0");
            fixed (byte* p = bytes)
            {
                NativeMethods.duckdb_scalar_function_set_error(info, p);
            }
        }
    }

    private sealed class ScalarFunctionState(DuckDbScalarFunction function)
    {
        public unsafe void Execute(nint input, nint output)
        {
            var rows = NativeMethods.duckdb_data_chunk_get_size(input);
            var columnCount = (int)NativeMethods.duckdb_data_chunk_get_column_count(input);
            var readers = new VectorReader[columnCount];
            for (var i = 0; i < columnCount; i++)
            {
                var vector = NativeMethods.duckdb_data_chunk_get_vector(input, (ulong)i);
                var nativeType = NativeMethods.duckdb_vector_get_column_type(vector);
                try
                {
                    readers[i] = new VectorReader(DuckDbColumnType.FromNative(nativeType));
                }
                finally
                {
                    NativeMethods.duckdb_destroy_logical_type(ref nativeType);
                }

                readers[i].Bind(vector);
            }

            var writer = new VectorWriter(function.ReturnType, function.Name + "()");
            writer.Bind(output);
            var arguments = new DuckDbFunctionArguments(readers);
            for (var row = 0UL; row < rows; row++)
            {
                arguments.Row = row;
                if (!function.HandlesNulls && AnyNull(readers, row))
                {
                    writer.SetNull(row);
                    continue;
                }

                writer.Write(row, function.Invoke(arguments));
            }
        }

        private static bool AnyNull(VectorReader[] readers, ulong row)
        {
            foreach (var reader in readers)
            {
                if (!reader.IsValid(row))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
