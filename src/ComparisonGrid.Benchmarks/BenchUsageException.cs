namespace ComparisonGrid.Benchmarks;

/// <summary>The benchmark cannot run as asked (an argument is missing, or the data it builds on is not there).</summary>
public sealed class BenchUsageException(string message) : Exception(message);
