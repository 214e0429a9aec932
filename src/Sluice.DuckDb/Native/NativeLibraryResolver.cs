using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Sluice.DuckDb.Native;

/// <summary>
/// Finds libduckdb: <c>DUCKDB_LIB_PATH</c> (a file, or a folder holding libduckdb.so) first, then the application
/// folder, then the platform's default search. The build copies libduckdb.so beside every app and test output.
/// </summary>
internal static class NativeLibraryResolver
{
    internal const string LibraryName = "duckdb";
    private const string FileName = "libduckdb.so";

#pragma warning disable CA2255 // A module initializer is the one place that runs before the first P/Invoke.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!string.Equals(libraryName, LibraryName, StringComparison.Ordinal))
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in Candidates())
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
            {
                return handle;
            }
        }

        if (NativeLibrary.TryLoad(FileName, assembly, searchPath, out var fallback))
        {
            return fallback;
        }

        throw new DllNotFoundException(
            $"libduckdb was not found. Looked in: {string.Join(", ", Candidates().Select(c => $"'{c}'"))} and the system library path. " +
            "Build the solution (it fetches libduckdb.so 1.5.6 into .native/ and copies it beside every output), " +
            "or set DUCKDB_LIB_PATH to a libduckdb.so 1.5.6.");
    }

    internal static IEnumerable<string> Candidates()
    {
        var fromEnv = Environment.GetEnvironmentVariable("DUCKDB_LIB_PATH");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            yield return Directory.Exists(fromEnv) ? Path.Combine(fromEnv, FileName) : fromEnv;
        }

        yield return Path.Combine(AppContext.BaseDirectory, FileName);
        var assemblyDir = Path.GetDirectoryName(typeof(NativeLibraryResolver).Assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDir))
        {
            yield return Path.Combine(assemblyDir, FileName);
        }
    }
}
