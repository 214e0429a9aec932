using System.Runtime.CompilerServices;
using Sluice.DuckDb.Native;

namespace Sluice.DuckDb.Tests;

public class NativeLayoutTests
{
    [Fact]
    public void Structs_have_duckdb_h_sizes()
    {
        Assert.Equal(48, Unsafe.SizeOf<DuckDbResultStruct>());
        Assert.Equal(16, Unsafe.SizeOf<DuckDbStringT>());
        Assert.Equal(16, Unsafe.SizeOf<DuckDbIntervalStruct>());
        Assert.Equal(16, Unsafe.SizeOf<DuckDbHugeIntStruct>());
        Assert.Equal(24, Unsafe.SizeOf<DuckDbDecimalStruct>());
        Assert.Equal(16, Unsafe.SizeOf<DuckDbListEntry>());
        Assert.Equal(2048UL, NativeMethods.duckdb_vector_size());
    }

    [Fact]
    public void Library_is_found_through_the_documented_places()
    {
        var candidates = NativeLibraryResolver.Candidates().ToList();
        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "libduckdb.so"), candidates);
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "libduckdb.so")), "the build copies libduckdb.so beside the test output");
    }

    [Fact]
    public void Error_type_is_inferred_from_message_prefixes()
    {
        Assert.Equal(DuckDbErrorType.Parser, DuckDbException.FromMessage("Parser Error: syntax error at end of input"));
        Assert.Equal(DuckDbErrorType.Catalog, DuckDbException.FromMessage("Catalog Error: Table with name x does not exist!"));
        Assert.Equal(DuckDbErrorType.InvalidInput, DuckDbException.FromMessage("Invalid Input Error: bad"));
        Assert.Equal(DuckDbErrorType.Transaction, DuckDbException.FromMessage("TransactionContext Error: cannot start"));
        Assert.Equal(DuckDbErrorType.Invalid, DuckDbException.FromMessage("no prefix here"));
    }
}
