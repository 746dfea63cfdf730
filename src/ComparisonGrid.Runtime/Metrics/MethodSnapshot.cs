namespace ComparisonGrid.Runtime.Metrics;

/// <summary>One grain method's calls since the silo started (Interface.Method).</summary>
public sealed record MethodSnapshot(string Method, long Calls, long FailedCalls, double MeanLatencyMicroseconds);
