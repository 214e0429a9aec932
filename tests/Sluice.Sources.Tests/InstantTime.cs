using System.Collections.Concurrent;

namespace Sluice.Sources.Tests;

/// <summary>A clock whose timers fire at once and record how long they were asked to wait, so retry tests never sleep.</summary>
public sealed class InstantTime(DateTimeOffset now) : TimeProvider
{
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Waits.Enqueue(dueTime);
        }

        return new Fired(callback, state, dueTime);
    }

    private sealed class Fired : ITimer
    {
        public Fired(TimerCallback callback, object? state, TimeSpan dueTime)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                ThreadPool.QueueUserWorkItem(_ => callback(state));
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
