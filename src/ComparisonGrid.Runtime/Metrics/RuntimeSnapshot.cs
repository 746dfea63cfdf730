namespace ComparisonGrid.Runtime.Metrics;

/// <summary>What an operator sees of one silo: totals, its process, per grain type and method, and its recent history.</summary>
public sealed record RuntimeSnapshot(
    DateTimeOffset At,
    int Activations,
    int QueuedCalls,
    long Calls,
    long FailedCalls,
    double CallsPerSecond,
    double MeanLatencyMicroseconds,
    double P50LatencyMicroseconds,
    double P99LatencyMicroseconds,
    long StorageReads,
    long StorageWrites,
    long StorageFailures,
    long RemoteCalls,
    double CpuPercent,
    long MemoryBytes,
    IReadOnlyList<GrainTypeSnapshot> GrainTypes,
    IReadOnlyList<MethodSnapshot> Methods,
    IReadOnlyList<MetricsPoint> History,
    IReadOnlyDictionary<string, double> Gauges,
    long PeakMemoryBytes = 0);
