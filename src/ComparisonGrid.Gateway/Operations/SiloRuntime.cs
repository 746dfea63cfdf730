namespace ComparisonGrid.Gateway.Operations;

/// <summary>
/// What an operator sees of one silo. Activations, CPU and memory are Orleans' own figures (IManagementGrain); calls,
/// latency, methods and the ten-minute history are counted by this gateway's silo, so other silos show them empty.
/// </summary>
public sealed record SiloRuntime(
    DateTimeOffset At,
    long Activations,
    long Calls,
    long FailedCalls,
    double CallsPerSecond,
    double MeanLatencyMicroseconds,
    double P50LatencyMicroseconds,
    double P99LatencyMicroseconds,
    double CpuPercent,
    long MemoryBytes,
    long StorageReads,
    long StorageWrites,
    long StorageFailures,
    IReadOnlyList<GrainTypeFigures> GrainTypes,
    IReadOnlyList<MethodFigures> Methods,
    IReadOnlyList<HistoryPoint> History,
    IReadOnlyDictionary<string, double> Gauges,
    long PeakMemoryBytes = 0);

public sealed record GrainTypeFigures(string GrainType, long Activations, long Calls, long FailedCalls, double CallsPerSecond, double MeanLatencyMicroseconds);

/// <summary>One grain method's calls since the silo started (Interface.Method).</summary>
public sealed record MethodFigures(string Method, long Calls, long FailedCalls, double MeanLatencyMicroseconds);

/// <summary>One sample of this silo's history, every five seconds.</summary>
public sealed record HistoryPoint(DateTimeOffset At, double CallsPerSecond, double P99LatencyMicroseconds, long Activations, double CpuPercent, long MemoryBytes);
