namespace ComparisonGrid.Cli;

/// <summary>cgrid --cluster found no silo to talk to (none takes clients, none answers, or every one refused this certificate).</summary>
internal sealed class ClusterUnreachableException(string message) : Exception(message);
