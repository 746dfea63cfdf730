namespace ComparisonGrid.Gateway.Operations;

/// <param name="Runtime">The silo's figures; null for a silo that is not active.</param>
public sealed record SiloOverview(string Name, IReadOnlyList<string> Addresses, string Status, DateTimeOffset StartedAt, SiloRuntime? Runtime,
    DateTimeOffset? HeartbeatAt, IReadOnlyList<string> SuspectedBy);
