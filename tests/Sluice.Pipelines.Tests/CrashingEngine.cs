using Sluice.Catalog;
using Sluice.Engines;

namespace Sluice.Pipelines.Tests;

/// <summary>Stands in for a process killed at a chosen statement: the statement runs (or not), then the call dies.</summary>
public sealed class CrashingEngine(IAthenaEngine inner, int crashAt, bool afterCommit) : IAthenaEngine
{
    private int _calls;

    public EngineCapabilities Capabilities => inner.Capabilities;

    public ICatalog Catalog => inner.Catalog;

    public bool Crashed { get; private set; }

    public async Task<QueryResult> ExecuteAsync(string sql, QueryContext? context = null, CancellationToken cancellationToken = default)
    {
        if (++_calls == crashAt)
        {
            Crashed = true;
            if (afterCommit)
            {
                await inner.ExecuteAsync(sql, context, cancellationToken);
            }

            throw new SimulatedCrashException();
        }

        return await inner.ExecuteAsync(sql, context, cancellationToken);
    }

    public void Dispose()
    {
    }
}

public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
        : base("simulated crash")
    {
    }
}
