using ComparisonGrid.Runtime.Metrics;

namespace ComparisonGrid.Gateway.Operations;

/// <param name="Runtime">This silo's figures; null for other silos (their own /api/cluster has them).</param>
public sealed record SiloOverview(string Name, IReadOnlyList<string> Addresses, string Status, DateTimeOffset StartedAt, RuntimeSnapshot? Runtime,
    DateTimeOffset? HeartbeatAt, IReadOnlyList<string> SuspectedBy);
