namespace ComparisonGrid.Runtime.Cluster;

internal enum RemoteOutcome
{
    Result,
    Error,
    Moved,
}
