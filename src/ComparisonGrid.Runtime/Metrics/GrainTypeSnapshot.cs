namespace ComparisonGrid.Runtime.Metrics;

public sealed record GrainTypeSnapshot(
    string GrainType,
    long Activations,
    int QueuedCalls,
    long Calls,
    long FailedCalls,
    double CallsPerSecond,
    double MeanLatencyMicroseconds,
    double P99LatencyMicroseconds);
