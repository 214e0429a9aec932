namespace Sluice.DuckDb;

/// <summary>
/// A scalar SQL function implemented in C#. <see cref="Invoke"/> is called once per row and may run on several
/// DuckDB worker threads at once, so it must be thread-safe. Unless <see cref="HandlesNulls"/> is set, a row with
/// any NULL argument yields NULL without calling it. An exception fails the query with its message.
/// </summary>
public sealed class DuckDbScalarFunction
{
    public DuckDbScalarFunction(
        string name,
        IReadOnlyList<DuckDbColumnType> parameters,
        DuckDbColumnType returnType,
        Func<DuckDbFunctionArguments, object?> invoke)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        ReturnType = returnType ?? throw new ArgumentNullException(nameof(returnType));
        Invoke = invoke ?? throw new ArgumentNullException(nameof(invoke));
    }

    public string Name { get; }

    public IReadOnlyList<DuckDbColumnType> Parameters { get; }

    public DuckDbColumnType ReturnType { get; }

    public Func<DuckDbFunctionArguments, object?> Invoke { get; }

    /// <summary>When set, any number of further arguments of this type follow the fixed parameters.</summary>
    public DuckDbColumnType? Varargs { get; init; }

    /// <summary>When set, the function is called for rows with NULL arguments too (and sees them as null).</summary>
    public bool HandlesNulls { get; init; }

    /// <summary>When set, DuckDB never folds or caches calls (for functions like random()).</summary>
    public bool IsVolatile { get; init; }
}
