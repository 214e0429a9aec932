using Sluice.DuckDb.Native;

namespace Sluice.DuckDb;

public sealed partial class DuckDbConnection
{
    /// <summary>
    /// Splits text into statements with duckdb_extract_statements (DuckDB's own parser). Each statement is prepared
    /// only when its turn comes, so it can see what the statements before it created.
    /// </summary>
    private unsafe ExtractedStatements Extract(string sql)
    {
        var count = NativeMethods.duckdb_extract_statements(Raw, sql, out var raw);
        var extracted = new ExtractedStatementsHandle(raw);
        if (count == 0)
        {
            var error = NativeMethods.ReadString(NativeMethods.duckdb_extract_statements_error(raw));
            extracted.Dispose();
            if (string.IsNullOrEmpty(error))
            {
                return new ExtractedStatements(this, null, 0);
            }

            throw new DuckDbException(error);
        }

        return new ExtractedStatements(this, extracted, (int)count);
    }

    private sealed unsafe class ExtractedStatements(DuckDbConnection connection, ExtractedStatementsHandle? handle, int count) : IDisposable
    {
        public int Count => count;

        public PreparedStatementHandle Prepare(int index)
        {
            var state = NativeMethods.duckdb_prepare_extracted_statement(connection.Raw, handle!.DangerousGetHandle(), (ulong)index, out var prepared);
            var statement = new PreparedStatementHandle(prepared);
            if (state != DuckDbState.Success)
            {
                var message = NativeMethods.ReadString(NativeMethods.duckdb_prepare_error(prepared)) ?? "unknown error";
                statement.Dispose();
                throw new DuckDbException(message);
            }

            return statement;
        }

        public void Dispose() => handle?.Dispose();
    }

    /// <summary>
    /// Executes a prepared statement through the pending-result API, so that an interrupt sent after the query has
    /// begun is never lost (DuckDB clears the interrupt flag when a query begins).
    /// </summary>
    internal unsafe ResultHandle Run(nint prepared, bool streaming, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var state = streaming
            ? NativeMethods.duckdb_pending_prepared_streaming(prepared, out var pending)
            : NativeMethods.duckdb_pending_prepared(prepared, out pending);
        try
        {
            if (state != DuckDbState.Success)
            {
                var message = NativeMethods.ReadString(NativeMethods.duckdb_pending_error(pending))
                    ?? NativeMethods.ReadString(NativeMethods.duckdb_prepare_error(prepared))
                    ?? "unknown error";
                throw new DuckDbException(message);
            }

            var result = ResultHandle.Allocate();
            DuckDbState executed;
            using (cancellationToken.UnsafeRegister(static c => ((DuckDbConnection)c!).Interrupt(), this))
            {
                executed = NativeMethods.duckdb_execute_pending(pending, result.Pointer);
            }

            if (executed != DuckDbState.Success)
            {
                var error = ResultError(result);
                result.Dispose();
                if (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException("The DuckDB statement was cancelled.", error, cancellationToken);
                }

                throw error;
            }

            return result;
        }
        finally
        {
            if (pending != 0)
            {
                NativeMethods.duckdb_destroy_pending(ref pending);
            }
        }
    }

    internal static unsafe DuckDbException ResultError(ResultHandle result)
    {
        var message = NativeMethods.ReadString(NativeMethods.duckdb_result_error(result.Pointer)) ?? "unknown error";
        var type = (DuckDbErrorType)NativeMethods.duckdb_result_error_type(result.Pointer);
        return new DuckDbException(message, type == DuckDbErrorType.Invalid ? DuckDbException.FromMessage(message) : type);
    }

    internal static unsafe long RowsChanged(ResultHandle result) =>
        NativeMethods.duckdb_result_return_type(*result.Pointer) == DuckDbResultType.ChangedRows
            ? (long)NativeMethods.duckdb_rows_changed(result.Pointer)
            : 0;
}
