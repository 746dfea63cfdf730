namespace ComparisonGrid.Gateway.Operations;

/// <summary>The operator's view of the cluster: every silo with its status and figures, and the live streams this gateway holds.</summary>
public sealed record ClusterOverview(IReadOnlyList<SiloOverview> Silos, int OpenStreams);
