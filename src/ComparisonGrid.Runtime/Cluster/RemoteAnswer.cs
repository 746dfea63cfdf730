namespace ComparisonGrid.Runtime.Cluster;

/// <summary>What another silo answered a call: its result, the exception it threw, or that the grain is not there.</summary>
internal sealed record RemoteAnswer(RemoteOutcome Outcome, object? Result, Exception? Error);
