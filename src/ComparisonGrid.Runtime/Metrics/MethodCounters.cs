namespace ComparisonGrid.Runtime.Metrics;

/// <summary>
/// Calls, failures and total time of one grain method: three atomic adds per call, no histogram (a second
/// histogram per call halved the throughput of grain calls when it was tried for the silo total).
/// </summary>
public sealed class MethodCounters
{
    private long _calls;
    private long _failed;
    private long _ticks;

    public long Calls => Interlocked.Read(ref _calls);

    public long Failed => Interlocked.Read(ref _failed);

    public TimeSpan Mean => Calls == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Interlocked.Read(ref _ticks) / Calls);

    internal void CallCompleted(TimeSpan latency, bool failed)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _ticks, latency.Ticks);
        if (failed)
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
