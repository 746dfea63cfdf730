namespace ComparisonGrid.Gateway.Operations;

/// <summary>
/// The operator's view of the cluster: every silo with its status and figures, the live streams this gateway holds,
/// and where Orleans' own dashboard is (null when it is off).
/// </summary>
public sealed record ClusterOverview(IReadOnlyList<SiloOverview> Silos, int OpenStreams, string? OrleansDashboard = null);
