using ComparisonGrid.Runtime.Metrics;

namespace ComparisonGrid.Gateway.Operations;

/// <summary>The operator's view: every silo with its status and runtime figures (one silo until clustering).</summary>
public sealed record ClusterView(IReadOnlyList<SiloView> Silos, int OpenStreams);

public sealed record SiloView(string Name, IReadOnlyList<string> Addresses, string Status, DateTimeOffset StartedAt, RuntimeSnapshot Runtime);

public sealed record HealthView(string Status, string? Detail = null);
