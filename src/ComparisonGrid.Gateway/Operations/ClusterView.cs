using ComparisonGrid.Runtime.Metrics;

namespace ComparisonGrid.Gateway.Operations;

/// <summary>The operator's view: every silo with its status and runtime figures (one silo until clustering).</summary>
public sealed record ClusterView(IReadOnlyList<SiloView> Silos, int OpenStreams);

/// <param name="Runtime">This silo's figures; null for other silos (their own /api/cluster has them).</param>
public sealed record SiloView(string Name, IReadOnlyList<string> Addresses, string Status, DateTimeOffset StartedAt, RuntimeSnapshot? Runtime,
    DateTimeOffset? HeartbeatAt, IReadOnlyList<string> SuspectedBy);

public sealed record HealthView(string Status, string? Detail = null);

/// <summary>What comparisons accept: the indicator ids, the themes (id and label) and the levels.</summary>
public sealed record MetaView(IReadOnlyList<string> Indicators, IReadOnlyList<ThemeView> Themes, IReadOnlyList<string> Levels);

public sealed record ThemeView(string Id, string Label);
