namespace ComparisonGrid.Runtime.Metrics;

/// <summary>The counters of one grain type; every call and activation updates them without locks.</summary>
public sealed class GrainTypeCounters
{
    private long _activations;
    private long _failed;

    public LatencyHistogram Latency { get; } = new();

    public RateCounter Rate { get; } = new();

    public long Activations => Interlocked.Read(ref _activations);

    public long Calls => Latency.Count;

    public long Failed => Interlocked.Read(ref _failed);

    internal void Activated() => Interlocked.Increment(ref _activations);

    internal void Deactivated() => Interlocked.Decrement(ref _activations);

    internal void CallCompleted(TimeSpan latency, bool failed)
    {
        if (failed)
        {
            Interlocked.Increment(ref _failed);
        }
        Latency.Record(latency);
        Rate.Increment();

    }
}
