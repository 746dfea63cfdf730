namespace ComparisonGrid.Runtime.Metrics;

/// <summary>One sample of a silo's history, for the operator's charts.</summary>
public sealed record MetricsPoint(DateTimeOffset At, double CallsPerSecond, double P99LatencyMicroseconds, int Activations, double CpuPercent, long MemoryBytes);
