namespace ComparisonGrid.Runtime.Metrics;

/// <summary>What an operator sees of one silo: per grain type and in total.</summary>
public sealed record RuntimeSnapshot(
    DateTimeOffset At,
    int Activations,
    int QueuedCalls,
    long Calls,
    long FailedCalls,
    double CallsPerSecond,
    double MeanLatencyMicroseconds,
    double P99LatencyMicroseconds,
    long StorageReads,
    long StorageWrites,
    IReadOnlyList<GrainTypeSnapshot> GrainTypes);

public sealed record GrainTypeSnapshot(
    string GrainType,
    long Activations,
    int QueuedCalls,
    long Calls,
    long FailedCalls,
    double CallsPerSecond,
    double MeanLatencyMicroseconds,
    double P99LatencyMicroseconds);
