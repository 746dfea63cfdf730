namespace ComparisonGrid.Runtime.Membership;

/// <summary>
/// One silo as the membership table records it. The id is address and start generation together, so a silo
/// that restarts on the same address is a new member, and a dead one never comes back.
/// </summary>
public sealed record SiloEntry(
    string SiloId,
    string Address,
    SiloStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    IReadOnlyList<string> SuspectedBy,
    long Etag,
    string? Gateway = null);
