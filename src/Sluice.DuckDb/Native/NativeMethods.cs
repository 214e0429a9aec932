using System.Runtime.InteropServices;

namespace Sluice.DuckDb.Native;

/// <summary>
/// The DuckDB C API (duckdb.h, 1.5) as Sluice uses it. Opaque handles are <see cref="nint"/>; their lifetimes are
/// owned by the SafeHandles in <c>Handles.cs</c>. Functions named <c>*_destroy_*</c>/<c>duckdb_close</c> take the
/// address of the handle.
/// </summary>
internal static unsafe partial class NativeMethods
{
    private const string Lib = NativeLibraryResolver.LibraryName;

    // ---- library, database, connection ------------------------------------------------------------------------
    [LibraryImport(Lib)] internal static partial byte* duckdb_library_version();
    [LibraryImport(Lib)] internal static partial void duckdb_free(void* ptr);
    [LibraryImport(Lib)] internal static partial ulong duckdb_vector_size();

    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_create_config(out nint config);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState duckdb_set_config(nint config, string name, string option);
    [LibraryImport(Lib)] internal static partial void duckdb_destroy_config(ref nint config);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState duckdb_open_ext(string? path, out nint database, nint config, out byte* error);
    [LibraryImport(Lib)] internal static partial void duckdb_close(ref nint database);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_connect(nint database, out nint connection);
    [LibraryImport(Lib)] internal static partial void duckdb_interrupt(nint connection);
    [LibraryImport(Lib)] internal static partial void duckdb_disconnect(ref nint connection);

    // ---- results ----------------------------------------------------------------------------------------------
    [LibraryImport(Lib)] internal static partial void duckdb_destroy_result(DuckDbResultStruct* result);
    [LibraryImport(Lib)] internal static partial byte* duckdb_column_name(DuckDbResultStruct* result, ulong col);
    [LibraryImport(Lib)] internal static partial nint duckdb_column_logical_type(DuckDbResultStruct* result, ulong col);
    [LibraryImport(Lib)] internal static partial ulong duckdb_column_count(DuckDbResultStruct* result);
    [LibraryImport(Lib)] internal static partial ulong duckdb_rows_changed(DuckDbResultStruct* result);
    [LibraryImport(Lib)] internal static partial byte* duckdb_result_error(DuckDbResultStruct* result);
    [LibraryImport(Lib)] internal static partial int duckdb_result_error_type(DuckDbResultStruct* result);
    [LibraryImport(Lib)] internal static partial DuckDbResultType duckdb_result_return_type(DuckDbResultStruct result);
    [LibraryImport(Lib)] internal static partial nint duckdb_fetch_chunk(DuckDbResultStruct result);

    // ---- statements -------------------------------------------------------------------------------------------
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial ulong duckdb_extract_statements(nint connection, string query, out nint extracted);
    [LibraryImport(Lib)]
    internal static partial DuckDbState duckdb_prepare_extracted_statement(nint connection, nint extracted, ulong index, out nint prepared);
    [LibraryImport(Lib)] internal static partial byte* duckdb_extract_statements_error(nint extracted);
    [LibraryImport(Lib)] internal static partial void duckdb_destroy_extracted(ref nint extracted);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState duckdb_prepare(nint connection, string query, out nint prepared);
    [LibraryImport(Lib)] internal static partial void duckdb_destroy_prepare(ref nint prepared);
    [LibraryImport(Lib)] internal static partial byte* duckdb_prepare_error(nint prepared);
    [LibraryImport(Lib)] internal static partial ulong duckdb_nparams(nint prepared);
    [LibraryImport(Lib)] internal static partial int duckdb_prepared_statement_type(nint prepared);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState duckdb_bind_parameter_index(nint prepared, out ulong index, string name);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_clear_bindings(nint prepared);

    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_boolean(nint p, ulong i, [MarshalAs(UnmanagedType.U1)] bool v);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_int8(nint p, ulong i, sbyte v);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_int16(nint p, ulong i, short v);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_int32(nint p, ulong i, int v);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_int64(nint p, ulong i, long v);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_uint8(nint p, ulong i, byte v);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_uint16(nint p, ulong i, ushort v);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_uint32(nint p, ulong i, uint v);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_uint64(nint p, ulong i, ulong v);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_hugeint(nint p, ulong i, DuckDbHugeIntStruct v);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_uhugeint(nint p, ulong i, DuckDbUHugeIntStruct v);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_decimal(nint p, ulong i, DuckDbDecimalStruct v);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_float(nint p, ulong i, float v);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_double(nint p, ulong i, double v);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_date(nint p, ulong i, int days);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_time(nint p, ulong i, long micros);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_timestamp(nint p, ulong i, long micros);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_timestamp_tz(nint p, ulong i, long micros);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_interval(nint p, ulong i, DuckDbIntervalStruct v);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_varchar_length(nint p, ulong i, byte* v, ulong length);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_blob(nint p, ulong i, byte* v, ulong length);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_null(nint p, ulong i);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_bind_value(nint p, ulong i, nint value);

    [LibraryImport(Lib)] internal static partial nint duckdb_create_uuid(DuckDbUHugeIntStruct v);
    [LibraryImport(Lib)] internal static partial void duckdb_destroy_value(ref nint value);

    // ---- execution --------------------------------------------------------------------------------------------
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_pending_prepared(nint prepared, out nint pending);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_pending_prepared_streaming(nint prepared, out nint pending);
    [LibraryImport(Lib)] internal static partial byte* duckdb_pending_error(nint pending);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_execute_pending(nint pending, DuckDbResultStruct* result);
    [LibraryImport(Lib)] internal static partial void duckdb_destroy_pending(ref nint pending);

    // ---- data chunks and vectors ------------------------------------------------------------------------------
    [LibraryImport(Lib)] internal static partial nint duckdb_create_data_chunk(nint* types, ulong columnCount);
    [LibraryImport(Lib)] internal static partial void duckdb_destroy_data_chunk(ref nint chunk);
    [LibraryImport(Lib)] internal static partial void duckdb_data_chunk_reset(nint chunk);
    [LibraryImport(Lib)] internal static partial ulong duckdb_data_chunk_get_column_count(nint chunk);
    [LibraryImport(Lib)] internal static partial nint duckdb_data_chunk_get_vector(nint chunk, ulong index);
    [LibraryImport(Lib)] internal static partial ulong duckdb_data_chunk_get_size(nint chunk);
    [LibraryImport(Lib)] internal static partial void duckdb_data_chunk_set_size(nint chunk, ulong size);

    [LibraryImport(Lib)] internal static partial nint duckdb_vector_get_column_type(nint vector);
    [LibraryImport(Lib)] internal static partial void* duckdb_vector_get_data(nint vector);
    [LibraryImport(Lib)] internal static partial ulong* duckdb_vector_get_validity(nint vector);
    [LibraryImport(Lib)] internal static partial void duckdb_vector_ensure_validity_writable(nint vector);
    [LibraryImport(Lib)] internal static partial void duckdb_vector_assign_string_element_len(nint vector, ulong index, byte* str, ulong length);
    [LibraryImport(Lib)] internal static partial nint duckdb_list_vector_get_child(nint vector);
    [LibraryImport(Lib)] internal static partial ulong duckdb_list_vector_get_size(nint vector);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_list_vector_set_size(nint vector, ulong size);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_list_vector_reserve(nint vector, ulong capacity);
    [LibraryImport(Lib)] internal static partial nint duckdb_struct_vector_get_child(nint vector, ulong index);
    [LibraryImport(Lib)] internal static partial nint duckdb_array_vector_get_child(nint vector);

    // ---- logical types ----------------------------------------------------------------------------------------
    [LibraryImport(Lib)] internal static partial DuckDbTypeId duckdb_get_type_id(nint type);
    [LibraryImport(Lib)] internal static partial void duckdb_destroy_logical_type(ref nint type);
    [LibraryImport(Lib)] internal static partial byte* duckdb_logical_type_get_alias(nint type);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void duckdb_logical_type_set_alias(nint type, string alias);
    [LibraryImport(Lib)] internal static partial byte duckdb_decimal_width(nint type);
    [LibraryImport(Lib)] internal static partial byte duckdb_decimal_scale(nint type);
    [LibraryImport(Lib)] internal static partial DuckDbTypeId duckdb_decimal_internal_type(nint type);
    [LibraryImport(Lib)] internal static partial DuckDbTypeId duckdb_enum_internal_type(nint type);
    [LibraryImport(Lib)] internal static partial uint duckdb_enum_dictionary_size(nint type);
    [LibraryImport(Lib)] internal static partial byte* duckdb_enum_dictionary_value(nint type, ulong index);
    [LibraryImport(Lib)] internal static partial nint duckdb_list_type_child_type(nint type);
    [LibraryImport(Lib)] internal static partial nint duckdb_array_type_child_type(nint type);
    [LibraryImport(Lib)] internal static partial ulong duckdb_array_type_array_size(nint type);
    [LibraryImport(Lib)] internal static partial nint duckdb_map_type_key_type(nint type);
    [LibraryImport(Lib)] internal static partial nint duckdb_map_type_value_type(nint type);
    [LibraryImport(Lib)] internal static partial ulong duckdb_struct_type_child_count(nint type);
    [LibraryImport(Lib)] internal static partial byte* duckdb_struct_type_child_name(nint type, ulong index);
    [LibraryImport(Lib)] internal static partial nint duckdb_struct_type_child_type(nint type, ulong index);
    [LibraryImport(Lib)] internal static partial ulong duckdb_union_type_member_count(nint type);
    [LibraryImport(Lib)] internal static partial byte* duckdb_union_type_member_name(nint type, ulong index);
    [LibraryImport(Lib)] internal static partial nint duckdb_union_type_member_type(nint type, ulong index);

    [LibraryImport(Lib)] internal static partial nint duckdb_create_logical_type(DuckDbTypeId type);
    [LibraryImport(Lib)] internal static partial nint duckdb_create_decimal_type(byte width, byte scale);
    [LibraryImport(Lib)] internal static partial nint duckdb_create_list_type(nint child);
    [LibraryImport(Lib)] internal static partial nint duckdb_create_array_type(nint child, ulong size);
    [LibraryImport(Lib)] internal static partial nint duckdb_create_map_type(nint key, nint value);
    [LibraryImport(Lib)] internal static partial nint duckdb_create_struct_type(nint* types, byte** names, ulong count);
    [LibraryImport(Lib)] internal static partial nint duckdb_create_enum_type(byte** names, ulong count);

    // ---- appender ---------------------------------------------------------------------------------------------
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DuckDbState duckdb_appender_create_ext(nint connection, string? catalog, string? schema, string table, out nint appender);
    [LibraryImport(Lib)] internal static partial ulong duckdb_appender_column_count(nint appender);
    [LibraryImport(Lib)] internal static partial nint duckdb_appender_column_type(nint appender, ulong index);
    [LibraryImport(Lib)] internal static partial byte* duckdb_appender_error(nint appender);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_appender_flush(nint appender);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_appender_clear(nint appender);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_appender_close(nint appender);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_appender_destroy(ref nint appender);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_append_data_chunk(nint appender, nint chunk);

    // ---- scalar functions -------------------------------------------------------------------------------------
    [LibraryImport(Lib)] internal static partial nint duckdb_create_scalar_function();
    [LibraryImport(Lib)] internal static partial void duckdb_destroy_scalar_function(ref nint function);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void duckdb_scalar_function_set_name(nint function, string name);
    [LibraryImport(Lib)] internal static partial void duckdb_scalar_function_set_varargs(nint function, nint type);
    [LibraryImport(Lib)] internal static partial void duckdb_scalar_function_set_special_handling(nint function);
    [LibraryImport(Lib)] internal static partial void duckdb_scalar_function_set_volatile(nint function);
    [LibraryImport(Lib)] internal static partial void duckdb_scalar_function_add_parameter(nint function, nint type);
    [LibraryImport(Lib)] internal static partial void duckdb_scalar_function_set_return_type(nint function, nint type);
    [LibraryImport(Lib)]
    internal static partial void duckdb_scalar_function_set_extra_info(nint function, nint extraInfo, delegate* unmanaged<void*, void> destroy);
    [LibraryImport(Lib)]
    internal static partial void duckdb_scalar_function_set_function(nint function, delegate* unmanaged<nint, nint, nint, void> callback);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_register_scalar_function(nint connection, nint function);
    [LibraryImport(Lib)] internal static partial nint duckdb_scalar_function_get_extra_info(nint info);
    [LibraryImport(Lib)] internal static partial void duckdb_scalar_function_set_error(nint info, byte* error);

    // ---- table functions --------------------------------------------------------------------------------------
    [LibraryImport(Lib)] internal static partial nint duckdb_create_table_function();
    [LibraryImport(Lib)] internal static partial void duckdb_destroy_table_function(ref nint function);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void duckdb_table_function_set_name(nint function, string name);
    [LibraryImport(Lib)] internal static partial void duckdb_table_function_add_parameter(nint function, nint type);
    [LibraryImport(Lib)]
    internal static partial void duckdb_table_function_set_extra_info(nint function, nint extraInfo, delegate* unmanaged<void*, void> destroy);
    [LibraryImport(Lib)] internal static partial void duckdb_table_function_set_bind(nint function, delegate* unmanaged<nint, void> bind);
    [LibraryImport(Lib)] internal static partial void duckdb_table_function_set_init(nint function, delegate* unmanaged<nint, void> init);
    [LibraryImport(Lib)]
    internal static partial void duckdb_table_function_set_function(nint function, delegate* unmanaged<nint, nint, void> callback);
    [LibraryImport(Lib)] internal static partial DuckDbState duckdb_register_table_function(nint connection, nint function);

    [LibraryImport(Lib)] internal static partial nint duckdb_bind_get_extra_info(nint info);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void duckdb_bind_add_result_column(nint info, string name, nint type);
    [LibraryImport(Lib)] internal static partial ulong duckdb_bind_get_parameter_count(nint info);
    [LibraryImport(Lib)] internal static partial nint duckdb_bind_get_parameter(nint info, ulong index);
    [LibraryImport(Lib)]
    internal static partial void duckdb_bind_set_bind_data(nint info, nint bindData, delegate* unmanaged<void*, void> destroy);
    [LibraryImport(Lib)]
    internal static partial void duckdb_bind_set_cardinality(nint info, ulong cardinality, [MarshalAs(UnmanagedType.U1)] bool isExact);
    [LibraryImport(Lib)] internal static partial void duckdb_bind_set_error(nint info, byte* error);

    [LibraryImport(Lib)] internal static partial nint duckdb_init_get_bind_data(nint info);
    [LibraryImport(Lib)]
    internal static partial void duckdb_init_set_init_data(nint info, nint initData, delegate* unmanaged<void*, void> destroy);
    [LibraryImport(Lib)] internal static partial void duckdb_init_set_max_threads(nint info, ulong maxThreads);
    [LibraryImport(Lib)] internal static partial void duckdb_init_set_error(nint info, byte* error);

    [LibraryImport(Lib)] internal static partial nint duckdb_function_get_init_data(nint info);
    [LibraryImport(Lib)] internal static partial void duckdb_function_set_error(nint info, byte* error);

    [LibraryImport(Lib)] internal static partial long duckdb_get_int64(nint value);
    [LibraryImport(Lib)]
    [return: MarshalAs(UnmanagedType.U1)]
    internal static partial bool duckdb_is_null_value(nint value);

    // ---- helpers ----------------------------------------------------------------------------------------------
    /// <summary>Reads a UTF-8 C string that DuckDB owns (not freed).</summary>
    internal static string? ReadString(byte* text) => text == null ? null : Marshal.PtrToStringUTF8((nint)text);

    /// <summary>Reads a UTF-8 C string that the caller owns and frees it with duckdb_free.</summary>
    internal static string? ReadAndFree(byte* text)
    {
        if (text == null)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8((nint)text);
        }
        finally
        {
            duckdb_free(text);
        }
    }
}
