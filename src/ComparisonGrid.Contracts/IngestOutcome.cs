using ComparisonGrid.Model;

namespace ComparisonGrid.Contracts;

/// <summary>What an ingest did with one report.</summary>
[GenerateSerializer, Immutable, Alias("cg.IngestOutcome")]
public sealed record IngestOutcome(string Key, RegionRef Region, int Year, IngestStatus Status, int Version, IReadOnlyList<string> Flags);
